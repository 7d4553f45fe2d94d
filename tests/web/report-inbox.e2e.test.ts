/**
 * "Report this test" and the authors' inbox (issue 12 §3), in headless Chromium against the real server: a learner
 * Runs a wrong solution and reports its failing sample from the card; an instructor signs in, opens the Inbox tab of
 * the Authoring page, opens the report (the code in a read-only Monaco, the test's input and expected output),
 * replays it and sees the same verdict on that test, then resolves it with a note. Screenshots go to .tmp/reports/.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { ensureWebBuild, launchChromium } from './chromium.ts';

const SHOTS = path.join(ROOT, '.tmp', 'reports');
const SLUG = 'sliding-window-mask';
const WRONG = readFileSync(path.join(ROOT, 'problems', SLUG, 'solutions/wrong_answer/no_clamp_at_zero.ts'), 'utf8');
const PASSWORD = 'correct-horse-battery';

// window.judgeEditor is declared by authoring.e2e.test.ts (the page exposes its editor for tests).
declare global {
  interface Window {
    judgeReportEditor?: { getValue(): string };
  }
}

async function addUser(dataDir: string, role: string, name: string): Promise<void> {
  const child = execFile(process.execPath, [path.join(ROOT, 'bin', 'judge.mjs'), 'user', 'add', '--role', role, name], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
  });
  child.stdin!.end(`${PASSWORD}\n`);
  const code = await new Promise((r) => child.on('exit', r));
  if (code !== 0) throw new Error(`judge user add exited with ${String(code)}`);
}

describe('reporting a test and the inbox, in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let learner: Page;
  let author: Page;
  const pageErrors: string[] = [];
  const shot = (p: Page, name: string) => p.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  let sampleName = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensureWebBuild();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'judge-reports-'));
    await addUser(dataDir, 'instructor', 'ina');
    // One built-in problem (inside the repository, so its modules load as ES modules): a quicker boot.
    mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    const problemsDir = mkdtempSync(path.join(ROOT, '.tmp', 'report-problems-'));
    cpSync(path.join(ROOT, 'problems', SLUG), path.join(problemsDir, SLUG), { recursive: true });
    server = await startServerProcess({ GRADER_WORKERS: '1', PROBLEMS_DIR: problemsDir }, dataDir, {
      startTimeoutMs: 280_000,
    });
    browser = await launchChromium();
    learner = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    author = await (await browser.newContext({ viewport: { width: 1366, height: 1000 } })).newPage();
    for (const p of [learner, author]) p.on('pageerror', (e) => pageErrors.push(e.message));
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a learner Runs a wrong solution and reports the failing sample from its card', async () => {
    await learner.goto(`${server.url}/p/${SLUG}`);
    await learner.waitForFunction(
      () => !!window.judgeEditor && window.judgeEditor.getValue().includes('swaMask'),
      null,
      {
        timeout: 60_000,
      },
    );
    await learner.evaluate((c) => window.judgeEditor!.setValue(c), WRONG);
    await learner.getByRole('button', { name: 'Run', exact: true }).click();
    await learner.waitForSelector('.results[data-mode="run"][data-phase="done"]', { timeout: 90_000 });
    const card = learner.locator('.test-card.v-WA').first();
    sampleName = (await card.locator('.test-name').innerText()).trim();
    await card.getByRole('button', { name: 'Report this test' }).click();
    const box = learner.getByLabel(/what looks wrong/);
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill('I clamp at zero like the statement says; is the expected output right?');
    await shot(learner, 'report-01-form');
    await learner.getByRole('button', { name: 'Send report' }).click();
    await learner.getByRole('status').filter({ hasText: 'reached the problem’s authors' }).waitFor();
    await shot(learner, 'report-02-sent');
  }, 180_000);

  it('an instructor opens the inbox, replays the report, sees the verdict, and resolves it', async () => {
    await author.goto(`${server.url}/login`);
    await author.getByLabel('Name').fill('ina');
    await author.getByLabel('Password').fill(PASSWORD);
    await author.getByRole('button', { name: 'Sign in' }).click();
    await author.waitForURL('**/authoring');
    const inboxTab = author.getByRole('tab', { name: 'Inbox (1)' });
    await inboxTab.waitFor();
    await inboxTab.focus();
    await author.keyboard.press('ArrowRight');
    await author.waitForURL('**/authoring?tab=inbox');
    const row = author.locator('.inbox-table tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/sliding-window-mask\s+sample test #\d+/);
    expect(await row.innerText()).toContain('I clamp at zero');
    await shot(author, 'report-03-inbox');
    // "My problems": ina published no problem here (sliding-window-mask comes from the repository), so her own inbox
    // is empty, and the tab's count follows; pressed again, the report is back.
    const minePress = author.getByRole('button', { name: 'My problems' });
    await minePress.click();
    await author.getByText('No open reports on the problems you published.').waitFor();
    expect(await minePress.getAttribute('aria-pressed')).toBe('true');
    await author.getByRole('tab', { name: 'Inbox', exact: true }).waitFor();
    await shot(author, 'report-03b-inbox-mine');
    await minePress.click();
    await expect.poll(() => row.count()).toBe(1);
    await author.getByRole('tab', { name: 'Inbox (1)' }).waitFor();

    await row.getByRole('button', { name: /Open the report on sliding-window-mask/ }).click();
    const detail = author.locator('.report-detail');
    await detail.waitFor();
    await author.waitForFunction((c) => window.judgeReportEditor?.getValue() === c, WRONG, { timeout: 60_000 });
    expect(await detail.innerText()).toContain('the live version');
    expect(await detail.locator('.report-test [aria-label="input"]').innerText()).toMatch(/swa/);
    await shot(author, 'report-04-detail');

    await author.getByRole('button', { name: 'Replay', exact: true }).click();
    const replay = author.locator('.report-replay');
    await replay.waitFor({ timeout: 120_000 });
    expect(await replay.getAttribute('data-verdict')).toBe('WA');
    const facts = await replay.locator('.replay-facts').innerText();
    expect(facts).toMatch(
      /sample test #\d+: the learner's browser said Wrong answer, replayed Wrong answer \(the same\)/,
    );
    const reported = replay.locator('.test-card');
    expect(await reported.innerText()).toContain(sampleName);
    expect(await reported.innerText()).toContain('First difference at');
    await replay.scrollIntoViewIfNeeded();
    await shot(author, 'report-05-replay');

    await author.getByLabel(/Note/).fill('The expected output is right: W counts the query itself.');
    await author.getByRole('button', { name: 'Mark resolved' }).click();
    await author.locator('.report-resolved').filter({ hasText: 'by ina' }).waitFor();
    await expect.poll(() => row.count()).toBe(0);
    await author.getByRole('button', { name: 'Resolved', exact: true }).click();
    await expect.poll(() => row.count()).toBe(1);
    await shot(author, 'report-06-resolved');
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
