/**
 * A line for work that shares the grading pool with submissions but is not a submission: feedback (expected
 * outputs, counterexamples) and the replay of a reported test. At most `concurrency` such jobs run at once (one by
 * default), so submissions always keep workers; the rest wait in line, up to `queueLimit`, beyond which QUEUE_FULL.
 * One line serves every kind, so together they never take more than their share.
 */
import { ApiError } from '../errors.ts';

export class JobLine {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency = 1,
    private readonly queueLimit = 8,
  ) {}

  /** Runs `job` when a slot is free; throws QUEUE_FULL when too many wait. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queueLimit)
        throw new ApiError('QUEUE_FULL', 'the judge is busy; try again shortly', { 'retry-after': '5' });
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running++;
    try {
      return await job();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
