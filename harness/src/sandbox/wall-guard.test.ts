/**
 * The wall clock stops only code that makes no progress (supervisor.ts), with the real engine in the Node pool:
 * interpreted work that takes many times `wallMs` on this machine still ends with its own outcome (the step budget
 * bounds it, not the machine's speed); a long native operation, which sends no progress, is still killed about
 * wallMs + grace after its last progress; an interpreted endless loop with a huge budget ends at the absolute cap.
 * (The same supervisor with a scripted worker under both hosts: supervisor.test.ts.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sumProblem } from '../../../tests/helpers/sum-problem.ts';
import type { EsbuildApi } from '../compile/transpile.ts';
import { gradeSubmission, gradeToEnd, type GradableTest, type GradeSummary } from '../grade.ts';
import { nodeEsbuild } from '../node/esbuild.ts';
import { WorkerPool } from '../node/pool.ts';

const WALL_MS = 300;
/**
 * A window without progress of 2.5 s (25 progress reports), so that a worker thread a loaded machine holds back is
 * not taken for a stalled one: at load 20 on 2 cores, gaps between reports of 0.4 s were measured, and a 1 s window
 * failed once in four runs. (The production window is wallMs + grace = 11 s.)
 */
const GRACE_MS = 2200;
const WINDOW_MS = WALL_MS + GRACE_MS;
/** The cap of the second pool: small, so that the endless loop below ends soon. */
const CAP_MS = 1500;

let pool: WorkerPool;
let capped: WorkerPool;
const incidents: string[] = [];
const cappedIncidents: string[] = [];
let esbuild: EsbuildApi;
beforeAll(async () => {
  pool = new WorkerPool({ size: 1, killGraceMs: GRACE_MS, onIncident: (m) => incidents.push(m) });
  // A long grace: the engine's own soft cap must end the loop first, even on a loaded machine.
  capped = new WorkerPool({
    size: 1,
    killGraceMs: 3000,
    wallCapMs: CAP_MS,
    onIncident: (m) => cappedIncidents.push(m),
  });
  esbuild = await nodeEsbuild();
  await Promise.all([pool.ready(), capped.ready()]);
});
afterAll(() => Promise.all([pool.close(), capped.close()]));
// Each test looks at its own incidents only.
beforeEach(() => {
  incidents.length = 0;
  cappedIncidents.length = 0;
});

/** Interpreted work: `a[0]` iterations of a small loop (then `a[1]` = 1 makes it stall in native code). */
const LOOP = `export function sum(a: number[]): number {
  let s = 0;
  for (let i = 0; i < a[0]; i++) s = (s + (i & 1023)) % 1000003;
  if (a[1] === 1) return new Array(2 ** 31).join("x").length;
  return s;
}`;
const expectedOf = (n: number): number => {
  let s = 0;
  for (let i = 0; i < n; i++) s = (s + (i & 1023)) % 1000003;
  return s;
};
const test = (n: number, stepBudget: number, stall = false): GradableTest => ({
  id: 'h1',
  group: 'hidden',
  name: 'loop',
  input: { fn: 'sum', args: [[n, stall ? 1 : 0]] },
  expected: expectedOf(n),
  stepBudget,
});

/**
 * How many iterations of LOOP take about `ms` of wall time on this machine now, and their steps: measured on a run
 * of a known size (under a generous wall clock), so the tests below do not depend on how loaded the machine is.
 */
async function calibrate(ms: number): Promise<{ n: number; steps: number }> {
  const n0 = 2_000_000;
  const r = await gradeToEnd({
    source: LOOP,
    problem: sumProblem({ wallMs: 60_000 }),
    tests: [test(n0, 1e9)],
    esbuild,
    executor: pool,
    reveal: 'all',
  });
  const run = r.results[0]!;
  expect(run.verdict).toBe('AC');
  const n = Math.ceil((n0 * ms) / Math.max(1, run.wallMs ?? 1));
  return { n, steps: Math.ceil((run.steps * n) / n0) };
}

