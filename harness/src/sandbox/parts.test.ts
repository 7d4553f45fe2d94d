/**
 * A job run in parts reports exactly what the same job run whole reports (parts.ts): the same events, in the same
 * order, with the same "not run" texts, whatever the split and whichever tests end on a limit. The runs come from
 * the worker's own loop (runJob) over a scripted sandbox; kills by the wall-clock guard are in supervisor.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { AsyncQueue } from '../util/async-queue.ts';
import { runJob, type JobEvent, type SandboxJob } from './job.ts';
import type { Sandbox } from './sandbox.ts';
import { mergeParts, runInParts, splitJob, workersFor } from './parts.ts';
import { DEFAULT_LIMITS, type RunOutcome, type SandboxTest } from './types.ts';

type Script = (index: number) => RunOutcome;

/** A sandbox whose tests end as the script says (only what runJob uses of a Sandbox). */
const scripted = (script: Script): Sandbox =>
  ({
    discardModule: () => undefined,
    prepareSpare: () => undefined,
    runTest: async (_p: unknown, test: SandboxTest) => ({
      index: test.index,
      outcome: script(test.index),
      steps: test.index + 1,
      memoryBytes: 1024,
      wallMs: 1,
      console: '',
      consoleTruncated: false,
    }),
  }) as unknown as Sandbox;

async function whole(job: SandboxJob, script: Script): Promise<JobEvent[]> {
  const events: JobEvent[] = [];
  await runJob(scripted(script), job, (e) => events.push(e));
  return events;
}

interface Lent {
  released: number[];
  ran: number;
}

/** Runs `job` in parts on `workers` scripted workers (worker 0 is the job's own); `wanted` says a job waits. */
async function inParts(
  job: SandboxJob,
  script: Script,
  workers: number,
  wanted: () => boolean = () => false,
  lent: Lent = { released: [], ran: 0 },
): Promise<JobEvent[]> {
  const out = new AsyncQueue<JobEvent>();
  const sandbox = scripted(script);
  const counting = {
    ...sandbox,
    discardModule: () => undefined,
    prepareSpare: () => undefined,
    runTest: (...args: Parameters<Sandbox['runTest']>) => {
      lent.ran++;
      return sandbox.runTest(...args);
    },
  } as unknown as Sandbox;
  const done = runInParts(
    job,
    Array.from({ length: workers }, (_, i) => i),
    {
      // Parts report at their own pace: their events arrive interleaved.
      run: async (w, part, partOut) => {
        await new Promise((r) => setTimeout(r, w));
        await runJob(counting, part, (e) => partOut.push(e));
        partOut.close();
        return w;
      },
      release: (w) => lent.released.push(w),
      wanted,
    },
    out,
  );
  const events: JobEvent[] = [];
  for await (const e of out) events.push(e);
  await done;
  return events;
}

function makeJob(
  n: number,
  opts: { stopAfterLimit: boolean; measureFrom?: number; weight?: (i: number) => number },
): SandboxJob {
  return {
    program: { solutionJs: '', driverJs: null, entries: ['f'] },
    tests: Array.from({ length: n }, (_, index) => ({
      index,
      input: '{"fn":"f","args":[]}',
      stepBudget: 100,
      seed: 1,
      ...(opts.measureFrom !== undefined && index >= opts.measureFrom ? { measure: true } : {}),
      ...(opts.weight ? { weight: opts.weight(index) } : {}),
    })),
    limits: DEFAULT_LIMITS,
    stopAfterLimit: opts.stopAfterLimit,
  };
}

const ok: RunOutcome = { kind: 'returned', output: '1' };
const tle: RunOutcome = { kind: 'limit', limit: 'steps', detail: 'the step budget was exhausted' };
const mle: RunOutcome = { kind: 'limit', limit: 'memory', detail: 'the sandbox heap reached its limit' };

describe('splitJob', () => {
  it('cuts the job into runs of consecutive tests, in order, of about equal weight', () => {
    const job = makeJob(40, { stopAfterLimit: false, weight: (i) => (i % 10 === 9 ? 600 : 50) });
    const total = job.tests.reduce((w, t) => w + (t.weight ?? 0), 0);
    for (const n of [2, 3, 6]) {
      const parts = splitJob(job, n);
      expect(parts.length).toBeLessThanOrEqual(n);
      expect(parts.flatMap((p) => p.tests)).toEqual(job.tests);
      for (const p of parts) {
        expect(p.part).toBe(true);
        expect(p.program).toBe(job.program);
        expect(p.tests.reduce((w, t) => w + (t.weight ?? 0), 0)).toBeLessThanOrEqual(total / n + 600);
      }
    }
    expect(splitJob(job, 2).map((p) => p.tests.length)).toEqual([20, 20]);
  });

  it('borrows idle workers only for a job with enough tests for each', () => {
    expect(workersFor(makeJob(3, { stopAfterLimit: false }), 1)).toBe(1);
    expect(workersFor(makeJob(7, { stopAfterLimit: false }), 1)).toBe(1);
    expect(workersFor(makeJob(8, { stopAfterLimit: false }), 1)).toBe(2);
    expect(workersFor(makeJob(80, { stopAfterLimit: false }), 2)).toBe(3);
    expect(workersFor(makeJob(80, { stopAfterLimit: false }), 0)).toBe(1);
  });
});

