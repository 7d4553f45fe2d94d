/**
 * The counterexample search on planted bugs (stored wrong_answer solutions): it finds a disagreement and shrinks it to
 * a known minimal input; on an accepted solution it finds none. And the oracle behind it: expected outputs of custom
 * inputs, with the validator's message for invalid ones.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeEsbuild } from '../node/esbuild.ts';
import { WorkerPool } from '../node/pool.ts';
import { loadProblem, type LoadedProblem } from '../problem/load.ts';
import type { EsbuildApi } from '../compile/transpile.ts';
import { findCounterexample } from './counterexample.ts';
import { checkInput, expectedOutputs } from './oracle.ts';

const PROBLEMS = path.resolve(import.meta.dirname, '../../../problems');
let pool: WorkerPool;
let esbuild: EsbuildApi;
const loaded = new Map<string, { problem: LoadedProblem; referenceSource: string }>();

beforeAll(async () => {
  esbuild = await nodeEsbuild();
  pool = new WorkerPool({ size: 2 });
  await pool.ready();
});
afterAll(() => pool?.close());

async function problem(slug: string): Promise<{ problem: LoadedProblem; referenceSource: string }> {
  let p = loaded.get(slug);
  if (!p) {
    const problem = await loadProblem(path.join(PROBLEMS, slug), esbuild);
    const referenceSource = await readFile(path.join(problem.dir, 'solutions/accepted/reference.ts'), 'utf8');
    p = { problem, referenceSource };
    loaded.set(slug, p);
  }
  return p;
}

async function search(slug: string, solution: string, extra: { maxInputs?: number } = {}) {
  const p = await problem(slug);
  return findCounterexample({
    ...p,
    esbuild,
    executor: pool,
    source: await readFile(path.join(p.problem.dir, 'solutions', solution), 'utf8'),
    // Bounded by counts, not by the clock, so the result is the same on a loaded machine.
    timeLimitMs: 600_000,
    ...extra,
  });
}

describe('findCounterexample on planted bugs', () => {
  it.each([
    // An off-by-one: W + 1 keys per query. Smallest input: one query over two keys with W = 1.
    ['sliding-window-mask', 'wrong_answer/window_w_plus_one.ts', { fn: 'swaMask', args: [1, 2, 1] }],
    // A wrong tie order (ties keep the higher ids). Smallest: a two-way tie, top-p 0.
    ['top-k-top-p-sampling', 'wrong_answer/tie_keeps_high_ids.ts', { fn: 'filterProbs', args: [[0, 0], 1, 0, 0] }],
    // A missing merge rule (a pair occurring once is never merged). Smallest: "ab" and one merge.
    ['bpe-tokenizer', 'wrong_answer/stop_at_count_one.ts', { fn: 'bpeTrain', args: ['ab', 257] }],
  ])('%s %s shrinks to %j', async (slug, solution, minimal) => {
    const report = await search(slug, solution);
    expect(report.status).toBe('found');
    if (report.status !== 'found') return;
    const c = report.counterexample;
    expect(c.result.input).toEqual(minimal);
    expect(c.result.verdict).toBe('WA');
    expect(c.result.expected).toBeDefined();
    expect(c.result.mismatch?.path).toMatch(/^out/);
    expect(c.sizeAfter.chars).toBeLessThanOrEqual(c.sizeBefore.chars);
    expect(c.shrinkSteps).toBeGreaterThan(0);
  });

  it('finds a missing error (the reference throws, the code does not) through an error shape', async () => {
    const report = await search('sliding-window-mask', 'wrong_answer/no_throw_on_bad_window.ts');
    expect(report.status).toBe('found');
    if (report.status !== 'found') return;
    expect(report.counterexample.result.input).toMatchObject({ expectError: true });
    expect(report.counterexample.result.expected).toEqual({ threw: true });
  });

  it('finds nothing for an accepted solution, and says it stopped at the input bound', async () => {
    const report = await search('sliding-window-mask', 'accepted/candidate_quick.ts', { maxInputs: 150 });
    expect(report).toMatchObject({ status: 'none', tried: 150, stoppedBy: 'inputs' });
  });

  it('reports a compile error instead of searching', async () => {
    const p = await problem('sliding-window-mask');
    const report = await findCounterexample({ ...p, esbuild, executor: pool, source: 'export function swaMask( {' });
    expect(report.status).toBe('compile-error');
  });
});

describe('expected outputs of custom inputs', () => {
  it('gives the reference output for valid inputs and the validator message for invalid ones', async () => {
    const p = await problem('top-k-top-p-sampling');
    const out = await expectedOutputs({ ...p, esbuild, executor: pool }, [
      { fn: 'filterProbs', args: [[1, 1, 0], 1, 0, 1] },
      { fn: 'filterProbs', args: [[1, 1, 0], 1, -1, 1] },
      { fn: 'nope', args: [] },
    ]);
    expect(out[0]?.status).toBe('ok');
    const probs = (out[0] as { expected: number[] }).expected;
    expect(probs).toHaveLength(3);
    expect(probs[0]).toBeCloseTo(probs[1] as number, 12);
    expect(out[1]).toEqual({ status: 'invalid', message: 'topK = -1: must be an integer >= 0' });
    expect(out[2]).toEqual({ status: 'invalid', message: '"fn" must be one of filterProbs, sampleToken' });
  });

  it('checkInput: shape errors and the validator, error tests included', async () => {
    const { problem: swa } = await problem('sliding-window-mask');
    expect(checkInput(swa, { fn: 'swaMask', args: [2, 2, 1] })).toBeNull();
    expect(checkInput(swa, { fn: 'swaMask', args: [2, 2, 0] })).toBe('W = 0 is outside [1, 1000000000]');
    expect(checkInput(swa, { fn: 'swaMask', args: [2, 2, 0], expectError: true })).toBeNull();
    expect(checkInput(swa, { fn: 'swaMask', spec: { n: 1 } })).toMatch(/no spec inputs/);
    expect(checkInput(swa, { fn: 'swaMask' })).toBe('give exactly one of "args" and "spec"');
  });
});
