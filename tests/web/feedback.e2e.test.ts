/**
 * Feedback beyond the suite (issue 15 §1, §2) in real headless Chromium against the real server: the Custom input tab
 * shows the reference's output for the user's inputs (and the validator's message for an invalid one), Run then
 * checks those inputs, and *Find a counterexample* finds and shrinks one for a stored wrong solution. Screenshots go
 * to .tmp/screens/feedback-*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { ensureWebBuild, launchChromium } from './chromium.ts';

const SCREENS = path.join(ROOT, '.tmp', 'screens');
const SLUG = 'sliding-window-mask';
const wrong = readFileSync(path.join(ROOT, 'problems', SLUG, 'solutions/wrong_answer/window_w_plus_one.ts'), 'utf8');

// window.judgeEditor is declared by app.e2e.test.ts (the page exposes its editor for tests).

describe('feedback in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENS, `feedback-${name}.png`) });

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    ensureWebBuild();
    server = await startServerProcess();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/p/${SLUG}`);
    await page.waitForFunction(() => !!window.judgeEditor && window.judgeEditor.getValue().includes('swaMask'), null, {
      timeout: 60_000,
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("custom inputs get the reference's output, or the validator's message", async () => {
    await page.getByRole('tab', { name: /Custom input/ }).click();
    await page
      .locator('#custom-input-text')
      .fill('[\n  {"fn": "swaRanges", "args": [3, 3, 2]},\n  {"fn": "swaRanges", "args": [3, 3, 0]}\n]');
    await page.getByRole('button', { name: 'Show expected outputs' }).click();
    await page.waitForSelector('.expected-item[data-status="ok"]', { timeout: 60_000 });
    const ok = await page.locator('.expected-item[data-status="ok"]').innerText();
    expect(ok.replace(/\s+/g, '')).toContain('[[0,0],[0,1],[1,2]]');
    const invalid = await page.locator('.expected-item[data-status="invalid"]').innerText();
    expect(invalid).toContain('W = 0 is outside [1, 1000000000]');
    await page.locator('.expected-item[data-status="invalid"]').scrollIntoViewIfNeeded();
    await shot('expected-outputs');
  });

  it('Run checks a custom input that has an expected output', async () => {
    await page.evaluate((c) => window.judgeEditor!.setValue(c), wrong);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForSelector('.results[data-mode="run"][data-phase="done"]', { timeout: 90_000 });
    // The checked custom input fails (W + 1 keys in its window); the unchecked one (W = 0) only ran (and threw).
    const checked = page.locator('.test-card.v-WA', { hasText: 'custom 1' });
    await expect.poll(() => checked.count()).toBe(1);
    expect(await checked.textContent()).toContain('Expected');
    await shot('run-checks-custom');
  });

  it('finds a counterexample for a wrong solution and shrinks it', async () => {
    await page.getByRole('button', { name: 'Find a counterexample' }).click();
    await page.waitForSelector('.results.counterexample[data-phase="done"]', { timeout: 120_000 });
    expect(await page.locator('.results.counterexample').getAttribute('data-status')).toBe('found');
    const headline = await page.locator('.results.counterexample .headline').innerText();
    expect(headline).toContain('Counterexample found');
    expect(headline).toMatch(/shrunk (from [\d,]+ characters? to [\d,]+ characters?|to smaller values)/);
    const card = page.locator('.counterexample-card .test-card');
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Expected');
    expect(text).toContain('Your output');
    expect(text).toMatch(/First difference at out/);
    // The minimal input for this bug: one query over two keys with W = 1.
    expect((await card.locator('[aria-label="input"]').innerText()).replace(/\s+/g, '')).toBe('swaMask(1,2,1)');
    const original = (await page.locator('.counterexample-original [aria-label="input"]').textContent()) ?? '';
    console.log(`counterexample: ${headline.replace(/\s+/g, ' ')}; before shrinking: ${original.replace(/\s+/g, '')}`);
    await shot('counterexample');
    expect(pageErrors).toEqual([]);
  });
});
