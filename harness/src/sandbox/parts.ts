/**
 * One submission's tests spread over the workers that are idle when it starts (issue 17), then merged back into the
 * stream the same job run on one worker gives. On an idle two-core server a learner's Submit then takes about half
 * the time; under load no worker is idle and a job runs whole, as before.
 *
 * The job is cut into runs of consecutive tests of about equal weight (several per worker); each worker takes the
 * next part when it is done with one (the heaviest part goes first), keeping the session it prepared for the job
 * (job.ts `part`), so the user's module is evaluated once per worker. A worker lent by the pool goes back as soon as
 * another job waits for one: before its next part, or at once if its test has run for RECLAIM_AFTER_MS (the worker
 * is then replaced, and the rest of its part goes back to the job's own worker). A long or hostile submission cannot
 * hold more than its own worker against the next one.
 *
 * Nothing a user sees depends on the split. Each test's run is the same on any worker (a session restored per test:
 * sandbox.ts), and the merge replays the job's own stop rules (job.ts `StopRule`) in the job's order: a test that the
 * job on one worker would not have run (after a limit, or after the wall-clock guard killed a worker) is reported as
 * not run, with the same text, even if a part ran it. The reverse cannot happen: a part skips a test only after an
 * earlier test of its own, which the whole job would also have reached or skipped, ended on a limit. Events leave in
 * the job's order, a test's start as soon as every test before it has ended.
 */
import { AsyncQueue } from '../util/async-queue.ts';
import { afterFailure, notRun, StopRule, type JobEvent, type SandboxJob } from './job.ts';
import type { RawTestRun, SandboxTest } from './types.ts';

/** A part needs at least this many tests: preparing a session on another worker is not worth fewer. */
export const MIN_TESTS_PER_PART = 4;
/** Parts per worker: enough for the workers to finish together although weights are estimates. */
const PARTS_PER_WORKER = 8;

/** How many workers `job` is worth when `idle` are free besides its own (1: run it whole). */
export function workersFor(job: SandboxJob, idle: number): number {
  return Math.max(1, Math.min(1 + idle, Math.floor(job.tests.length / MIN_TESTS_PER_PART)));
}

/**
 * Cuts a job's tests into at most `n` runs of consecutive tests of about equal weight, in the job's order (so the
 * merged stream advances as the parts end). Weights come from step budgets, which follow the slowest accepted
 * solution's work, so the cut is only as even as this solution resembles it; it never changes a result.
 */
export function splitJob(job: SandboxJob, n: number): SandboxJob[] {
  const total = job.tests.reduce((s, t) => s + weight(t), 0);
  const parts: SandboxTest[][] = [[]];
  let sum = 0;
  for (const t of job.tests) {
    if ((parts.at(-1) as SandboxTest[]).length > 0 && sum >= (total * parts.length) / n) parts.push([]);
    (parts.at(-1) as SandboxTest[]).push(t);
    sum += weight(t);
  }
  return parts.map((tests) => ({ ...job, tests, part: true }));
}

/** The order workers take parts in: the heaviest first (it bounds when the job can end), then the job's order. */
function takingOrder(parts: SandboxJob[]): SandboxJob[] {
  const w = (p: SandboxJob): number => p.tests.reduce((s, t) => s + weight(t), 0);
  const heaviest = parts.reduce((a, b) => (w(b) > w(a) ? b : a));
  return [heaviest, ...parts.filter((p) => p !== heaviest)];
}

const weight = (t: SandboxTest): number => t.weight ?? t.stepBudget;

/** What the executor lends to a job run in parts (the Node pool: node/pool.ts). */
export interface PartHost<W> {
  /**
   * Runs `part` on `worker` under the supervisor, into `out` (closed at the end); resolves to the worker in use then
   * (a replacement if it was killed). `onCancellable` receives the function that stops the part at once (the worker
   * is then replaced and `out` closed).
   */
  run(
    worker: W,
    part: SandboxJob,
    out: AsyncQueue<JobEvent>,
    onCancellable: (cancel: (() => void) | null) => void,
  ): Promise<W>;
  release(worker: W): void;
  /** Another job waits for a worker: a lent one goes back before its next part. */
  wanted(): boolean;
}

/**
 * A lent worker whose test has run this long while another job waits is taken back at once (its part goes back to
 * the job's other workers): a test normally takes milliseconds, and one that stalls in a native call would otherwise
 * hold the worker for the whole no-progress window.
 */
export const RECLAIM_AFTER_MS = 500;

/**
 * Runs `job` on `workers` (the first is the job's own, the others lent), writing the job's stream into `out`
 * (closed at the end, or with the first failure). Each worker is released when it takes no further part.
 */
