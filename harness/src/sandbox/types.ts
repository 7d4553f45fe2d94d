/** What crosses between the grader and the sandbox runner (and so between threads): plain, cloneable data. */

export interface SandboxLimits {
  /** Cap of the sandbox's WebAssembly heap. */
  memoryBytes: number;
  /** QuickJS stack: 2 MiB gives ~10,900 frames of a simple recursive function, close to Node's default. */
  stackBytes: number;
  /** Cap on the encoded returned value (tagged JSON text). */
  outputBytes: number;
  /** Cap on captured console output. */
  consoleBytes: number;
  /** Steps the problem's driver may spend building a test's arguments (judge phase). */
  judgeStepBudget: number;
  /** Wall-clock guard per test: checked in the interrupt handler (soft) and by the worker pool (hard kill). */
  wallMs: number;
}

export interface SandboxProgram {
  /** The solution compiled to CommonJS by esbuild. */
  solutionJs: string;
  /** The problem's driver compiled to CommonJS, if it has one. */
  driverJs: string | null;
  entries: string[];
}

export interface SandboxTest {
  /** Position in the job's test list. */
  index: number;
  /** Tagged JSON text of the TestInput. */
  input: string;
  stepBudget: number;
  /** Seed of the sandbox's Math.random for this test. */
  seed: number;
  /** A scale-group test: it runs even after another test hit a limit (see SandboxJob.stopAfterLimit). */
  measure?: boolean;
}

export type LimitKind = 'steps' | 'memory' | 'output' | 'console' | 'wall';

export type RunOutcome =
  | { kind: 'returned'; output: string }
  | { kind: 'threw'; name: string; message: string; stack: string }
  | { kind: 'limit'; limit: LimitKind; detail: string }
  | { kind: 'judge-error'; message: string }
  /** Not run: the grader asked the job to stop (SandboxJob.stopFlag) after an earlier test failed. */
  | { kind: 'not-run'; detail: string };

export interface RawTestRun {
  index: number;
  outcome: RunOutcome;
  /** Interrupt-handler calls during the user's part of the test. */
  steps: number;
  /** Size of the sandbox heap after the test (its high-water mark; see sandbox.ts). */
  memoryBytes: number;
  wallMs: number;
  console: string;
  consoleTruncated: boolean;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  memoryBytes: 256 * 1024 * 1024,
  stackBytes: 2 * 1024 * 1024,
  outputBytes: 16 * 1024 * 1024,
  consoleBytes: 64 * 1024,
  judgeStepBudget: 200_000,
  wallMs: 10_000,
};
