/**
 * BrowserWorkerExecutor (the shared supervisor with Web Workers) with a scripted fake Worker: the wall-clock kill
 * switch ends a hung test as a `wall` limit and the rest of the job as not run, the next job runs on a fresh worker; a
 * worker fault is a judge error for its test only and the job goes on.
 */
import { describe, expect, it } from 'vitest';
import type { JobEvent, SandboxJob } from '../sandbox/job.ts';
import { DEFAULT_LIMITS } from '../sandbox/types.ts';
import type {
  WorkerReply as BrowserWorkerReply,
  WorkerRequest as BrowserWorkerRequest,
} from '../sandbox/supervisor.ts';
import { BrowserWorkerExecutor } from './worker-executor.ts';

type Behaviour = 'ok' | 'hang' | 'fail';

class FakeWorker {
  static all: FakeWorker[] = [];
  terminated = false;
  received: number[][] = [];
  private listeners = new Map<string, Array<(ev: unknown) => void>>();
  constructor(private readonly script: (index: number) => Behaviour) {
    FakeWorker.all.push(this);
    setTimeout(() => this.emit({ type: 'ready' }), 1);
  }
  addEventListener(type: string, fn: (ev: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  private emit(m: BrowserWorkerReply): void {
    if (this.terminated) return;
    for (const fn of this.listeners.get('message') ?? []) fn({ data: m });
  }
  postMessage(req: BrowserWorkerRequest): void {
    this.received.push(req.job.tests.map((t) => t.index));
    void (async () => {
      for (const t of req.job.tests) {
        await new Promise((r) => setTimeout(r, 1));
        this.emit({ type: 'test-start', jobId: req.jobId, index: t.index });
        const b = this.script(t.index);
        if (b === 'hang') return;
        if (b === 'fail') {
          this.emit({ type: 'job-failed', jobId: req.jobId, message: 'boom' });
          return;
        }
        this.emit({
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
      this.emit({ type: 'job-end', jobId: req.jobId });
    })();
  }
  terminate(): void {
    this.terminated = true;
  }
}

function job(n: number): SandboxJob {
  return {
    program: { solutionJs: '', driverJs: null, entries: ['f'] },
    tests: Array.from({ length: n }, (_, index) => ({ index, input: '{"fn":"f","args":[]}', stepBudget: 10, seed: 1 })),
    limits: { ...DEFAULT_LIMITS, wallMs: 40 },
  };
}

async function collect(it: AsyncIterable<JobEvent>): Promise<JobEvent[]> {
  const out: JobEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

describe('BrowserWorkerExecutor', () => {
  it('kills a hung test as a wall limit, does not run the rest of the job, and serves the next job on a fresh worker', async () => {
    FakeWorker.all = [];
    const incidents: string[] = [];
    const ex = new BrowserWorkerExecutor({
      createWorker: () =>
        new FakeWorker((i) => (i === 1 && FakeWorker.all.length === 1 ? 'hang' : 'ok')) as unknown as Worker,
      killGraceMs: 20,
      onIncident: (m) => incidents.push(m),
    });
    const events = await collect(ex.run(job(3)));
    const ends = events.flatMap((e) => (e.type === 'test-end' ? [e.run] : []));
    expect(ends.map((r) => [r.index, r.outcome.kind])).toEqual([
      [0, 'returned'],
      [1, 'limit'],
      [2, 'limit'],
    ]);
    expect(ends[1]!.outcome).toMatchObject({ kind: 'limit', limit: 'wall' });
    // The same policy as the Node pool (one supervisor): the verdict is decided, the rest is "not run".
    expect(ends[2]!.outcome).toMatchObject({
      kind: 'limit',
      limit: 'wall',
      detail: expect.stringMatching(/^not run: test 2/),
    });
    expect(FakeWorker.all).toHaveLength(2);
    expect(FakeWorker.all[0]!.terminated).toBe(true);
    expect(FakeWorker.all[1]!.received).toEqual([]);
    expect(incidents[0]).toMatch(/killed/);
    // The fresh worker serves the next job.
    const again = await collect(ex.run(job(2)));
    expect(again.filter((e) => e.type === 'test-end')).toHaveLength(2);
    expect(FakeWorker.all[1]!.received).toEqual([[0, 1]]);
    await ex.close();
  });

  it('a worker fault is a judge error for the running test only', async () => {
    FakeWorker.all = [];
    const ex = new BrowserWorkerExecutor({
      createWorker: () =>
        new FakeWorker((i) => (i === 0 && FakeWorker.all.length === 1 ? 'fail' : 'ok')) as unknown as Worker,
    });
    const ends = (await collect(ex.run(job(2)))).flatMap((e) => (e.type === 'test-end' ? [e.run] : []));
    expect(ends.map((r) => r.outcome.kind)).toEqual(['judge-error', 'returned']);
    await ex.close();
  });

  it('cancels the running job: its worker is replaced and the stream ends', async () => {
    FakeWorker.all = [];
    const ex = new BrowserWorkerExecutor({
      createWorker: () =>
        new FakeWorker((i) => (i === 1 && FakeWorker.all.length === 1 ? 'hang' : 'ok')) as unknown as Worker,
    });
    const events: JobEvent[] = [];
    const done = (async () => {
      for await (const e of ex.run({ ...job(3), limits: { ...DEFAULT_LIMITS, wallMs: 60_000 } })) {
        events.push(e);
        if (e.type === 'test-start' && e.index === 1) ex.cancelCurrent();
      }
    })();
    await done;
    expect(events.filter((e) => e.type === 'test-end')).toHaveLength(1);
    expect(FakeWorker.all[0]!.terminated).toBe(true);
    expect((await collect(ex.run(job(2)))).filter((e) => e.type === 'test-end')).toHaveLength(2);
    await ex.close();
  });

  it('runs jobs one after another', async () => {
    FakeWorker.all = [];
    const ex = new BrowserWorkerExecutor({ createWorker: () => new FakeWorker(() => 'ok') as unknown as Worker });
    const [a, b] = await Promise.all([collect(ex.run(job(2))), collect(ex.run(job(3)))]);
    expect(a.filter((e) => e.type === 'test-end')).toHaveLength(2);
    expect(b.filter((e) => e.type === 'test-end')).toHaveLength(3);
    expect(FakeWorker.all[0]!.received).toEqual([
      [0, 1],
      [0, 1, 2],
    ]);
    await ex.close();
  });
});
