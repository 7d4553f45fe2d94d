/**
 * Mutation score (issue 12 §2, `judge check --mutants`): how many small bugs planted in the reference (mutate.ts)
 * the problem's tests catch. Each mutant is graded like a submission on the stored suite and budgets, in parallel on
 * the pool, stopping at its first failing test (only killed/survived matters).
 *
 * Equivalent mutants (the same function written differently) cannot be recognised exactly. A survivor is "likely
 * equivalent" when it also passes the checker against the reference on fresh generator inputs (every non-scale
 * generator case again with other seeds); one that fails there is a real hole, and the input that shows it is
 * named so the author can add it as a test. The score is killed / (mutants − likely equivalent).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EsbuildApi } from '../compile/transpile.ts';
import { gradeToEnd, type GradableTest } from '../grade.ts';
import { createRng } from '../rng.ts';
import type { Executor } from '../sandbox/executor.ts';
import { inParallel } from '../util/in-parallel.ts';
import { budgetFor, MEASURE_BUDGET, sha256 } from './build.ts';
import { materialiseArgs } from './collect.ts';
import { suiteTests, type LoadedProblem } from './load.ts';
import {
  applyMutant,
  findMutants,
  loadTypeScript,
  mutantDiff,
  sampleMutants,
  type Mutant,
  type MutationOperator,
} from './mutate.ts';

/** Mutants graded per problem at most (sampled deterministically beyond that). */
export const DEFAULT_MUTANT_CAP = 150;
/** Fresh seeds per non-scale generator case for the equivalence check. */
export const EXTRA_SEEDS = 4;

export interface SurvivingMutant {
  id: number;
  operator: MutationOperator;
  line: number;
  description: string;
  /** Unified diff against the reference, one line of context. */
  diff: string;
  /** Passes against the reference on fresh generator inputs too. */
  likelyEquivalent: boolean;
  /** A fresh generator input on which it fails (a test to add), when not likely equivalent. */
  differsOn?: { case: string; seed: number; size: number; verdict: string };
}

export interface MutationReport {
  /** Mutants the reference has, and how many were graded (the sample). */
  found: number;
  graded: number;
  killed: number;
  /** Every survivor, likely equivalent ones included. */
  survived: SurvivingMutant[];
  likelyEquivalent: number;
  /** Mutants that did not compile (not counted). */
  stillborn: number;
  /** killed / (graded − stillborn − likely equivalent); null when nothing is left to score. */
  score: number | null;
  /** Fresh generator inputs the survivors were compared on. */
  extraInputs: number;
  ms: number;
}

function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Fresh inputs from the generator's non-scale cases (other seeds), valid per the validator. */
function extraInputs(
  problem: LoadedProblem,
  seeds: number,
): Array<{ name: string; seed: number; size: number; t: GradableTest }> {
  const gen = problem.generator;
  if (!gen) return [];
  const out: Array<{ name: string; seed: number; size: number; t: GradableTest }> = [];
  gen.cases.forEach((c, i) => {
    if (c.scale) return;
    for (let k = 1; k <= seeds; k++) {
      const seed = (Math.imul(c.seed + 1, 0x9e3779b1) + k * 0x85ebca6b) >>> 0;
      try {
        const input = gen.generate({ ...c, seed }, createRng(seed));
        problem.validator?.validate(input, materialiseArgs(problem, input));
        out.push({
          name: c.name,
          seed,
          size: c.size,
          t: { id: `extra-${i + 1}-${k}`, group: 'hidden', name: `${c.name} (seed ${seed})`, input, stepBudget: 0 },
        });
      } catch {
        // A generator or validator that rejects the other seed: that input is simply not used.
      }
    }
  });
  return out;
}

export async function mutationAnalysis(
  problem: LoadedProblem,
  esbuild: EsbuildApi,
  executor: Executor,
  opts: { cap?: number; parallel?: number; extraSeeds?: number } = {},
): Promise<MutationReport> {
  const started = performance.now();
  const ts = await loadTypeScript();
  const refFile = path.join(problem.dir, 'solutions', 'accepted', 'reference.ts');
  const reference = await readFile(refFile, 'utf8');
  const all = findMutants(ts, reference);
  const sample = sampleMutants(all, opts.cap ?? DEFAULT_MUTANT_CAP, seedOf(problem.slug));
  const tests = suiteTests(problem, 'all');
  const parallel = opts.parallel ?? 2;
  const grade = (source: string, on: GradableTest[]) =>
    gradeToEnd({
      source,
      problem,
      tests: on,
      esbuild,
      executor,
      reveal: 'all',
      digest: sha256,
      stopAfterLimit: true,
      stopAfterFailure: true,
    });

  const outcomes = await inParallel(
    sample.map((m) => async () => {
      const { summary } = await grade(applyMutant(reference, m), tests);
      return { m, verdict: summary.verdict };
    }),
    parallel,
  );
  const stillborn = outcomes.filter((o) => o.verdict === 'CE').length;
  const survivors = outcomes.filter((o) => o.verdict === 'AC').map((o) => o.m);

  // The equivalence check: the reference's answers on fresh inputs, then each survivor against them.
  let extras: ReturnType<typeof extraInputs> = [];
  let extraTests: GradableTest[] = [];
  if (survivors.length > 0) {
    const candidates = extraInputs(problem, opts.extraSeeds ?? EXTRA_SEEDS);
    const refRun = await gradeToEnd({
      source: reference,
      problem: { ...problem, checkerFor: () => () => ({ ok: true as const }) },
      tests: candidates.map((e) => ({ ...e.t, stepBudget: MEASURE_BUDGET })),
      esbuild,
      executor,
      reveal: 'all',
    });
    // Inputs the reference itself does not answer normally are dropped; a mutant may take 3x the budget the
    // reference's steps give before it counts as different.
    const kept = refRun.results.filter((r) => r.verdict === 'AC');
    extras = kept.map((r) => candidates[r.index]!);
    extraTests = kept.map((r) => ({
      ...candidates[r.index]!.t,
      expected: r.actual,
      stepBudget: budgetFor(problem, r.steps * 3),
    }));
  }
  const survived = await inParallel(
    survivors.map((m: Mutant) => async (): Promise<SurvivingMutant> => {
      const base = {
        id: m.id,
        operator: m.operator,
        line: m.line,
        description: m.description,
        diff: mutantDiff(reference, m, `${problem.slug}/solutions/accepted/reference.ts`),
      };
      if (extraTests.length === 0) return { ...base, likelyEquivalent: false };
      const { results } = await grade(applyMutant(reference, m), extraTests);
      const bad = results.find((r) => r.verdict !== 'AC');
      if (!bad) return { ...base, likelyEquivalent: true };
      const e = extras[bad.index]!;
      return {
        ...base,
        likelyEquivalent: false,
        differsOn: { case: e.name, seed: e.seed, size: e.size, verdict: bad.verdict },
      };
    }),
    parallel,
  );
  const likelyEquivalent = survived.filter((s) => s.likelyEquivalent).length;
  const killed = outcomes.length - stillborn - survivors.length;
  const scored = killed + survivors.length - likelyEquivalent;
  return {
    found: all.length,
    graded: sample.length,
    killed,
    survived,
    likelyEquivalent,
    stillborn,
    score: scored > 0 ? killed / scored : null,
    extraInputs: extraTests.length,
    ms: performance.now() - started,
  };
}
