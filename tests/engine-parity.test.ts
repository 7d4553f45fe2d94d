/**
 * Rules that were only comments (issue 11 §5), as tests:
 * - the sandbox prelude and harness/src/codec.ts tag values alike (what a solution returns decodes to the same value
 *   the host would have encoded);
 * - the sandbox's Math.random and harness/src/rng.ts produce the same sequence for a seed;
 * - many gradings in one sandbox leave the host's memory flat (nothing is leaked per submission).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeValue, encodeValue } from '../harness/src/codec.ts';
import { createNodeSandbox } from '../harness/src/node/engine.ts';
import { createRng } from '../harness/src/rng.ts';
import type { Sandbox } from '../harness/src/sandbox/sandbox.ts';
import { DEFAULT_LIMITS, type SandboxProgram } from '../harness/src/sandbox/types.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createNodeSandbox();
});

const run = async (program: SandboxProgram, fn: string, args: unknown[], seed = 1): Promise<unknown> => {
  const r = await sandbox.runTest(
    program,
    { index: 0, input: encodeValue({ fn, args }), stepBudget: 100_000, seed },
    DEFAULT_LIMITS,
  );
  if (r.outcome.kind !== 'returned') throw new Error(JSON.stringify(r.outcome));
  return decodeValue(r.outcome.output);
};

describe('prelude and codec agree', () => {
  const values: unknown[] = [
    -0,
    0,
    1.5,
    -Infinity,
    Infinity,
    NaN,
    'text',
    '',
    true,
    null,
    undefined,
    [1, -0, [NaN, { a: -Infinity }]],
    { b: undefined, c: [undefined, null] },
    { $num: 'not a tag' },
    { __proto__x: 1 },
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    -1e-300,
    [[[[]]]],
  ];
  it('a value passed in comes back as the host itself decodes it, with its type (identity through the sandbox)', async () => {
    const program: SandboxProgram = { solutionJs: 'function echo(v) { return v; }', driverJs: null, entries: ['echo'] };
    for (const v of values) {
      const back = await run(program, 'echo', [v]);
      // Both sides drop an object property whose value is undefined (JSON revivers delete it): compare with what
      // the host's own decoder gives.
      expect(encodeValue(back)).toBe(encodeValue(decodeValue(encodeValue(v))));
      if (typeof v === 'number') expect(Object.is(back, v)).toBe(true);
    }
  });
  it('values built inside the sandbox decode to what the host encodes for the same value', async () => {
    const program: SandboxProgram = {
      solutionJs: 'function make() { return [-0, 1 / 0, -1 / 0, 0 / 0, undefined, 10n, { x: [-0] }]; }',
      driverJs: null,
      entries: ['make'],
    };
    const got = await run(program, 'make', []);
    expect(encodeValue(got)).toBe(
      encodeValue([-0, Infinity, -Infinity, NaN, undefined, { $bigint: '10' }, { x: [-0] }]),
    );
  });
});

describe("the sandbox's Math.random and rng.ts", () => {
  it('give the same sequence for the same seed', async () => {
    const program: SandboxProgram = {
      solutionJs: 'function draw(n) { const o = []; for (let i = 0; i < n; i++) o.push(Math.random()); return o; }',
      driverJs: null,
      entries: ['draw'],
    };
    for (const seed of [1, 7, 0xdeadbeef]) {
      const inside = (await run(program, 'draw', [50], seed)) as number[];
      const rng = createRng(seed);
      expect(inside).toEqual(Array.from({ length: 50 }, () => rng.float()));
    }
  });
});

describe('memory', () => {
  it('stays flat over many gradings in one sandbox (handles are not leaked)', async () => {
    const program = (i: number): SandboxProgram => ({
      // A different program each time: every grading builds a new session in a new WebAssembly module.
      solutionJs: `function f(n) { const a = []; for (let i = 0; i < n; i++) a.push({ i, s: 'x' + i }); return a.length + ${i}; }`,
      driverJs: null,
      entries: ['f'],
    });
    const grade = async (i: number): Promise<void> => {
      sandbox.discardModule();
      for (let t = 0; t < 5; t++) await run(program(i), 'f', [2000]);
    };
    for (let i = 0; i < 20; i++) await grade(i);
    const settle = async (): Promise<number> => {
      for (let k = 0; k < 3; k++) {
        (globalThis as { gc?: () => void }).gc?.();
        await new Promise((r) => setTimeout(r, 20));
      }
      return process.memoryUsage().rss;
    };
    const before = await settle();
    for (let i = 20; i < 120; i++) await grade(i);
    const after = await settle();
    // 100 gradings, each with a 16 MiB module and its snapshot: without collection that would be > 3 GB.
    expect(after - before).toBeLessThan(400 * 1024 * 1024);
  });
});
