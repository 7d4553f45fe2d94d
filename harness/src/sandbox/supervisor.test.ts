/**
 * The one supervisor (supervisor.ts) under both of its hosts — the browser's BrowserWorkerExecutor (Web Workers) and
 * the Node WorkerPool (worker threads) — driven by the same scripted fake worker, through the same scenarios: the
 * wall-clock kill switch ends a hung test as a `wall` limit and the rest of the job as not run, and the next job runs
 * on a fresh worker; a worker fault or a dead worker is a judge error for its test only and the job goes on; a
 * worker that cannot start twice makes every test a judge error; jobs run one after another; progress messages keep a
 * long test alive, silence kills it after wallMs + grace, and the absolute cap kills it even with progress. The
 * hosts differ only
 * in how a worker is made, wired and killed, which is exactly what this exercises. (Real workers: limits.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { BrowserWorkerExecutor } from '../browser/worker-executor.ts';
import { WorkerPool, type NodeWorkerLike } from '../node/pool.ts';
import type { Executor } from './executor.ts';
import type { JobEvent, SandboxJob } from './job.ts';
import { RECLAIM_AFTER_MS } from './parts.ts';
import type { WorkerReply, WorkerRequest } from './supervisor.ts';
import { DEFAULT_LIMITS } from './types.ts';

/**
 * What the worker does on a test: answer, hang (a long native call: silent), report a failure, or die; `slow`
 * reports progress every 10 ms for SLOW_MS, then answers (interpreted work on a slow machine); `stall` reports
 * progress for SLOW_MS, then goes silent (a long native call after some work); `busy` reports progress for ever.
 */
type Behaviour = 'ok' | 'hang' | 'fail' | 'die' | 'slow' | 'stall' | 'busy';
/** How long `slow` and `stall` make progress: many times the no-progress window of the jobs below (40 + 20 ms). */
const SLOW_MS = 300;
type Listener = (ev: unknown) => void;

