/**
 * Find a counterexample (issue 15 §2): run the user's code and the reference on many small inputs, stop at the first
 * disagreement, then shrink it to a minimal input on which they still disagree.
 *
 * - Inputs: the public samples first, then the problem's generator at small sizes (1, 2, 3, … 32) with seeds of its
 *   own — never the suite's tests (its edge cases and generated cases stay hidden, and a search result is not derived
 *   from them). Inputs the validator refuses are skipped; so are inputs the reference does not answer.
 * - A disagreement is what a submission would be failed for: the problem's checker says WA, or the code throws, runs
 *   out of steps (budget: 10× what the suite would give the reference's steps) or memory where the reference returns.
 * - Shrinking: candidates from harness/src/feedback/shrink.ts (and the problem's `shrink` hook), kept only if valid,
 *   smaller, and new; the first candidate (in the shrinker's order) on which the code still gets the same verdict
 *   becomes the counterexample, until no candidate does (a local minimum) or a bound is reached.
 * - Cost: inputs are run in batches, one sandbox session per batch and program (reference, then the user's code), never
 *   one submission per input. Deterministic for a seed; bounded in inputs, shrink candidates and wall time.
 */
import type { CompileError } from '../compile/transpile.ts';
import type { TestResult } from '../grade.ts';
import type { TestInput } from '../problem/authoring.ts';
import { createRng } from '../rng.ts';
import type { Verdict } from '../verdict.ts';
import {
  checkInput,
  judgeAgainst,
  notRun,
  runReference,
  runUnchecked,
  type FeedbackProblem,
  type OracleContext,
} from './oracle.ts';
import { errorShapes, inputSize, shrinkInput, smallerThan, type InputSize } from './shrink.ts';

export interface CounterexampleOptions extends OracleContext {
  /** The user's TypeScript source. */
  source: string;
  seed?: number;
  /** Inputs tried before giving up (samples included). */
  maxInputs?: number;
  /** Shrink candidates run at most. */
  maxShrinkRuns?: number;
  /** Wall-clock bound of the whole search, shrinking included. */
  timeLimitMs?: number;
  /** Of which the search for a first disagreement may take this share (the rest is left for shrinking). */
  searchShare?: number;
  /** Inputs per sandbox session. */
  batchSize?: number;
  /** Generated inputs larger than this (JSON characters of their arguments) are not tried. */
  maxInputChars?: number;
}

export interface Counterexample {
  /** Where the first disagreeing input came from (never a hidden test). */
  origin: 'sample' | 'generated';
  /** The input that first disagreed. */
  original: TestInput;
  /** Sizes before and after shrinking (JSON characters of the arguments or spec; sum of the numbers' magnitudes). */
  sizeBefore: InputSize;
  sizeAfter: InputSize;
  /** Accepted shrinks. */
  shrinkSteps: number;
  /** The user's result on the minimal input: input, expected (the reference's output), actual, diff, error. */
  result: TestResult;
}

export type CounterexampleReport = {
  /** Inputs run in the search, and shrink candidates run. */
  tried: number;
  shrinkRuns: number;
  ms: number;
  /** What ended the search or the shrinking early (absent when it ran to completion). */
  stoppedBy?: 'inputs' | 'time' | 'shrink-runs';
} & (
  | { status: 'found'; counterexample: Counterexample }
  | { status: 'none' }
  | { status: 'compile-error'; compileError: CompileError }
);

const DEFAULTS = {
  seed: 0x15c0ffee,
  maxInputs: 800,
  maxShrinkRuns: 800,
  timeLimitMs: 10_000,
  searchShare: 0.7,
  batchSize: 100,
  maxInputChars: 4000,
};

/** Candidates looked at (validated, deduplicated) per input actually run, at most. */
const LOOKED_PER_RUN = 25;

/** Small sizes, in the order the generator is asked for them (round r uses SIZES[r % SIZES.length]). */
const SIZES = [1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32];

