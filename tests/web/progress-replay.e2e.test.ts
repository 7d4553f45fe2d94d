/**
 * Issue 15 §3 and §4 in headless Chromium against the real server. A learner submits three times from the editor,
 * opens the progress page (solved and attempted, the best steps against the reference's, today in the calendar),
 * and signs up, keeping that history. A candidate runs three versions of a solution and submits the last; the
 * interviewer's report shows the re-graded lane (samples passed, a regression, accepted) and a point opens that
 * version's code and verdict. Screenshots go to .tmp/screens/.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, ROOT, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { clickAndWait, ensureWebBuild, launchChromium, pasteCode } from './chromium.ts';

const SCREENS = path.join(ROOT, '.tmp', 'screens');
const MASK = 'sliding-window-mask';
const SAMPLING = 'top-k-top-p-sampling';
const solution = (slug: string, folder: string, name: string) =>
  readFileSync(path.join(ROOT, 'problems', slug, 'solutions', folder, `${name}.ts`), 'utf8');

describe('progress and the replay lane in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  const pageErrors: string[] = [];

  const shot = (p: Page, name: string) => p.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });

  async function newPage(): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return { ctx, page };
  }

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    ensureWebBuild();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'judge-progress-'));
    await addUser(dataDir, 'interviewer', 'irene', 'correct-horse-battery');
    server = await startServerProcess({}, dataDir);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the progress page after three submissions, then a sign-up that keeps them', async () => {
    const { page } = await newPage();
    const submit = async (slug: string, code: string, verdict: string) => {
      await page.goto(`${server.url}/p/${slug}`);
      await page.waitForFunction(() => (window.judgeEditor?.getValue().length ?? 0) > 0);
      await pasteCode(page, code);
      expect(await clickAndWait(page, 'Submit')).toContain(verdict);
    };
    await submit(MASK, solution(MASK, 'wrong_answer', 'empty_slot_not_minus_one'), 'Wrong answer');
    await submit(MASK, solution(MASK, 'accepted', 'reference'), 'Accepted');
    await submit(SAMPLING, solution(SAMPLING, 'wrong_answer', 'greedy_last_max'), 'Wrong answer');

    await page.getByRole('link', { name: 'Progress', exact: true }).click();
    await page.waitForURL('**/progress');
    await expect.poll(() => page.getByTestId('solved').innerText()).toBe('1');
    expect(await page.getByTestId('attempted').innerText()).toBe('2');
    expect(await page.getByTestId('streak').innerText()).toBe('1 day');
    expect(await page.getByTestId('who').innerText()).toBe('Anonymous, in this browser');
    const mask = page.locator(`tr[data-problem="${MASK}"]`);
    expect(await mask.innerText()).toContain('Solved');
    expect(await mask.innerText()).toContain('as cheap as the reference');
    expect(await page.locator(`tr[data-problem="${SAMPLING}"]`).innerText()).toMatch(/Attempted · best \d+\/\d+ tests/);
    expect(await page.locator('tr[data-difficulty="easy"]').innerText()).toContain('1/');
    // Today holds the three submissions.
    const today = page.locator('.calendar-day.today');
    expect(await today.getAttribute('title')).toMatch(/3 submissions, 1 accepted/);
    expect(await today.getAttribute('class')).toMatch(/\bl[1-4]\b/);
    await shot(page, 'progress-01-anonymous');
    await mask.scrollIntoViewIfNeeded();
    await shot(page, 'progress-01b-problems');

    await page.getByLabel('Name').fill('lea-learner');
    await page.getByLabel('Password (8 characters or more)').fill('long-password-1');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('status').filter({ hasText: 'Account created' }).waitFor();
    expect(await page.getByRole('status').innerText()).toContain('3 submissions');
    await expect.poll(() => page.getByTestId('who').innerText()).toBe('Signed in as lea-learner');
    expect(await page.getByTestId('solved').innerText()).toBe('1');
    expect(await page.locator('.whoami').innerText()).toContain('lea-learner (learner)');
    await shot(page, 'progress-02-signed-up');

    // Another browser signs in and sees the same record.
    const { page: other } = await newPage();
    await other.goto(`${server.url}/login`);
    await other.getByLabel('Name').fill('lea-learner');
    await other.getByLabel('Password').fill('long-password-1');
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other.waitForURL('**/progress');
    await expect.poll(() => other.getByTestId('solved').innerText()).toBe('1');
    expect(await other.getByTestId('attempted').innerText()).toBe('2');
  }, 400_000);

  it('a screen report shows the re-graded lane, and a point opens that version', async () => {
    const { page: boss } = await newPage();
    await boss.goto(`${server.url}/login`);
    await boss.getByLabel('Name').fill('irene');
    await boss.getByLabel('Password').fill('correct-horse-battery');
    await boss.getByRole('button', { name: 'Sign in' }).click();
    await boss.waitForURL('**/screens');
    const created = await boss.evaluate(async (problem) => {
      const r = await fetch('/api/screens', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ problems: [problem], durationMinutes: 30, candidateName: 'Grace' }),
      });
      return (await r.json()) as { screen: { id: string }; link: string };
    }, MASK);

    const { page: cand } = await newPage();
    await cand.goto(`${server.url}${created.link}`);
    await cand.getByRole('button', { name: 'Start the screen' }).click();
    await cand.waitForFunction(() => window.judgeEditor?.getValue().includes('swaMask'));
    // Three versions, each run (a run records a snapshot): all samples pass, a regression, then correct.
    for (const code of [
      solution(MASK, 'wrong_answer', 'empty_slot_not_minus_one'),
      solution(MASK, 'wrong_answer', 'window_w_plus_one'),
      solution(MASK, 'accepted', 'reference'),
    ]) {
      await pasteCode(cand, code);
      await clickAndWait(cand, 'Run');
    }
    expect(await clickAndWait(cand, 'Submit')).toContain('Accepted');

    await boss.goto(`${server.url}/screens/${created.screen.id}`);
    const lane = boss.locator(`.tests-lane[data-problem="${MASK}"]`);
    // The candidate's browser sends its timeline every few seconds; the lane fills as the codes are graded.
    // Tests passed per point, repeats of one version collapsed (a timed snapshot may precede a run's), and without
    // the starter (RE, 6 tests pass) in case the editor recorded it before the first paste.
    const story = async (): Promise<string[]> => {
      const passed = await lane
        .locator('.lane-point')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-passed') ?? ''));
      return passed.filter((v, i) => v !== passed[i - 1]).filter((v) => v !== '6');
    };
    await expect
      .poll(
        async () => {
          await boss.reload();
          await lane.waitFor();
          return story();
        },
        { timeout: 90_000, interval: 3000 },
      )
      .toEqual(['68', '38', '72']);
    // The last point is the submission.
    expect(await lane.locator('.lane-point').last().getAttribute('aria-label')).toMatch(/Submission: Accepted 72\/72/);
    expect(await lane.locator('.lane-point.samples-pass').count()).toBe(1);
    expect(await lane.locator('.lane-point.pt-fell').count()).toBe(1);
    const facts = await boss.locator(`.lane-facts li[data-problem="${MASK}"]`).innerText();
    expect(facts).toMatch(/best 72\/72 tests · samples first passed at \d+:\d\d · every test passed at/);
    expect(facts).toContain('1 regression');

    await lane.locator('.lane-point[data-passed="68"]').first().click();
    expect(await boss.getByTestId('replay-verdict').innerText()).toMatch(/Wrong answer · 68\/72 tests · samples 4\/4/);
    expect(await boss.getByTestId('replay-code').innerText()).toContain('WRONG ANSWER');
    expect(await boss.locator('.test-cells .test-cell').count()).toBe(72);
    await boss.locator('.replay').scrollIntoViewIfNeeded();
    await shot(boss, 'progress-03-report-lane');
    await lane.locator('.lane-point.pt-fell').click();
    expect(await boss.getByTestId('replay-verdict').innerText()).toContain('38/72');
    expect(pageErrors).toEqual([]);
  }, 400_000);
});