describe('the wall clock stops only code that makes no progress (real engine, Node pool)', () => {
  it('interpreted work far past wallMs + grace, within its step budget, ends with its own outcome (AC)', async () => {
    // ~6 s of interpretation on this machine, more than twice the old kill at wallMs + grace (2.5 s). A machine whose
    // load drops after the calibration runs it faster: then the work grows and it runs again (the verdict must be AC
    // every time; only the wall time is the machine's).
    let { n, steps } = await calibrate(6000);
    let run;
    for (let attempt = 0; ; attempt++) {
      const r = await gradeToEnd({
        source: LOOP,
        problem: sumProblem({ wallMs: WALL_MS }),
        tests: [test(n, 4 * steps)],
        esbuild,
        executor: pool,
        reveal: 'all',
      });
      run = r.results[0]!;
      expect(run.verdict).toBe('AC');
      if ((run.wallMs ?? 0) > WINDOW_MS || attempt === 3) break;
      const grow = (2 * WINDOW_MS) / Math.max(1, run.wallMs ?? 1);
      n = Math.ceil(n * grow);
      steps = Math.ceil(steps * grow);
    }
    expect(run.message).toBeUndefined();
    expect(run.verdict).toBe('AC');
    expect(run.steps).toBeGreaterThan(0);
    expect(run.steps).toBeLessThan(4 * steps);
    // The point of the test: it did run past the old guard.
    expect(run.wallMs).toBeGreaterThan(WINDOW_MS);
    expect(incidents).toEqual([]);
  });

  it('a host thread held up past the window does not kill a test whose progress arrived meanwhile', async () => {
    // The guard's timer falls due while this thread is busy; the worker's progress is already queued behind it.
    const { n, steps } = await calibrate(6000);
    const events = gradeSubmission({
      source: LOOP,
      problem: sumProblem({ wallMs: WALL_MS }),
      tests: [test(n, 4 * steps)],
      esbuild,
      executor: pool,
      reveal: 'all',
    });
    let summary: GradeSummary | undefined;
    for await (const e of events) {
      if (e.type === 'test-started') {
        // Held in a callback of another kind than the worker's messages (a long request handler, a big checker run
        // on another submission's output): the next turn of the event loop runs due timers before it reads the
        // messages that came in meanwhile. (A hold inside a message handler would not show it: Node reads on.)
        setImmediate(() => {
          const until = performance.now() + WINDOW_MS + 1000;
          while (performance.now() < until) {
            // hold this thread, as a loaded machine or a long synchronous task would
          }
        });
      }
      if (e.type === 'done') summary = e.summary;
    }
    expect(summary?.verdict).toBe('AC');
    expect(incidents).toEqual([]);
  });

  it('a long native operation after some interpreted work is killed about wallMs + grace after its last progress; the pool recovers', async () => {
    // ~3 s of interpretation (progress), then a native stall (no progress).
    const { n, steps } = await calibrate(3000);
    const r = await gradeToEnd({
      source: LOOP,
      problem: sumProblem({ wallMs: WALL_MS }),
      tests: [test(n, 4 * steps, true), test(10, 1e6)],
      esbuild,
      executor: pool,
      reveal: 'all',
    });
    expect(r.results.map((x) => x.verdict)).toEqual(['TLE', 'TLE']);
    expect(r.results[0]!.message).toMatch(/^no progress for 2\.5 s: a long native operation/);
    expect(r.results[1]!.message).toMatch(/^not run: test 1 was stopped by the wall-clock guard \(no progress/);
    expect(r.summary.explanation).toMatch(/^Hidden test 1 was stopped by the wall clock: no progress/);
    // Killed after the window without progress, not before, and not long after (a loaded machine adds a little).
    const killedAfter = r.results[0]!.wallMs!;
    expect(killedAfter).toBeGreaterThan(WINDOW_MS);
    expect(killedAfter).toBeLessThan(30_000);
    expect(incidents.splice(0)).toEqual([expect.stringMatching(/^killed a sandbox worker during test 0: no progress/)]);
    const next = await gradeToEnd({
      source: LOOP,
      problem: sumProblem({ wallMs: WALL_MS }),
      tests: [test(1000, 1e6)],
      esbuild,
      executor: pool,
      reveal: 'all',
    });
    expect(next.summary.verdict).toBe('AC');
  });

  it('an interpreted endless loop with a huge step budget ends at the cap, in the engine (the worker is kept)', async () => {
    const t = performance.now();
    const r = await gradeToEnd({
      source: 'export function sum(a: number[]): number { let s = 0; for (;;) s = (s + 1) % 7; }',
      problem: sumProblem({ wallMs: WALL_MS }),
      tests: [test(0, 1e12), test(0, 1e12)],
      esbuild,
      executor: capped,
      reveal: 'all',
      // As the server grades: the rest of the job is not run after a limit.
      stopAfterLimit: true,
    });
    expect(r.results.map((x) => x.verdict)).toEqual(['TLE', 'TLE']);
    expect(r.results[0]!.message).toBe("ran past the 1.5 s cap on a test's wall time");
    expect(r.results[0]!.wallMs).toBeGreaterThanOrEqual(CAP_MS);
    // The engine's soft cap ended it (its steps are counted), before the supervisor's kill at the cap + grace.
    expect(r.results[0]!.steps).toBeGreaterThan(0);
    expect(cappedIncidents).toEqual([]);
    expect(r.results[1]!.message).toMatch(/^not run: test 1 ended on a limit/);
    expect(performance.now() - t).toBeLessThan(CAP_MS + 20_000);
  });
});