/** A seed for round `round` of case `index`, from the search's own stream (not the suite's seeds). */
function caseSeed(seed: number, round: number, index: number): number {
  let h =
    Math.imul(seed ^ 0x85ebca6b, 0x9e3779b1) ^ Math.imul(round + 1, 0xc2b2ae35) ^ Math.imul(index + 1, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

function keyOf(input: TestInput): string {
  return JSON.stringify(input, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

/** Plain JSON data (no functions, class instances or typed arrays): what a user could have typed as arguments. */
function isPlain(v: unknown, depth = 0): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return true;
  if (depth > 32 || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.every((x) => isPlain(x, depth + 1));
  return Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every((x) => isPlain(x, depth + 1));
}

/**
 * A spec input as plain arguments, when the driver builds small, plain ones from it: the user then sees (and the
 * shrinker shrinks) the logits themselves, not a seed that makes them.
 */
function asArgs(problem: FeedbackProblem, input: TestInput, maxChars: number): TestInput {
  if (input.args || !problem.hostDriver?.buildArgs) return input;
  try {
    const args = problem.hostDriver.buildArgs(input.fn, input.spec);
    if (!Array.isArray(args) || !isPlain(args)) return input;
    const { spec: _spec, ...rest } = input;
    const plain: TestInput = { ...rest, args };
    // Some problems take only specs (their driver builds functions): the validator says so.
    return inputSize(plain).chars <= maxChars && checkInput(problem, plain) === null ? plain : input;
  } catch {
    return input;
  }
}

/** Error shapes tried per input (see errorShapes), and how many variants are looked at to find them. */
const ERROR_SHAPES_PER_INPUT = 2;
const ERROR_SHAPES_LOOKED_AT = 24;

/**
 * Inputs to try, in order: the samples, then the generator's non-scale cases at growing small sizes; each followed by
 * a few of its error shapes (the same input with one value past a boundary, expected to throw) that the validator
 * accepts, for problems whose rules say what must throw.
 */
function* searchInputs(
  problem: FeedbackProblem,
  seed: number,
  maxChars: number,
): Generator<{ input: TestInput; origin: 'sample' | 'generated' }> {
  const withShapes = function* (input: TestInput, origin: 'sample' | 'generated') {
    yield { input, origin };
    if (!problem.validator) return;
    let found = 0;
    let looked = 0;
    for (const shape of errorShapes(input)) {
      if (found >= ERROR_SHAPES_PER_INPUT || ++looked > ERROR_SHAPES_LOOKED_AT) break;
      if (checkInput(problem, shape) === null) {
        found++;
        yield { input: shape, origin };
      }
    }
  };
  for (const s of problem.samples) yield* withShapes(s.input as TestInput, 'sample');
  const gen = problem.generator;
  if (!gen) return;
  const cases = gen.cases.filter((c) => !c.scale);
  if (cases.length === 0) return;
  // Rounds go on while a cycle through the sizes yields something (every case may be too big, or fail, at every size).
  let yieldedInCycle = false;
  for (let round = 0; ; round++) {
    if (round % SIZES.length === 0) {
      if (round > 0 && !yieldedInCycle) return;
      yieldedInCycle = false;
    }
    const size = SIZES[round % SIZES.length] as number;
    for (const [index, c] of cases.entries()) {
      const s = caseSeed(seed, round, index);
      let input: TestInput;
      try {
        input = gen.generate({ ...c, seed: s, size }, createRng(s));
      } catch {
        continue; // a case that cannot be built at this size
      }
      input = asArgs(problem, input, maxChars);
      if (inputSize(input).chars <= maxChars) {
        yieldedInCycle = true;
        yield* withShapes(input, 'generated');
      }
    }
  }
}

/**
 * The step budget of the user's code on every input: 10× the largest budget of a sample (at least 10× the problem's
 * minimum). Inputs are small; this is not timing, only a fence against a loop that never ends. The user's code runs
 * at the same time as the reference, so the budget cannot wait for the reference's steps.
 */
function userBudget(problem: FeedbackProblem): number {
  const l = problem.manifest.limits;
  const samples = (problem.suite?.tests ?? []).filter((t) => t.group === 'sample').map((t) => t.stepBudget);
  return 10 * Math.max(l.minStepBudget, ...samples);
}

/** What the suite would give a test the reference solves in `steps` (see judge build), times the same 10. */
function fairBudget(problem: FeedbackProblem, steps: number): number {
  const l = problem.manifest.limits;
  return 10 * Math.max(l.minStepBudget, Math.ceil(steps * l.budgetMultiplier));
}

function threw(v: unknown): boolean {
  return v !== null && typeof v === 'object' && (v as { threw?: unknown }).threw === true;
}

/** Verdicts that mean "your code disagrees with the reference" (JE is the judge's fault, not a disagreement). */
const DISAGREES: ReadonlySet<Verdict> = new Set<Verdict>(['WA', 'RE', 'TLE', 'MLE', 'OLE']);

export async function findCounterexample(opts: CounterexampleOptions): Promise<CounterexampleReport> {
  const o = { ...DEFAULTS, ...opts };
  const started = performance.now();
  const elapsed = (): number => performance.now() - started;
  const outOfTime = (): boolean => elapsed() > o.timeLimitMs;
  /** Inputs known not to be counterexamples (invalid, or the code agrees with the reference): never run again. */
  const known = new Set<string>();
  let tried = 0;
  let shrinkRuns = 0;

  const budget = userBudget(opts.problem);
  /**
   * Runs a batch: the reference and the user's code at once (two sandbox sessions, in parallel when the executor has
   * two workers), then judges the user's outputs against the reference's on the host. An input the reference does not
   * answer is no test; a TLE counts only where the budget is at least what the suite would have given.
   */
  const runBatch = async (
    inputs: TestInput[],
  ): Promise<{
    compileError?: CompileError;
    failures: Array<{ at: number; result: TestResult }>;
    /** Inputs that were not run after the code hit a limit: nothing is known of them. */
    unrun: Set<number>;
  }> => {
    // Small inputs: the reference gets the user's budget too (an input it cannot answer within it is skipped).
    const [refs, user] = await Promise.all([
      runReference(opts, inputs, budget),
      runUnchecked(opts, o.source, inputs, budget, true),
    ]);
    const unrun = new Set<number>();
    if (user.compileError) return { compileError: user.compileError, failures: [], unrun };
    const failures: Array<{ at: number; result: TestResult }> = [];
    for (const [at, ref] of refs.entries()) {
      const run = user.results[at];
      if (!run || notRun(run)) {
        unrun.add(at);
        continue;
      }
      if (!ref.ok) continue;
      // An error shape is a test only where the reference does throw.
      if (inputs[at]?.expectError && !threw(ref.expected)) continue;
      if (run.verdict === 'TLE' && budget < fairBudget(opts.problem, ref.steps)) continue;
      const result = judgeAgainst(opts, run, ref.expected);
      if (DISAGREES.has(result.verdict)) failures.push({ at, result });
    }
    return { failures, unrun };
  };

  /** After a batch: the inputs that did not disagree are known (the others may be candidates again later). */
  const remember = (inputs: TestInput[], r: { failures: Array<{ at: number }>; unrun: Set<number> }): void => {
    const failed = new Set(r.failures.map((f) => f.at));
    inputs.forEach((input, at) => failed.has(at) || r.unrun.has(at) || known.add(keyOf(input)));
  };

  // ---- search
  let first: { input: TestInput; origin: 'sample' | 'generated'; result: TestResult } | null = null;
  let stoppedBy: CounterexampleReport['stoppedBy'];
  const source = searchInputs(opts.problem, o.seed, o.maxInputChars);
  let exhausted = false;
  let looked = 0;
  while (!first && !exhausted) {
    if (tried >= o.maxInputs) {
      stoppedBy = 'inputs';
      break;
    }
    if (elapsed() > o.timeLimitMs * o.searchShare) {
      stoppedBy = 'time';
      break;
    }
    const batch: Array<{ input: TestInput; origin: 'sample' | 'generated' }> = [];
    while (batch.length < o.batchSize && tried + batch.length < o.maxInputs) {
      // Invalid and repeated inputs cost no run, but they are bounded too (a generator may make only those), and so
      // is the time spent making and validating them (a spec may build large arguments on the host).
      if (++looked > o.maxInputs * LOOKED_PER_RUN || elapsed() > o.timeLimitMs * o.searchShare) {
        stoppedBy = looked > o.maxInputs * LOOKED_PER_RUN ? 'inputs' : 'time';
        exhausted = true;
        break;
      }
      const next = source.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const key = keyOf(next.value.input);
      if (known.has(key) || batch.some((b) => keyOf(b.input) === key)) continue;
      if (checkInput(opts.problem, next.value.input) !== null) {
        known.add(key);
        continue;
      }
      batch.push(next.value);
    }
    if (batch.length === 0) break;
    tried += batch.length;
    const ran = await runBatch(batch.map((b) => b.input));
    if (ran.compileError)
      return { status: 'compile-error', compileError: ran.compileError, tried, shrinkRuns, ms: elapsed() };
    remember(
      batch.map((b) => b.input),
      ran,
    );
    const hit = ran.failures[0];
    if (hit) first = { ...(batch[hit.at] as (typeof batch)[number]), result: hit.result };
  }
  if (!first) return { status: 'none', tried, shrinkRuns, ms: elapsed(), ...(stoppedBy ? { stoppedBy } : {}) };

  // ---- shrink
  const verdict = first.result.verdict;
  let current = first.input;
  let best = first.result;
  let shrinkSteps = 0;
  let shrinkStop: CounterexampleReport['stoppedBy'];
  const hook = opts.problem.generator?.shrink;
  looked = 0;
  // Each round takes the candidates of the current counterexample in batches until one still disagrees (then a new
  // round starts from it) or none is left (a local minimum: done).
  outer: for (;;) {
    const candidates = shrinkInput(current, hook);
    for (;;) {
      if (shrinkRuns >= o.maxShrinkRuns) {
        shrinkStop = 'shrink-runs';
        break outer;
      }
      if (outOfTime()) {
        shrinkStop = 'time';
        break outer;
      }
      const batch: TestInput[] = [];
      while (batch.length < o.batchSize && shrinkRuns + batch.length < o.maxShrinkRuns) {
        if (++looked > o.maxShrinkRuns * LOOKED_PER_RUN || outOfTime()) break;
        const next = candidates.next();
        if (next.done) break;
        const c = next.value;
        const key = keyOf(c);
        if (known.has(key) || !smallerThan(c, current) || batch.some((b) => keyOf(b) === key)) continue;
        if (checkInput(opts.problem, c) !== null) {
          known.add(key);
          continue;
        }
        batch.push(c);
      }
      if (batch.length === 0) break outer; // no candidate left: a local minimum
      shrinkRuns += batch.length;
      const ran = await runBatch(batch);
      remember(batch, ran);
      const hit = ran.failures.find((f) => f.result.verdict === verdict);
      if (hit) {
        current = batch[hit.at] as TestInput;
        best = hit.result;
        shrinkSteps++;
        continue outer;
      }
    }
  }
  return {
    status: 'found',
    tried,
    shrinkRuns,
    ms: elapsed(),
    ...(shrinkStop ? { stoppedBy: shrinkStop } : {}),
    counterexample: {
      origin: first.origin,
      original: first.input,
      sizeBefore: inputSize(first.input),
      sizeAfter: inputSize(current),
      shrinkSteps,
      result: { ...best, id: 'counterexample', name: 'counterexample', index: 0 },
    },
  };
}
