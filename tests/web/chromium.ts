/**
 * A system headless Chromium driven by playwright-core (no browser download), isolated from the outside network.
 * `npm test` runs scripts/ensure-chromium.mjs first (which installs Debian's chromium as root when there is none);
 * a test file run on its own finds the same browser here, or fails with the one line that says what to install.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
// @ts-expect-error: a plain .mjs script without declarations (shared with `npm test`)
import { findChromium, INSTALL_HINT } from '../../scripts/ensure-chromium.mjs';
import { ROOT } from '../helpers/server-process.ts';

declare global {
  interface Window {
    /** The problem page's Monaco editor (web/src exposes it for tests). */
    judgeEditor?: { getValue(): string; setValue(v: string): void; getModel(): unknown };
  }
}

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

/** Replaces the editor's code the way a user does: paste from the clipboard over a select-all. */
export async function pasteCode(page: Page, code: string): Promise<void> {
  await page.evaluate((c) => navigator.clipboard.writeText(c), code);
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.waitForFunction((c) => window.judgeEditor?.getValue() === c, code, { timeout: 10_000 });
}

/**
 * Clicks Run or Submit (or presses its shortcut in the editor) and waits until the outcome it started is done;
 * returns the headline.
 */
export async function clickAndWait(
  page: Page,
  name: 'Run' | 'Submit',
  opts: { timeout?: number; via?: 'click' | 'shortcut' } = {},
): Promise<string> {
  const before = await page.evaluate(() => document.querySelector('.results')?.getAttribute('data-started') ?? null);
  if (opts.via === 'shortcut') {
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press(name === 'Run' ? 'Control+Enter' : 'Control+Shift+Enter');
  } else await page.getByRole('button', { name, exact: true }).click();
  await page.waitForFunction(
    (prev) => {
      const el = document.querySelector('.results');
      return (
        !!el &&
        el.getAttribute('data-started') !== prev &&
        ['done', 'failed'].includes(el.getAttribute('data-phase') ?? '')
      );
    },
    before,
    { timeout: opts.timeout ?? 120_000 },
  );
  return page.locator('.headline').innerText();
}
