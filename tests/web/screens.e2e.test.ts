/**
 * A timed screen end to end in headless Chromium, against the real server: an interviewer signs in and creates a
 * one-minute screen; the candidate opens the link, starts, pastes, runs and submits one problem and edits another
 * without submitting; a second device sees the same clock; the interviewer's report shows verdicts and a replay;
 * when time is up the candidate's editor turns read-only and the unsubmitted draft is graded automatically; a new
 * link replaces a lost one; revoked and invalid links show a clear page. Screenshots go to .tmp/screens/.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, ROOT, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { clickAndWait, ensureWebBuild, launchChromium, pasteCode } from './chromium.ts';

const SCREENS = path.join(ROOT, '.tmp', 'screens');
const SAMPLING = 'top-k-top-p-sampling';
const MERGE = 'k-way-token-merge';
const reference = (slug: string) =>
  readFileSync(path.join(ROOT, 'problems', slug, 'solutions', 'accepted', 'reference.ts'), 'utf8');

describe('timed screens in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let interviewerCtx: BrowserContext;
  let candidateCtx: BrowserContext;
  let interviewer: Page;
  let candidate: Page;
  let link = '';
  let startedAt = 0;
  const pageErrors: string[] = [];

  const shot = (p: Page, name: string) => p.screenshot({ path: path.join(SCREENS, `${name}.png`) });

  async function newContext(): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    return ctx;
  }
  async function newPage(ctx: BrowserContext): Promise<Page> {
    const p = await ctx.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    return p;
  }

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    ensureWebBuild();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'judge-screens-'));
    await addUser(dataDir, 'interviewer', 'irene', 'correct-horse-battery');
    server = await startServerProcess({}, dataDir);
    browser = await launchChromium();
    interviewerCtx = await newContext();
    candidateCtx = await newContext();
    interviewer = await newPage(interviewerCtx);
    candidate = await newPage(candidateCtx);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an interviewer signs in and creates a screen, getting the candidate link once', async () => {
    await interviewer.goto(`${server.url}/screens`);
    await interviewer.getByRole('link', { name: 'Sign in' }).first().click();
    await interviewer.getByLabel('Name').fill('irene');
    await interviewer.getByLabel('Password').fill('wrong-password');
    await interviewer.getByRole('button', { name: 'Sign in' }).click();
    await interviewer.getByText('Wrong name or password.').waitFor();
    await interviewer.getByLabel('Password').fill('correct-horse-battery');
    await interviewer.getByRole('button', { name: 'Sign in' }).click();
    await interviewer.waitForURL('**/screens');

    await interviewer.getByRole('checkbox', { name: /Top-k \/ top-p sampling/ }).check();
    await interviewer.getByRole('checkbox', { name: /K-way/i }).check();
    await interviewer.getByLabel('Duration (minutes)').fill('1');
    await interviewer.getByLabel('Candidate name (optional)').fill('Ada <b>Lovelace</b>');
    await interviewer.getByRole('button', { name: 'Create screen' }).click();
    const input = interviewer.getByTestId('candidate-link');
    await input.waitFor();
    link = await input.inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/screen/[A-Za-z0-9_-]{32,}$`));
    // The name is text, not markup.
    await expect
      .poll(() => interviewer.locator('tr[data-screen]').first().innerText())
      .toContain('Ada <b>Lovelace</b>');
    expect(await interviewer.locator('tr[data-screen] b').count()).toBe(0);
    await shot(interviewer, 'screen-01-created');
  });

  it('the candidate sees the intro, starts, and the clock is the server’s', async () => {
    await candidate.goto(link);
    await candidate.getByRole('heading', { name: 'Welcome, Ada <b>Lovelace</b>' }).waitFor();
    expect(await candidate.locator('.intro-problems li').count()).toBe(2);
    // Nothing of the practice site is offered to a candidate.
    expect(await candidate.getByRole('link', { name: 'Problems' }).count()).toBe(0);
    await shot(candidate, 'screen-02-intro');
    await candidate.getByRole('button', { name: 'Start the screen' }).click();
    startedAt = Date.now();
    await candidate.getByTestId('countdown').waitFor();
    await expect.poll(() => candidate.getByTestId('countdown').innerText()).toMatch(/^0:[0-5]\d left$/);
    await candidate.waitForFunction(() => window.judgeEditor?.getValue().includes('filterProbs'));
  });

  it('Run and Submit work as usual; pastes, runs and focus changes are recorded', async () => {
    await pasteCode(candidate, reference(SAMPLING));
    expect(await clickAndWait(candidate, 'Run')).toContain('Accepted');
    expect(await clickAndWait(candidate, 'Submit')).toContain('Accepted');
    await candidate.evaluate(() => {
      window.dispatchEvent(new Event('blur'));
      window.dispatchEvent(new Event('focus'));
    });
    await shot(candidate, 'screen-03-candidate-accepted');

    // The second problem is edited but never submitted: the end of time grades it.
    await candidate.getByRole('button', { name: /^2\. / }).click();
    await candidate.waitForFunction(() => window.judgeEditor?.getValue().includes('mergeShards'));
    await pasteCode(candidate, reference(MERGE));
    await candidate.waitForSelector('.save-state:text("Saved")', { timeout: 15_000 });
  });

  it('a second device shows the same remaining time, without the intro', async () => {
    const other = await newContext();
    const p2 = await newPage(other);
    await p2.goto(link);
    await p2.getByTestId('countdown').waitFor();
    const seconds = async (p: Page): Promise<number> => {
      const m = /(\d+):(\d\d)/.exec(await p.getByTestId('countdown').innerText());
      return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
    };
    // Read the first device before and after the second: the clock runs while the reads take their time, so the
    // second device's figure must lie between the two, give or take a second of rounding on each side.
    const before = await seconds(candidate);
    const b = await seconds(p2);
    const after = await seconds(candidate);
    expect(b).toBeGreaterThanOrEqual(after - 1);
    expect(b).toBeLessThanOrEqual(before + 1);
    await other.close();
  });

  it('the report shows verdicts, submissions and a replay with marks', async () => {
    // Let the candidate's browser send its snapshots (taken every few seconds).
    await candidate.waitForTimeout(9000);
    await interviewer.goto(`${server.url}/screens`);
    await interviewer.getByRole('link', { name: 'Report' }).first().click();
    await interviewer.waitForSelector(`tr[data-problem="${SAMPLING}"]`);
    await expect
      .poll(() => interviewer.locator(`tr[data-problem="${SAMPLING}"]`).innerText(), { timeout: 20_000 })
      .toContain('Accepted');
    for (const kind of ['run', 'submit', 'paste', 'blur', 'focus'])
      expect(await interviewer.locator(`.lane .k-${kind}`).count(), kind).toBeGreaterThan(0);
    // Jump to the submission: the replay shows the submitted code.
    await interviewer.locator('.lane .k-submit').first().click();
    expect(await interviewer.locator('.replay-step').innerText()).toContain('Submitted: Accepted');
    expect(await interviewer.getByTestId('replay-code').innerText()).toContain('export function filterProbs');
    await interviewer.locator('.lane .k-paste').first().click();
    expect(await interviewer.locator('.replay-step').innerText()).toMatch(/Pasted \d+ characters/);
    await shot(interviewer, 'screen-04-report-live');
  });

  it('when time is up the editor is read-only and the last draft is graded automatically', async () => {
    const wait = startedAt + 62_000 - Date.now();
    if (wait > 0) await candidate.waitForTimeout(wait);
    await candidate.getByText('Time is up', { exact: true }).waitFor({ timeout: 15_000 });
    expect(await candidate.getByRole('button', { name: 'Submit', exact: true }).isDisabled()).toBe(true);
    expect(await candidate.getByRole('button', { name: 'Run', exact: true }).isDisabled()).toBe(true);
    const before = await candidate.evaluate(() => window.judgeEditor!.getValue());
    await candidate.locator('.monaco-editor .view-lines').click();
    await candidate.keyboard.type('typed after the end');
    expect(await candidate.evaluate(() => window.judgeEditor!.getValue())).toBe(before);
    await shot(candidate, 'screen-05-time-up');

    // After the grace period the server grades the unsubmitted draft; the report shows it.
    await interviewer.reload();
    await expect
      .poll(() => interviewer.locator(`tr[data-problem="${MERGE}"]`).innerText(), { timeout: 60_000, interval: 2000 })
      .toContain('Accepted');
    expect(await interviewer.getByTestId('report-phase').getAttribute('data-phase')).toBe('over');
    expect(await interviewer.locator('.tag', { hasText: 'graded at the end' }).count()).toBe(1);
    await shot(interviewer, 'screen-06-report-final');
    // The export is the same report as JSON.
    const exported = await interviewer.evaluate(
      async (url) => (await fetch(url)).json(),
      interviewer.url().replace('/screens/', '/api/screens/') + '/report?download=1',
    );
    expect(exported.problems.map((p: { finalVerdict: string }) => p.finalVerdict)).toEqual(['AC', 'AC']);
  });

  it('a lost link is replaced, and a revoked link and a wrong link show a clear page', async () => {
    await interviewer.goto(`${server.url}/screens`);
    await interviewer.getByRole('checkbox', { name: /Top-k \/ top-p sampling/ }).check();
    await interviewer.getByRole('button', { name: 'Create screen' }).click();
    await interviewer.getByTestId('candidate-link').waitFor();
    const first = await interviewer.getByTestId('candidate-link').inputValue();
    // A lost link can be replaced: the old one stops working.
    interviewer.once('dialog', (d) => void d.accept());
    await interviewer.locator('tr[data-screen]').first().getByRole('button', { name: 'New link' }).click();
    await expect.poll(() => interviewer.getByTestId('candidate-link').inputValue()).not.toBe(first);
    const second = await interviewer.getByTestId('candidate-link').inputValue();
    await candidate.goto(first);
    await candidate.getByRole('heading', { name: 'This link is not valid' }).waitFor();
    await candidate.goto(second);
    await candidate.getByRole('button', { name: 'Start the screen' }).waitFor();
    interviewer.once('dialog', (d) => void d.accept());
    await interviewer.locator('tr[data-screen]').first().getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => interviewer.locator('tr[data-screen]').first().innerText()).toContain('Revoked');
    await candidate.goto(second);
    await candidate.getByRole('heading', { name: 'This screen was cancelled' }).waitFor();
    await shot(candidate, 'screen-07-revoked');
    await candidate.goto(`${server.url}/screen/not-a-real-token-at-all`);
    await candidate.getByRole('heading', { name: 'This link is not valid' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