export async function runInParts<W>(
  job: SandboxJob,
  workers: readonly W[],
  host: PartHost<W>,
  out: AsyncQueue<JobEvent>,
): Promise<void> {
  const parts = takingOrder(splitJob(job, Math.min(job.tests.length, workers.length * PARTS_PER_WORKER)));
  const known = new KnownStops(job);
  const events = new AsyncQueue<JobEvent>();
  /** Lent workers running a part: the job's own worker waits for them, as a part may come back. */
  let lentBusy = 0;
  let changed: () => void = () => undefined;
  const change = (): Promise<void> => new Promise((resolve) => (changed = resolve));
  const lane = async (first: W, lent: boolean): Promise<void> => {
    let w = first;
    try {
      for (;;) {
        if (lent && host.wanted()) break;
        const part = parts.shift();
        if (!part) {
          if (lent || lentBusy === 0) break;
          await change();
          continue;
        }
        const tests = part.tests.filter((t) => !known.settles(t));
        if (tests.length === 0) continue;
        if (job.stopFlag && Atomics.load(job.stopFlag, 0) !== 0) {
          // The grader wants no more tests (one did not pass): the part ends as the job on one worker would.
          for (const t of tests) events.push({ type: 'test-end', run: afterFailure(t.index) });
          continue;
        }
        if (lent) lentBusy++;
        const partEvents = new AsyncQueue<JobEvent>();
        let cancel: (() => void) | null = null;
        let running: { since: number } | null = null;
        const reported = new Set<number>();
        const ran = host.run(w, { ...part, tests }, partEvents, (c) => (cancel = c));
        const watch = lent
          ? setInterval(() => {
              if (running && host.wanted() && performance.now() - running.since >= RECLAIM_AFTER_MS) cancel?.();
            }, RECLAIM_AFTER_MS / 5)
          : null;
        try {
          for await (const e of partEvents) {
            if (e.type === 'test-start') running = { since: performance.now() };
            else {
              running = null;
              reported.add(e.run.index);
              known.record(e.run);
            }
            events.push(e);
          }
        } finally {
          if (watch) clearInterval(watch);
          // A replacement, if the worker was killed (the wall-clock guard) or taken back during this part.
          w = await ran;
          const left = tests.filter((t) => !reported.has(t.index));
          if (left.length > 0) parts.unshift({ ...part, tests: left });
          if (lent) lentBusy--;
          changed();
        }
      }
    } finally {
      host.release(w);
    }
  };
  const lanes = Promise.all(workers.map((w, i) => lane(w, i > 0))).then(
    () => events.close(),
    (e: unknown) => events.close(e),
  );
  await mergeParts(job, events, out);
  await lanes;
}

/**
 * What the runs reported so far settle about tests not yet given to a worker, whatever the runs still under way
 * report: after a kill, a limit or a scale test's limit at some position, the job on one worker skips every later
 * test, every later non-scale test (under stopAfterLimit), or every later scale test too (see StopRule).
 */
class KnownStops {
  private readonly position: Map<number, number>;
  private kill = Infinity;
  private limit = Infinity;
  private measureLimit = Infinity;

  constructor(private readonly job: SandboxJob) {
    this.position = new Map(job.tests.map((t, i) => [t.index, i]));
  }

  record(run: RawTestRun): void {
    const p = this.position.get(run.index);
    if (p === undefined || run.outcome.kind !== 'limit') return;
    if (run.killed) this.kill = Math.min(this.kill, p);
    this.limit = Math.min(this.limit, p);
    if (this.job.tests[p]?.measure) this.measureLimit = Math.min(this.measureLimit, p);
  }

  settles(t: SandboxTest): boolean {
    const p = this.position.get(t.index) as number;
    if (p > this.kill) return true;
    return (this.job.stopAfterLimit ?? false) && p > this.limit && (!t.measure || p > this.measureLimit);
  }
}

/**
 * Reads the parts' events (interleaved, in any order) and writes the job's stream into `out` (closed at the end, or
 * with the failure `events` ends on), in the job's order and under its stop rules (see the top of this file).
 */
export async function mergeParts(
  job: SandboxJob,
  events: AsyncIterable<JobEvent>,
  out: AsyncQueue<JobEvent>,
): Promise<void> {
  const rule = new StopRule(job.stopAfterLimit ?? false);
  const started = new Set<number>();
  const ended = new Map<number, RawTestRun>();
  let next = 0;
  /** The test next in order, once its start was passed on (so a long test shows as running while it runs). */
  let announced = -1;
  const flush = (): void => {
    while (next < job.tests.length) {
      const test = job.tests[next] as SandboxTest;
      const skipped = rule.skip(test);
      if (skipped) out.push({ type: 'test-end', run: notRun(test.index, skipped) });
      else {
        // A test its part did not start (not run after a failure: the grader's stop flag) has no start to report.
        if (started.has(test.index) && announced !== test.index) {
          out.push({ type: 'test-start', index: test.index });
          announced = test.index;
        }
        const run = ended.get(test.index);
        if (!run) return;
        out.push({ type: 'test-end', run });
        rule.record(test, run);
      }
      started.delete(test.index);
      ended.delete(test.index);
      next++;
    }
  };
  try {
    for await (const e of events) {
      if (e.type === 'test-start') started.add(e.index);
      else ended.set(e.run.index, e.run);
      flush();
    }
    // Every part reports each of its tests (the supervisor ends them all, one way or another): a gap is the judge's.
    for (; next < job.tests.length; next++) {
      const t = job.tests[next] as SandboxTest;
      const skipped = rule.skip(t);
      out.push({
        type: 'test-end',
        run: notRun(t.index, skipped ?? { kind: 'judge-error', message: 'no part of the job reported this test' }),
      });
    }
    out.close();
  } catch (e) {
    out.close(e);
  }
}
