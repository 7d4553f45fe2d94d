/**
 * The sliding-window driver summarises big outputs inside the sandbox with native scans (a Set of a mask row's
 * cells, indexOf for its runs) and a loop without typeof tests for lists. These solutions are right on every value a
 * summary could be fooled into reading, and wrong in type or structure: each must get a wrong answer naming the
 * cell, never an accepted verdict or a runtime error, including when the solution replaced what the scans use.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EsbuildApi } from '../../harness/src/compile/transpile.ts';
import { gradeToEnd } from '../../harness/src/grade.ts';
import { nodeEsbuild } from '../../harness/src/node/esbuild.ts';
import { WorkerPool } from '../../harness/src/node/pool.ts';
import { loadProblem, suiteTests, type LoadedProblem } from '../../harness/src/problem/load.ts';

const dir = path.resolve(import.meta.dirname, '../../problems/sliding-window-mask');
let pool: WorkerPool;
let esbuild: EsbuildApi;
let problem: LoadedProblem;
let reference: string;
beforeAll(async () => {
  esbuild = await nodeEsbuild();
  pool = new WorkerPool({ size: 2 });
  problem = await loadProblem(dir, esbuild);
  reference = await readFile(path.join(dir, 'solutions/accepted/reference.ts'), 'utf8');
  await pool.ready();
});
afterAll(() => pool.close());

/** The reference, with its output passed through `tweak` (source of a function body over `out` and `args`). */
function tweaked(fn: 'swaMask' | 'swaRanges' | 'rollingBuffer', tweak: string, prologue = ''): string {
  const renamed = reference.replace(`export function ${fn}(`, `function ${fn}Reference(`);
  return `${prologue}\n${renamed}\nexport function ${fn}(...args: [number, number, number]) {
  const out: any = (${fn}Reference as any).apply(undefined, args); // no spread: the tests replace the iterator
  ${tweak}
  return out;
}`;
}

/** Grades on the big tests of one entry (the summarised ones) and returns the first failure's verdict and message. */
async function firstFailure(source: string, name: RegExp): Promise<{ verdict: string; message: string }> {
  const tests = suiteTests(problem, 'all').filter((t) => name.test(t.name));
  expect(tests.length).toBeGreaterThan(0);
  const { results } = await gradeToEnd({ source, problem, tests, esbuild, executor: pool, reveal: 'all' });
  const failed = results.find((r) => r.verdict !== 'AC');
  return { verdict: failed?.verdict ?? 'AC', message: JSON.stringify(failed?.actual ?? failed?.error ?? null) };
}

const BIG_MASK = /^swaMask 300x300/;
const BIG_RANGES = /^scale n=6250/;
const BIG_ROLLING = /^rollingBuffer W = 3\*10\^4/;

describe('sliding-window summaries of big outputs', () => {
  it('accept the reference on the big tests (the fast paths are taken and agree with the stored summaries)', async () => {
    for (const name of [BIG_MASK, BIG_RANGES, BIG_ROLLING]) {
      expect((await firstFailure(reference, name)).verdict).toBe('AC');
    }
  }, 60_000);

  it('name a mask cell that is a string, a Boolean object or missing', async () => {
    for (const [tweak, cell] of [
      ['out[7][100] = String(out[7][100]);', 'mask[7][100] is a string'],
      ['out[9][3] = new Boolean(out[9][3]);', 'mask[9][3] is a object'],
      ['delete out[299][299];', 'mask[299][299] is a undefined'],
    ] as const) {
      const f = await firstFailure(tweaked('swaMask', tweak), BIG_MASK);
      expect(f.verdict, tweak).toBe('WA');
      expect(f.message, tweak).toContain(cell);
    }
  }, 60_000);

  it('are not fooled by a Set, an iterator or an indexOf the solution replaced', async () => {
    const stringCell = 'out[7][100] = String(out[7][100]);';
    const hides: Array<{ how: string; prologue: string; tweak: string }> = [
      {
        how: 'an add() that drops non-booleans (the Set would hold only booleans)',
        prologue: `const add = Set.prototype.add;
          Set.prototype.add = function (v: unknown) { return typeof v === 'boolean' ? add.call(this, v) : this; };`,
        tweak: stringCell,
      },
      {
        how: 'an array iterator that skips the strings',
        prologue: `const values = Array.prototype[Symbol.iterator];
          Array.prototype[Symbol.iterator] = function* (this: unknown[]) {
            for (const v of values.call(this)) if (typeof v === 'boolean') yield v; } as any;`,
        tweak: stringCell,
      },
      {
        how: "the row's own iterator",
        prologue: '',
        tweak: `${stringCell}
          (out[7] as any)[Symbol.iterator] = function* () { yield true; yield false; };`,
      },
      {
        how: 'an indexOf that finds nothing (the runs would all be false)',
        prologue: 'Array.prototype.indexOf = () => -1;',
        tweak: stringCell,
      },
    ];
    for (const { how, prologue, tweak } of hides) {
      const f = await firstFailure(tweaked('swaMask', tweak, prologue), BIG_MASK);
      expect(f.verdict, `${how}: ${f.message}`).toBe('WA');
      expect(f.message, how).toContain('mask[7][100] is a string');
    }
  }, 60_000);

  it('name a list entry that is a string, a bigint, a float, or an object whose valueOf throws', async () => {
    for (const [fn, name, tweak, says] of [
      ['swaRanges', BIG_RANGES, 'out[70][1] = String(out[70][1]);', 'ranges[70] is not a pair of integers'],
      ['swaRanges', BIG_RANGES, 'out[70][0] = BigInt(out[70][0]);', 'ranges[70] is not a pair of integers'],
      [
        'swaRanges',
        BIG_RANGES,
        'out[5] = { 0: out[5][0], 1: out[5][1], length: 2 };',
        'ranges[5] is not a [lo, hi] pair',
      ],
      ['swaRanges', BIG_RANGES, 'out[5].push(0);', 'ranges[5] is not a [lo, hi] pair'],
      ['rollingBuffer', BIG_ROLLING, 'out.slots[40] += 0.5;', 'slots[40] is the number'],
      [
        'rollingBuffer',
        BIG_ROLLING,
        "out.chronological[3] = { valueOf() { throw new Error('no'); } };",
        'chronological[3] is a object, not an integer',
      ],
    ] as const) {
      const f = await firstFailure(tweaked(fn, tweak), name);
      expect(f.verdict, tweak).toBe('WA');
      expect(f.message, tweak).toContain(says);
    }
  }, 60_000);
});
