/**
 * Authoring in the browser (issue 12 §3), in headless Chromium against the real server: an instructor creates a
 * problem from the scaffold, fills it in Monaco (statement with its live preview), checks it — a stored solution in
 * the wrong verdict folder is reported —, fixes it by renaming the file, publishes, and a learner solves it with no
 * restart. A second version flips the learner's stored verdict and the flip table shows it before Publish. Export
 * gives the CLI folder as a .zip, with the suite the server built. Screenshots go to .tmp/authoring/.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageFromZip } from '../../web/src/lib/package-zip.ts';
import { fixtureFiles, SUM_REDUCE, SUM_REFERENCE, SUM_SKIPS_LAST } from '../helpers/publish-fixture.ts';
import { addUser, ROOT, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { ensureWebBuild, launchChromium } from './chromium.ts';

const SHOTS = path.join(ROOT, '.tmp', 'authoring');
const SLUG = 'dot-sum';
const BUILTIN = 'sliding-window-mask';
const CHECK_TIMEOUT = 300_000;

declare global {
  interface Window {
    judgeAuthorEditor?: { getValue(): string; getModel(): { uri: { path: string }; setValue(v: string): void } | null };
  }
}

describe('authoring a problem in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let authorCtx: BrowserContext;
  let learnerCtx: BrowserContext;
  let author: Page;
  let learner: Page;
  const pageErrors: string[] = [];
  const shot = (p: Page, name: string) => p.screenshot({ path: path.join(SHOTS, `${name}.png`) });

  async function newContext(): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 860 }, acceptDownloads: true });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    return ctx;
  }

  /** Opens a file of the package in the editor and gives it `text` (pasted, as an author would). */
  async function writeFile(p: Page, rel: string, text: string): Promise<void> {
    const button = p.locator(`.file-list button[data-path="${rel}"]`);
    if ((await button.count()) === 0) {
      await p.getByLabel('New file').fill(rel);
      await p.getByRole('button', { name: 'Add', exact: true }).click();
    } else await button.click();
    await p.waitForFunction((r) => window.judgeAuthorEditor?.getModel()?.uri.path.endsWith(`/${r}`), rel);
    await p.evaluate((t) => navigator.clipboard.writeText(t), text);
    await p.locator('[data-testid=package-editor] .view-lines').click();
    await p.keyboard.press('Control+A');
    await p.keyboard.press('Control+V');
    await p.waitForFunction((t) => window.judgeAuthorEditor?.getValue() === t, text, { timeout: 10_000 });
  }

  async function checkAndWait(p: Page, status: 'refused' | 'ready'): Promise<void> {
    await p.getByRole('button', { name: 'Check', exact: true }).click();
    await p.waitForSelector(`[data-testid=revision][data-status="${status}"]`, { timeout: CHECK_TIMEOUT });
  }

  async function submitAs(code: string): Promise<string> {
    await learner.waitForFunction(() => !!window.judgeEditor);
    await learner.evaluate((c) => window.judgeEditor!.setValue(c), code);
    const before = await learner.evaluate(() => document.querySelector('.results')?.getAttribute('data-started'));
    await learner.getByRole('button', { name: 'Submit', exact: true }).click();
    await learner.waitForFunction(
      (prev) => {
        const el = document.querySelector('.results');
        return !!el && el.getAttribute('data-started') !== prev && el.getAttribute('data-phase') === 'done';
      },
      before ?? null,
      { timeout: 180_000 },
    );
    return learner.locator('.headline').innerText();
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensureWebBuild();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'judge-authoring-'));
    await addUser(dataDir, 'instructor', 'ina', 'correct-horse-battery');
    // One built-in problem (inside the repository, so its modules load as ES modules): a quicker boot.
    const problemsDir = mkdtempSync(path.join(ROOT, '.tmp', 'authoring-problems-'));
    cpSync(path.join(ROOT, 'problems', BUILTIN), path.join(problemsDir, BUILTIN), { recursive: true });
    server = await startServerProcess({ GRADER_WORKERS: '1', PROBLEMS_DIR: problemsDir }, dataDir, {
      startTimeoutMs: 280_000,
    });
    browser = await launchChromium();
    authorCtx = await newContext();
    learnerCtx = await newContext();
    author = await authorCtx.newPage();
    learner = await learnerCtx.newPage();
    for (const p of [author, learner]) p.on('pageerror', (e) => pageErrors.push(e.message));
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an instructor signs in and creates a problem from the scaffold', async () => {
    await author.goto(`${server.url}/login`);
    await author.getByLabel('Name').fill('ina');
    await author.getByLabel('Password').fill('correct-horse-battery');
    await author.getByRole('button', { name: 'Sign in' }).click();
    await author.waitForURL('**/authoring');
    await author.locator(`tr[data-problem="${BUILTIN}"]`).waitFor();
    await shot(author, 'authoring-01-list');
    await author.getByLabel('New problem slug').fill(SLUG);
    await author.getByRole('button', { name: 'New problem' }).click();
    await author.waitForURL(`**/authoring/${SLUG}`);
    await author.waitForFunction(() => window.judgeAuthorEditor?.getValue().includes('TODO'));
    expect(await author.locator('.file-list button[data-path]').allInnerTexts()).toEqual(
      expect.arrayContaining(['problem.json', 'statement.md', 'solutions/accepted/reference.ts']),
    );
    // Learners see nothing of it.
    expect((await fetch(`${server.url}/api/problems/${SLUG}`)).status).toBe(404);
  });

  it('fills the package in Monaco, with a live preview of the statement', async () => {
    const files = fixtureFiles(1);
    for (const [rel, text] of Object.entries(files)) await writeFile(author, rel, text);
    // A stored solution in the wrong folder: it skips the last value, yet sits under accepted/.
    await writeFile(author, 'solutions/accepted/fast.ts', SUM_SKIPS_LAST);
    await author.locator('.file-list button[data-path="statement.md"]').click();
    await expect.poll(() => author.getByTestId('statement-preview').locator('h1').innerText()).toBe('Dot sum');
    await shot(author, 'authoring-02-statement-preview');
  }, 120_000);

  it(
    'Check reports the wrong stored solution; renaming it into wrong_answer/ fixes it',
    async () => {
      await checkAndWait(author, 'refused');
      const report = author.getByTestId('check-report');
      expect(await report.getAttribute('data-ok')).toBe('false');
      expect(await report.innerText()).toMatch(/solutions\/accepted\/fast\.ts/);
      await shot(author, 'authoring-03-check-refused');

      await author.locator('.file-list button[data-path="solutions/accepted/fast.ts"]').click();
      await author.getByLabel(/Rename .* to/).fill('solutions/wrong_answer/fast.ts');
      await author.getByRole('button', { name: 'Rename', exact: true }).click();
      await checkAndWait(author, 'ready');
      expect(await report.getAttribute('data-ok')).toBe('true');
      const line = author.locator('.check-lines li[data-file="solutions/wrong_answer/fast.ts"]');
      expect(await line.locator('.badge').innerText()).toBe('WA');
      expect(await author.locator('.check-lines').innerText()).toMatch(/built tests\/suite\.json on the server/);
      await shot(author, 'authoring-04-check-passed');
      // Still nothing for learners before Publish.
      expect((await fetch(`${server.url}/api/problems/${SLUG}`)).status).toBe(404);
    },
    CHECK_TIMEOUT + 60_000,
  );

  it('Publish puts it live, and a learner solves it with no restart', async () => {
    await author.getByRole('button', { name: 'Publish', exact: true }).click();
    await author.waitForSelector('[data-testid=revision][data-status="live"]');
    await author.getByText('live version').waitFor();
    await learner.goto(`${server.url}/`);
    await learner.getByRole('link', { name: 'Dot sum of a signed array' }).click();
    await learner.waitForURL(`**/p/${SLUG}`);
    expect(await submitAs(SUM_REFERENCE)).toContain('Accepted');
    // Code that fails only on an empty array: accepted by this version.
    expect(await submitAs(SUM_REDUCE)).toContain('Accepted');
    await shot(learner, 'authoring-05-learner-accepted');
  }, 400_000);

  it(
    'a new version shows the flip table before Publish',
    async () => {
      const v2 = fixtureFiles(2);
      await writeFile(author, 'tests/edge.json', v2['tests/edge.json']!);
      await writeFile(
        author,
        'solutions/runtime_error/reduce-no-init.ts',
        v2['solutions/runtime_error/reduce-no-init.ts']!,
      );
      await author.getByPlaceholder('What changed (shown to users)').fill('an edge test on the empty array');
      await checkAndWait(author, 'ready');
      const flips = author.getByTestId('flip-table');
      await expect.poll(() => flips.innerText()).toMatch(/1 would change/);
      expect(await flips.locator('tr.flipped').innerText()).toMatch(/AC\s+RE\s+1/);
      await flips.getByRole('button', { name: /AC → RE/ }).click();
      const detail = await author.getByTestId('flip-detail').innerText();
      expect(detail).toContain('values.reduce');
      expect(detail).toMatch(/AC → RE on hidden test \d+/);
      await shot(author, 'authoring-06-flip-table');
      await author.getByRole('button', { name: 'Publish', exact: true }).click();
      await author.waitForSelector('[data-testid=revision][data-status="live"]');
    },
    CHECK_TIMEOUT + 60_000,
  );

  it('Export gives the CLI folder as a .zip, with the suite the server built', async () => {
    const [download] = await Promise.all([
      author.waitForEvent('download'),
      author.getByRole('button', { name: 'Export .zip' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${SLUG}.zip`);
    const zipped = packageFromZip(new Uint8Array(readFileSync((await download.path())!)));
    expect(zipped.slug).toBe(SLUG);
    const live = await (await fetch(`${server.url}/api/problems/${SLUG}`)).json();
    const { 'tests/suite.json': suite, ...sources } = zipped.files;
    expect(sources).toEqual({ ...fixtureFiles(2), 'solutions/wrong_answer/fast.ts': SUM_SKIPS_LAST });
    expect(JSON.parse(suite!).tests.length).toBeGreaterThan(5);
    expect(live.version).toMatch(/^[0-9a-f]{12}$/);
    expect(pageErrors).toEqual([]);
  });
});
