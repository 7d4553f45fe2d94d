/** Debian's headless Chromium driven by playwright-core (no browser download), isolated from the outside network. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ROOT } from '../helpers/server-process.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-features=AutofillServerCommunication',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Builds web/dist if it is missing or older than its sources (the server serves it). */
export function ensureWebBuild(): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'ensure-web-build.mjs'), '--strict'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the web app failed to build');
}
