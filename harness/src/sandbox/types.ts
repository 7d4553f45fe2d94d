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
  /**
   * The no-progress guard per test: the supervisor kills a worker from which no progress (an interrupt-handler call,
   * reported every PROGRESS_INTERVAL_MS) arrived for `wallMs` plus its grace — a long native operation. Code that
   * keeps reaching the interrupt handler is bounded by its step budget instead, so a slow machine never turns AC into
   * TLE (see sandbox/supervisor.ts).
   */
  wallMs: number;
  /**
   * The absolute cap on one test's wall time, progress or not (a pathological case still ends). Set by the
   * supervisor from its options; absent, `defaultWallCapMs(wallMs)`.
   */
  wallCapMs?: number;
}

/** The absolute cap on a test's wall time unless the host sets its own: 4 × wallMs, at least 60 s. */
export const defaultWallCapMs = (wallMs: number): number => Math.max(4 * wallMs, 60_000);

/** How often, at most, a worker reports that its running test makes progress (a message every 100+ ms is cheap). */
export const PROGRESS_INTERVAL_MS = 100;

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;
/** Why a test ended on a `wall` limit: what the user sees (TLE), the same from the engine and the supervisor. */
export const wallDetail = (why: 'cap' | 'no-progress', ms: number): string =>
  why === 'cap'
    ? `ran past the ${seconds(ms)} cap on a test's wall time`
    : `no progress for ${seconds(ms)}: a long native operation (a built-in call that never returns to the step counter)`;

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
  /**
   * The test's expected share of its job's work, in any unit (the grader gives its step budget before a scale test's
   * measuring cap): only used to split a job across idle workers evenly (parts.ts). Default: `stepBudget`.
   */
  weight?: number;
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
  /** The wall-clock guard killed the worker during this test: the job's later tests are not run (supervisor.ts). */
  killed?: true;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  memoryBytes: 256 * 1024 * 1024,
  stackBytes: 2 * 1024 * 1024,
  outputBytes: 16 * 1024 * 1024,
  consoleBytes: 64 * 1024,
  judgeStepBudget: 200_000,
  wallMs: 10_000,
};
