/**
 * Web app figures: the production bundle's size (gzip) split into what the first page loads and what is loaded on
 * demand (Monaco, the engine, KaTeX); the time until the editor is usable on a local load in headless Chromium
 * (performance marks of the app); and the latency of Run on the samples after warm-up (target ≤ 100 ms).
 *
 *   npm run bench:web            (needs /usr/bin/chromium; builds web/dist when it is stale)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, startServerProcess } from '../tests/helpers/server-process.ts';
import { ensureWebBuild, haveChromium, launchChromium } from '../tests/web/chromium.ts';

const SLUG = 'top-k-top-p-sampling';
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const LOADS = Number(process.env.BENCH_LOADS ?? 5);

const GROUPS: Array<[string, RegExp]> = [
  ['app (first page)', /^index-/],
  [
    'monaco (editor + workers)',
    /^(editor\.api|monaco-setup|tsMode|typescript-|editor\.worker|ts\.worker|codicon|editor-)/,
  ],
  ['engine (esbuild + QuickJS)', /^(run-|sandbox-worker|emscripten-module|esbuild-|ffi-|module-)/],
  ['katex (only with math)', /^(katex|KaTeX_)/],
];

const kb = (n: number): string => `${(n / 1024).toFixed(0).padStart(7)} KiB`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

function sizes(): void {
  const dir = path.join(ROOT, 'web', 'dist', 'assets');
  const totals = new Map<string, { raw: number; gz: number; files: number }>();
  for (const f of readdirSync(dir)) {
    const group = GROUPS.find(([, re]) => re.test(f))?.[0] ?? 'other';
    const bytes = readFileSync(path.join(dir, f));
    const t = totals.get(group) ?? { raw: 0, gz: 0, files: 0 };
    t.raw += statSync(path.join(dir, f)).size;
    t.gz += gzipSync(bytes, { level: 9 }).length;
    t.files++;
    totals.set(group, t);
  }
  console.log('\nProduction bundle (web/dist/assets), gzip -9:');
  console.log(`  ${'group'.padEnd(30)} ${'raw'.padStart(11)} ${'gzip'.padStart(11)}  files`);
  for (const [g, t] of totals) console.log(`  ${g.padEnd(30)} ${kb(t.raw)} ${kb(t.gz)}  ${t.files}`);
  const get = (g: string): number => totals.get(g)?.gz ?? 0;
  const app = get('app (first page)');
  const withMonaco = app + get('monaco (editor + workers)');
  console.log(
    `  → first page without Monaco: ${kb(app).trim()} gzip; problem page with Monaco: ${kb(withMonaco).trim()}; + engine: ${kb(withMonaco + get('engine (esbuild + QuickJS)')).trim()}`,
  );
}

async function browserFigures(): Promise<void> {
  const server = await startServerProcess();
  const browser = await launchChromium();
  try {
    const reference = readFileSync(path.join(ROOT, 'problems', SLUG, 'solutions', 'accepted', 'reference.ts'), 'utf8');
    const ready: number[] = [];
    const readyWarm: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      // A fresh context each time: a cold HTTP cache, like a first visit.
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/p/${SLUG}`);
      await page.waitForFunction(() => performance.getEntriesByName('judge:editor-ready').length > 0, undefined, {
        timeout: 60_000,
      });
      ready.push(await page.evaluate(() => performance.getEntriesByName('judge:editor-ready')[0]!.startTime));
      await page.reload();
      await page.waitForFunction(() => performance.getEntriesByName('judge:editor-ready').length > 0, undefined, {
        timeout: 60_000,
      });
      readyWarm.push(await page.evaluate(() => performance.getEntriesByName('judge:editor-ready')[0]!.startTime));
      await context.close();
    }
    console.log('\nTime until the editor is usable (navigation start → Monaco created with the draft), local server:');
    console.log(
      `  first visit (cold cache): median ${median(ready).toFixed(0)} ms  (${ready.map((x) => x.toFixed(0)).join(', ')})`,
    );
    console.log(
      `  reload (warm cache):      median ${median(readyWarm).toFixed(0)} ms  (${readyWarm.map((x) => x.toFixed(0)).join(', ')})`,
    );

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/p/${SLUG}`);
    await page.waitForFunction(() => (window as { judgeEngineReady?: boolean }).judgeEngineReady === true, undefined, {
      timeout: 60_000,
    });
    const engineReady = await page.evaluate(() => performance.getEntriesByName('judge:engine-ready')[0]!.startTime);
    await page.evaluate(
      (c) => (window as unknown as { judgeEditor: { setValue(v: string): void } }).judgeEditor.setValue(c),
      reference,
    );
    const click: number[] = [];
    const engine: number[] = [];
    let verdict = '';
    for (let i = 0; i < RUNS + 1; i++) {
      const before = await page.evaluate(
        () => document.querySelector('.results')?.getAttribute('data-started') ?? null,
      );
      const t0 = Date.now();
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.waitForFunction((prev) => {
        const el = document.querySelector('.results');
        return !!el && el.getAttribute('data-started') !== prev && el.getAttribute('data-phase') === 'done';
      }, before);
      const wall = Date.now() - t0;
      const measured = await page.evaluate(() => performance.getEntriesByName('judge:run').at(-1)!.duration);
      verdict = await page.locator('.headline-verdict').innerText();
      if (i === 0) continue; // the first run after warm-up is reported apart
      click.push(wall);
      engine.push(measured);
    }
    const samples = await page.locator('.test-card').count();
    console.log(
      `\nRun on the ${samples} samples of ${SLUG} (reference solution, verdict ${verdict}), engine warmed in ${engineReady.toFixed(0)} ms after navigation:`,
    );
    console.log(
      `  compile + run + check (in page):  median ${median(engine).toFixed(1)} ms, p90 ${pct(engine, 0.9).toFixed(1)} ms  (target ≤ 100 ms)`,
    );
    console.log(
      `  click → results on screen:       median ${median(click).toFixed(0)} ms, p90 ${pct(click, 0.9).toFixed(0)} ms  (includes the test driver's polling)`,
    );
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

ensureWebBuild();
sizes();
if (!haveChromium)
  console.log('\n(no Chromium found: skipping the browser figures; run node scripts/ensure-chromium.mjs)');
else await browserFigures();