describe('runInParts', () => {
  it('passes on every run in the job order, each start just before its end', async () => {
    const job = makeJob(12, { stopAfterLimit: false, weight: (i) => 12 - i });
    const events = await inParts(job, () => ok, 3);
    expect(events).toEqual(await whole(job, () => ok));
    expect(events.filter((e) => e.type === 'test-end').map((e) => (e.type === 'test-end' ? e.run.index : -1))).toEqual(
      job.tests.map((t) => t.index),
    );
  });

  it('after a limit, reports the later tests as not run with the same text, even those another part ran', async () => {
    const job = makeJob(16, { stopAfterLimit: true, measureFrom: 12, weight: (i) => (i % 2 === 0 ? 10 : 11) });
    const script: Script = (i) => (i === 5 ? tle : i === 13 ? mle : ok);
    const events = await inParts(job, script, 2);
    expect(events).toEqual(await whole(job, script));
    const ends = events.flatMap((e) => (e.type === 'test-end' ? [e.run] : []));
    expect(ends[6]?.outcome).toEqual({
      kind: 'limit',
      limit: 'steps',
      detail: 'not run: test 6 ended on a limit (the step budget was exhausted)',
    });
    // The scale group still measures after the limit, until one of its own tests ends on one.
    expect(ends[12]?.outcome).toEqual(ok);
    expect(ends[13]?.outcome).toEqual(mle);
    expect(ends[14]?.outcome.kind).toBe('limit');
  });

  it('matches the whole job on random scripts, splits and stop rules', async () => {
    const rng = createRng(17);
    const rnd = (): number => rng.float();
    for (let round = 0; round < 200; round++) {
      const n = 4 + Math.floor(rnd() * 30);
      const stopAfterLimit = rnd() < 0.7;
      const measureFrom = rnd() < 0.5 ? Math.floor(rnd() * n) : undefined;
      const weights = Array.from({ length: n }, () => 1 + Math.floor(rnd() * 100));
      const outcomes = Array.from({ length: n }, () => {
        const r = rnd();
        return r < 0.1 ? tle : r < 0.15 ? mle : ok;
      });
      const job = makeJob(n, {
        stopAfterLimit,
        ...(measureFrom !== undefined ? { measureFrom } : {}),
        weight: (i) => weights[i] as number,
      });
      const script: Script = (i) => outcomes[i] as RunOutcome;
      const workers = 2 + Math.floor(rnd() * 3);
      expect(await inParts(job, script, Math.min(workers, n), () => rnd() < 0.2), `round ${round}`).toEqual(
        await whole(job, script),
      );
    }
  });

  it('gives a lent worker back before its next part once another job waits, and still reports every test', async () => {
    const job = makeJob(24, { stopAfterLimit: false });
    const lent: Lent = { released: [], ran: 0 };
    let parts = 0;
    const events = await inParts(
      job,
      () => ok,
      2,
      () => ++parts > 2,
      lent,
    );
    expect(events).toEqual(await whole(job, () => ok));
    expect(lent.released).toEqual([1, 0]);
    expect(lent.ran).toBe(24);
  });

  it('does not give a worker tests the runs so far already settle (a submission that ends on a limit at once)', async () => {
    const job = makeJob(40, { stopAfterLimit: true });
    const lent: Lent = { released: [], ran: 0 };
    const events = await inParts(
      job,
      () => tle,
      2,
      () => false,
      lent,
    );
    expect(events).toEqual(await whole(job, () => tle));
    // One test per worker at most (each worker's first part starts before the other's limit is known).
    expect(lent.ran).toBeLessThanOrEqual(2);
  });

  it('passes a failure on to the job stream', async () => {
    const job = makeJob(8, { stopAfterLimit: false });
    const events = new AsyncQueue<JobEvent>();
    const out = new AsyncQueue<JobEvent>();
    const merged = mergeParts(job, events, out);
    events.close(new Error('pool closed'));
    await merged;
    await expect(
      (async () => {
        for await (const _ of out) void _;
      })(),
    ).rejects.toThrow('pool closed');
  });
});

describe('a real submission in parts on two workers', () => {
  it('gets the same results, test by test (steps, memory, messages), as on one worker', async () => {
    const [{ WorkerPool }, { nodeEsbuild }, { loadProblem, suiteTests }, { gradeToEnd }, path] = await Promise.all([
      import('../node/pool.ts'),
      import('../node/esbuild.ts'),
      import('../problem/load.ts'),
      import('../grade.ts'),
      import('node:path'),
    ]);
    const esbuild = await nodeEsbuild();
    const dir = path.resolve(import.meta.dirname, '../../../problems/registry-repair');
    const problem = await loadProblem(dir, esbuild);
    const tests = suiteTests(problem, 'all');
    const { readFile } = await import('node:fs/promises');
    const one = new WorkerPool({ size: 1 });
    const two = new WorkerPool({ size: 2 });
    try {
      await Promise.all([one.ready(), two.ready()]);
      for (const file of [
        'accepted/reference.ts',
        'time_limit_exceeded/naive-union.ts',
        'wrong_answer/canonical-root.ts',
      ]) {
        const source = await readFile(path.join(dir, 'solutions', file), 'utf8');
        const grade = (executor: typeof one) =>
          gradeToEnd({ source, problem, tests, esbuild, executor, reveal: 'all', stopAfterLimit: true });
        const [a, b] = [await grade(one), await grade(two)];
        const strip = (r: (typeof a.results)[number]) => ({ ...r, wallMs: 0 });
        expect(b.results.map(strip), file).toEqual(a.results.map(strip));
        expect(b.summary.verdict).toBe(a.summary.verdict);
        expect(b.summary.growth).toEqual(a.summary.growth);
      }
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  }, 120_000);
});