/** A sandbox worker that follows a script; speaks both the Web Worker and the worker_threads event APIs. */
class FakeWorker {
  static all: FakeWorker[] = [];
  terminated = false;
  received: number[][] = [];
  /** The cap on a test's wall time each job was posted with (the engine's soft cap). */
  caps: Array<number | undefined> = [];
  /** 1 for the first worker a test makes, 2 for its replacement, ... */
  private readonly number: number;
  private readonly listeners = new Map<string, Listener[]>();
  constructor(
    private readonly host: 'browser' | 'node',
    private readonly script: (index: number, worker: number) => Behaviour,
    startup: 'ready' | 'init-failed' = 'ready',
  ) {
    FakeWorker.all.push(this);
    this.number = FakeWorker.all.length;
    setTimeout(
      () => this.reply(startup === 'ready' ? { type: 'ready' } : { type: 'init-failed', message: 'no wasm' }),
      1,
    );
  }
  addEventListener(type: string, fn: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  on(type: string, fn: Listener): this {
    this.addEventListener(type, fn);
    return this;
  }
  once(type: string, fn: Listener): this {
    const wrapped: Listener = (ev) => {
      this.listeners.set(
        type,
        (this.listeners.get(type) ?? []).filter((f) => f !== wrapped),
      );
      fn(ev);
    };
    return this.on(type, wrapped);
  }
  private emit(type: string, ev: unknown): void {
    for (const fn of this.listeners.get(type) ?? []) fn(ev);
  }
  private reply(m: WorkerReply): void {
    if (!this.terminated) this.emit('message', this.host === 'browser' ? { data: m } : m);
  }
  private die(): void {
    this.terminated = true;
    if (this.host === 'browser') this.emit('error', { message: 'out of memory' });
    else this.emit('exit', 1);
  }
  postMessage(req: WorkerRequest): void {
    this.received.push(req.job.tests.map((t) => t.index));
    this.caps.push(req.job.limits.wallCapMs);
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    void (async () => {
      for (const t of req.job.tests) {
        await sleep(1);
        this.reply({ type: 'test-start', jobId: req.jobId, index: t.index });
        const b = this.script(t.index, this.number);
        if (b === 'slow' || b === 'stall' || b === 'busy') {
          const started = performance.now();
          for (let steps = 1; b === 'busy' || performance.now() - started < SLOW_MS; steps++) {
            if (this.terminated) return;
            this.reply({ type: 'progress', jobId: req.jobId, index: t.index, steps });
            await sleep(10);
          }
          if (b === 'stall') return;
        }
        if (b === 'hang') return;
        if (b === 'die') return this.die();
        if (b === 'fail') return this.reply({ type: 'job-failed', jobId: req.jobId, message: 'boom' });
        this.reply({
          type: 'test-end',
          jobId: req.jobId,
          run: {
            index: t.index,
            outcome: { kind: 'returned', output: '1' },
            steps: 1,
            memoryBytes: 1,
            wallMs: 1,
            console: '',
            consoleTruncated: false,
          },
        });
      }
      this.reply({ type: 'job-end', jobId: req.jobId });
    })();
  }
  terminate(): Promise<number> {
    const was = this.terminated;
    this.terminated = true;
    if (!was && this.host === 'node') setTimeout(() => this.emit('exit', 1), 0);
    return Promise.resolve(1);
  }
}

interface Host {
  name: 'browser' | 'node';
  make(
    script: (index: number, worker: number) => Behaviour,
    opts?: {
      startup?: (worker: number) => 'ready' | 'init-failed';
      onIncident?: (m: string) => void;
      wallCapMs?: number;
    },
  ): Executor & { close(): Promise<void> };
}

const worker = (
  host: 'browser' | 'node',
  script: (i: number, w: number) => Behaviour,
  startup?: (w: number) => 'ready' | 'init-failed',
) => new FakeWorker(host, script, startup?.(FakeWorker.all.length + 1) ?? 'ready');

const HOSTS: Host[] = [
  {
    name: 'browser',
    make: (script, opts = {}) =>
      new BrowserWorkerExecutor({
        createWorker: () => worker('browser', script, opts.startup) as unknown as Worker,
        killGraceMs: 20,
        ...(opts.wallCapMs !== undefined ? { wallCapMs: opts.wallCapMs } : {}),
        ...(opts.onIncident ? { onIncident: opts.onIncident } : {}),
      }),
  },
  {
    name: 'node',
    make: (script, opts = {}) =>
      new WorkerPool({
        size: 1,
        createWorker: () => worker('node', script, opts.startup) as unknown as NodeWorkerLike,
        killGraceMs: 20,
        ...(opts.wallCapMs !== undefined ? { wallCapMs: opts.wallCapMs } : {}),
        ...(opts.onIncident ? { onIncident: opts.onIncident } : {}),
      }),
  },
];

function job(n: number, wallMs = 40): SandboxJob {
  return {
    program: { solutionJs: '', driverJs: null, entries: ['f'] },
    tests: Array.from({ length: n }, (_, index) => ({ index, input: '{"fn":"f","args":[]}', stepBudget: 10, seed: 1 })),
    limits: { ...DEFAULT_LIMITS, wallMs },
  };
}

async function ends(it: AsyncIterable<JobEvent>): Promise<JobEvent[]> {
  const out: JobEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}
const runs = (events: JobEvent[]) => events.flatMap((e) => (e.type === 'test-end' ? [e.run] : []));

describe.each(HOSTS)('the supervisor under the $name host', (host) => {
  it('kills a hung test as a wall limit, does not run the rest of the job, and serves the next job on a fresh worker', async () => {
    FakeWorker.all = [];
    const incidents: string[] = [];
    const ex = host.make((i, w) => (i === 1 && w === 1 ? 'hang' : 'ok'), { onIncident: (m) => incidents.push(m) });
    const r = runs(await ends(ex.run(job(3))));
    expect(r.map((x) => [x.index, x.outcome.kind])).toEqual([
      [0, 'returned'],
      [1, 'limit'],
      [2, 'limit'],
    ]);
    expect(r[1]!.outcome).toMatchObject({ kind: 'limit', limit: 'wall' });
    expect(r[2]!.outcome).toMatchObject({
      kind: 'limit',
      limit: 'wall',
      detail: expect.stringMatching(/^not run: test 2/),
    });
    expect(FakeWorker.all).toHaveLength(2);
    expect(FakeWorker.all[0]!.terminated).toBe(true);
    expect(FakeWorker.all[1]!.received).toEqual([]);
    expect(incidents[0]).toMatch(/killed/);
    expect(runs(await ends(ex.run(job(2))))).toHaveLength(2);
    expect(FakeWorker.all[1]!.received).toEqual([[0, 1]]);
    await ex.close();
  });

  it('progress keeps a test alive long past wallMs + grace: it ends with its own outcome', async () => {
    FakeWorker.all = [];
    const ex = host.make((i) => (i === 0 ? 'slow' : 'ok'));
    const t = performance.now();
    const r = runs(await ends(ex.run(job(2))));
    expect(performance.now() - t).toBeGreaterThanOrEqual(SLOW_MS);
    expect(r.map((x) => x.outcome.kind)).toEqual(['returned', 'returned']);
    expect(FakeWorker.all).toHaveLength(1);
    expect(FakeWorker.all[0]!.terminated).toBe(false);
    // The engine is told the same cap the guard uses (by default max(4 × wallMs, 60 s)).
    expect(FakeWorker.all[0]!.caps).toEqual([60_000]);
    await ex.close();
  });

  it('silence after progress kills the test wallMs + grace after the last progress, as no progress', async () => {
    FakeWorker.all = [];
    const ex = host.make((i, w) => (i === 0 && w === 1 ? 'stall' : 'ok'));
    const r = runs(await ends(ex.run(job(2))));
    expect(r[0]!.outcome).toMatchObject({
      kind: 'limit',
      limit: 'wall',
      detail: expect.stringMatching(/^no progress/),
    });
    // Killed only after the progress stopped (the last one 10 ms or less before SLOW_MS) and the window (40 + 20 ms)
    // passed without any. The supervisor's clock starts when it reads test-start, which a loaded machine (other test
    // files grading in parallel) delivers some tens of ms after the worker's: a kill that ignored progress would come
    // at ~60 ms.
    expect(r[0]!.wallMs).toBeGreaterThanOrEqual(SLOW_MS - 10 + 60 - 100);
    expect(r[1]!.outcome).toMatchObject({
      kind: 'limit',
      detail: expect.stringMatching(/^not run: test 1 .*no progress/),
    });
    expect(FakeWorker.all[0]!.terminated).toBe(true);
    await ex.close();
  });

  it('the absolute cap kills a test even while it makes progress', async () => {
    FakeWorker.all = [];
    const ex = host.make((i, w) => (i === 0 && w === 1 ? 'busy' : 'ok'), { wallCapMs: 200 });
    const r = runs(await ends(ex.run(job(2))));
    expect(r[0]!.outcome).toMatchObject({ kind: 'limit', limit: 'wall', detail: expect.stringMatching(/0\.2 s cap/) });
    expect(r[0]!.wallMs).toBeGreaterThanOrEqual(200 + 20);
    expect(r[1]!.outcome).toMatchObject({ kind: 'limit', detail: expect.stringMatching(/^not run: test 1 /) });
    expect(FakeWorker.all[0]!.terminated).toBe(true);
    expect(FakeWorker.all[0]!.caps).toEqual([200]);
    expect(runs(await ends(ex.run(job(1))))[0]!.outcome.kind).toBe('returned');
    await ex.close();
  });

  it('a reported worker fault is a judge error for the running test only', async () => {
    FakeWorker.all = [];
    const ex = host.make((i, w) => (i === 0 && w === 1 ? 'fail' : 'ok'));
    expect(runs(await ends(ex.run(job(2)))).map((r) => r.outcome.kind)).toEqual(['judge-error', 'returned']);
    await ex.close();
  });

  it('a worker that dies is a judge error for the running test only; the job goes on on a new worker', async () => {
    FakeWorker.all = [];
    const ex = host.make((i, w) => (i === 1 && w === 1 ? 'die' : 'ok'));
    const r = runs(await ends(ex.run(job(3))));
    expect(r.map((x) => [x.index, x.outcome.kind])).toEqual([
      [0, 'returned'],
      [1, 'judge-error'],
      [2, 'returned'],
    ]);
    expect(FakeWorker.all[1]!.received).toEqual([[2]]);
    await ex.close();
  });

  it('a worker that cannot start twice in a row makes every test a judge error', async () => {
    FakeWorker.all = [];
    const ex = host.make(() => 'ok', { startup: () => 'init-failed' });
    const r = runs(await ends(ex.run(job(3))));
    expect(r.map((x) => x.outcome.kind)).toEqual(['judge-error', 'judge-error', 'judge-error']);
    await ex.close();
  });

  it('runs jobs one after another, each with all its tests', async () => {
    FakeWorker.all = [];
    const ex = host.make(() => 'ok');
    const [a, b] = await Promise.all([ends(ex.run(job(2))), ends(ex.run(job(3)))]);
    expect(runs(a)).toHaveLength(2);
    expect(runs(b)).toHaveLength(3);
    expect(FakeWorker.all[0]!.received).toEqual([
      [0, 1],
      [0, 1, 2],
    ]);
    await ex.close();
  });
});

describe('the browser host: Stop', () => {
  it('cancels the running job: its worker is replaced and the stream ends', async () => {
    FakeWorker.all = [];
    const ex = new BrowserWorkerExecutor({
      createWorker: () => worker('browser', (i, w) => (i === 1 && w === 1 ? 'hang' : 'ok')) as unknown as Worker,
    });
    const events: JobEvent[] = [];
    for await (const e of ex.run(job(3, 60_000))) {
      events.push(e);
      if (e.type === 'test-start' && e.index === 1) ex.cancelCurrent();
    }
    expect(runs(events)).toHaveLength(1);
    expect(FakeWorker.all[0]!.terminated).toBe(true);
    expect(runs(await ends(ex.run(job(2))))).toHaveLength(2);
    await ex.close();
  });
});

describe('the node host: a job in parts on idle workers (parts.ts)', () => {
  const pool = (script: (i: number, w: number) => Behaviour, size = 2) =>
    new WorkerPool({
      size,
      createWorker: () => worker('node', script) as unknown as NodeWorkerLike,
      killGraceMs: 20,
    });

  it('splits a job over the idle workers and reports its tests in order, as one worker would', async () => {
    FakeWorker.all = [];
    const ex = pool(() => 'ok');
    await (ex as WorkerPool).ready();
    const events = await ends(ex.run(job(12)));
    expect(runs(events).map((r) => r.index)).toEqual([...Array(12).keys()]);
    // Each start comes right before its end.
    expect(events.map((e) => e.type)).toEqual(Array.from({ length: 12 }, () => ['test-start', 'test-end']).flat());
    // Both took parts (runs of consecutive tests), every test once.
    expect(FakeWorker.all.every((w) => w.received.length > 0)).toBe(true);
    expect(FakeWorker.all.flatMap((w) => w.received.flat()).sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    // Too few tests for two: one worker takes the whole job.
    const before = FakeWorker.all.map((w) => w.received.length);
    expect(runs(await ends(ex.run(job(5))))).toHaveLength(5);
    const after = FakeWorker.all.map((w, i) => w.received.slice(before[i]));
    expect(after.flat()).toEqual([[0, 1, 2, 3, 4]]);
    await ex.close();
  });

  it('a test killed in one part stops the later tests of every part, with the text one worker gives', async () => {
    FakeWorker.all = [];
    const ex = pool((i) => (i === 5 ? 'hang' : 'ok'));
    await (ex as WorkerPool).ready();
    const r = runs(await ends(ex.run(job(12))));
    expect(r.map((x) => x.index)).toEqual([...Array(12).keys()]);
    expect(r.slice(0, 5).every((x) => x.outcome.kind === 'returned')).toBe(true);
    expect(r[5]!.outcome).toMatchObject({ kind: 'limit', limit: 'wall' });
    for (const x of r.slice(6))
      expect(x.outcome).toMatchObject({
        kind: 'limit',
        limit: 'wall',
        detail: expect.stringMatching(/^not run: test 6 was stopped by the wall-clock guard/),
      });
    // The killed worker was replaced; the pool still serves two workers' worth of jobs.
    expect(FakeWorker.all.filter((w) => w.terminated)).toHaveLength(1);
    const [a, b] = await Promise.all([ends(ex.run(job(3))), ends(ex.run(job(3)))]);
    expect([runs(a).length, runs(b).length]).toEqual([3, 3]);
    await ex.close();
  });

  it("takes a lent worker back from a long test as soon as another job waits; its part runs on the job's own worker", async () => {
    FakeWorker.all = [];
    // The lent worker (the second) never ends its first test, though it reports progress (the cap is a minute away).
    const ex = pool((_, w) => (w === 2 ? 'busy' : 'ok'));
    await (ex as WorkerPool).ready();
    const first = ends(ex.run(job(12, 60_000)));
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    const second = runs(await ends(ex.run(job(3, 60_000))));
    const waited = performance.now() - started;
    expect(second.map((r) => r.outcome.kind)).toEqual(['returned', 'returned', 'returned']);
    expect(waited).toBeGreaterThanOrEqual(RECLAIM_AFTER_MS - 60);
    expect(waited).toBeLessThan(5_000);
    const r = runs(await first);
    expect(r.map((x) => [x.index, x.outcome.kind])).toEqual([...Array(12).keys()].map((i) => [i, 'returned']));
    expect(FakeWorker.all[1]!.terminated).toBe(true);
    // The test it held was run again on the job's own worker.
    expect(FakeWorker.all[0]!.received.flat().sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    await ex.close();
  });

  it('lends only a worker that has started: one that is not warm takes no part', async () => {
    FakeWorker.all = [];
    const ex = new WorkerPool({
      size: 2,
      createWorker: () =>
        worker(
          'node',
          () => 'ok',
          (n) => (n === 2 ? 'init-failed' : 'ready'),
        ) as unknown as NodeWorkerLike,
      killGraceMs: 20,
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(runs(await ends(ex.run(job(12)))).map((r) => r.outcome.kind)).toEqual(Array(12).fill('returned'));
    expect(FakeWorker.all[0]!.received).toEqual([[...Array(12).keys()]]);
    expect(FakeWorker.all[1]!.received).toEqual([]);
    await ex.close();
  });

  it('does not split while another job holds a worker', async () => {
    FakeWorker.all = [];
    const ex = pool((i, w) => (w === 1 && i === 0 ? 'slow' : 'ok'));
    await (ex as WorkerPool).ready();
    const slow = ends(ex.run(job(1)));
    await new Promise((r) => setTimeout(r, 20));
    expect(runs(await ends(ex.run(job(12))))).toHaveLength(12);
    expect(FakeWorker.all[1]!.received).toEqual([[...Array(12).keys()]]);
    expect(runs(await slow)).toHaveLength(1);
    await ex.close();
  });
});
