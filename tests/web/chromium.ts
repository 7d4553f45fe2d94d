/**
 * A system headless Chromium driven by playwright-core (no browser download), isolated from the outside network.
 * `npm test` runs scripts/ensure-chromium.mjs first (which installs Debian's chromium as root when there is none);
 * a test file run on its own finds the same browser here, or fails with the one line that says what to install.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
// @ts-expect-error: a plain .mjs script without declarations (shared with `npm test`)
import { findChromium, INSTALL_HINT } from '../../scripts/ensure-chromium.mjs';
import { ROOT } from '../helpers/server-process.ts';

const found = (findChromium as () => string | null)();
export const haveChromium = found !== null;

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
  if (!found) throw new Error(INSTALL_HINT as string);
  return chromium.launch({ executablePath: found, args: CHROMIUM_ARGS, headless: true });
}

/** Builds web/dist if it is missing or older than its sources (the server serves it). */
export function ensureWebBuild(): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'ensure-web-build.mjs'), '--strict'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('the web app failed to build');
}
