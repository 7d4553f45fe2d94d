/**
 * Feedback beyond the suite (issue 15): the reference's output for a user's own inputs, and a counterexample search.
 * Both run the reference solution in the grading pool's sandboxes; its source is read here and never leaves the
 * server. They wait in a JobLine (one at a time by default, shared with the replays of reported tests), so grading of
 * submissions always keeps workers; the routes rate-limit each user.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EsbuildApi } from '../../../harness/src/compile/transpile.ts';
import { findCounterexample, type CounterexampleReport } from '../../../harness/src/feedback/counterexample.ts';
import { expectedOutputs, type ExpectedOutput } from '../../../harness/src/feedback/oracle.ts';
import type { TestInput } from '../../../harness/src/problem/authoring.ts';
import type { Executor } from '../../../harness/src/sandbox/executor.ts';
import { ApiError } from '../errors.ts';
import { JobLine } from '../grading/job-line.ts';
import type { Logger } from '../grading/service.ts';
import type { ProblemCatalog } from '../problems/catalog.ts';

export interface FeedbackDeps {
  catalog: ProblemCatalog;
  executor: Executor;
  esbuild: EsbuildApi;
  log: Logger;
  /** The line feedback waits in (shared with the replays of reported tests); else one of its own. */
  line?: JobLine;
  /** Feedback jobs at once (default 1), without a `line`. */
  concurrency?: number;
  /** Jobs waiting beyond this answer QUEUE_FULL. */
  queueLimit?: number;
  /** Wall-clock bound of one counterexample search. */
  counterexampleMs?: number;
}

export class FeedbackService {
  private readonly references = new Map<string, Promise<string>>();
  private readonly line: JobLine;

  constructor(private readonly deps: FeedbackDeps) {
    this.line = deps.line ?? new JobLine(deps.concurrency ?? 1, deps.queueLimit ?? 8);
  }

  private reference(slug: string): Promise<string> {
    let source = this.references.get(slug);
    if (!source) {
      const entry = this.deps.catalog.get(slug);
      if (!entry) throw new ApiError('UNKNOWN_PROBLEM', `no problem named "${slug}"`);
      source = readFile(path.join(entry.problem.dir, 'solutions', 'accepted', 'reference.ts'), 'utf8');
      source.catch(() => this.references.delete(slug));
      this.references.set(slug, source);
    }
    return source;
  }

  private context(slug: string, referenceSource: string) {
    const entry = this.deps.catalog.get(slug);
    if (!entry) throw new ApiError('UNKNOWN_PROBLEM', `no problem named "${slug}"`);
    return {
      problem: entry.problem,
      referenceSource,
      esbuild: this.deps.esbuild,
      executor: this.deps.executor,
      onJudgeError: (message: string, context: Record<string, unknown>) =>
        this.deps.log.error({ ...context, problem: slug }, `feedback judge error: ${message}`),
    };
  }

  /** The reference's output for each input, or the validator's message (§1). */
  async expected(slug: string, inputs: TestInput[]): Promise<ExpectedOutput[]> {
    const reference = await this.reference(slug);
    return this.line.run(() => expectedOutputs(this.context(slug, reference), inputs));
  }

  /** A (shrunk) counterexample for `code` (§2). */
  async counterexample(slug: string, code: string): Promise<CounterexampleReport> {
    const reference = await this.reference(slug);
    return this.line.run(() =>
      findCounterexample({
        ...this.context(slug, reference),
        source: code,
        ...(this.deps.counterexampleMs ? { timeLimitMs: this.deps.counterexampleMs } : {}),
      }),
    );
  }
}
