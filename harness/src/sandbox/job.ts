/**
 * A job is one submission's tests for one sandbox thread. `runJob` is the same loop in a Node worker thread and in
 * a browser Web Worker: it announces each test before running it (so the owner can arm its wall-clock kill switch)
 * and reports each raw run.
 */
import type { Sandbox } from './sandbox.ts';
import type { RawTestRun, SandboxLimits, SandboxProgram, SandboxTest } from './types.ts';

export interface SandboxJob {
  program: SandboxProgram;
  tests: SandboxTest[];
  limits: SandboxLimits;
}

export type JobEvent = { type: 'test-start'; index: number } | { type: 'test-end'; run: RawTestRun };

export async function runJob(sandbox: Sandbox, job: SandboxJob, emit: (e: JobEvent) => void): Promise<void> {
  // One WebAssembly module per job: nothing of another submission's heap is ever reused.
  sandbox.discardModule();
  for (const test of job.tests) {
    emit({ type: 'test-start', index: test.index });
    const run = await sandbox.runTest(job.program, test, job.limits);
    emit({ type: 'test-end', run });
  }
  sandbox.discardModule();
  // The next job (of another submission) starts on a module built while this thread is idle.
  sandbox.prepareSpare(job.limits.memoryBytes);
}
