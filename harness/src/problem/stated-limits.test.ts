import { describe, expect, it } from 'vitest';
import { parseSignature, returnShape } from './signature.ts';
import { limitUses, statedBounds } from './stated-limits.ts';

const STATEMENT = `# A problem

Rules mention \`n ≤ 10^9\` outside the constraints: ignored.

## Constraints

- \`0 ≤ n = records.length ≤ 1.6·10^4\`, \`m ≤ 20 000\`.
- \`x.length\` $= d$ is even with $2 \\le d \\le 4096$, and $|x_j| \\le 1$.
- \`swaMask\`: \`1 ≤ nQ ≤ nK ≤ 300\`;
  \`W <= 100000\` (continued line).
- $0 \\le \\mathrm{pos} \\le 10^{6}$; $1 \\le V \\le 2\\cdot 10^4$.
- \`numBeams · V ≤ 800\`, $(2γ + 1)\\cdot V \\le 9\\cdot 10^4$: products bound no single name.

## Examples

- \`k ≤ 5\` is not a constraint here.
`;

describe('statedBounds', () => {
  it('reads upper bounds from the Constraints list, with aliases, entry scope and number forms', () => {
    const b = statedBounds(STATEMENT, ['swaMask', 'other']);
    expect(b.map((x) => [x.name, x.bound, x.line, x.entry ?? null, x.aliases])).toEqual([
      ['records.length', 16000, 7, null, ['n']],
      ['m', 20000, 7, null, []],
      ['d', 4096, 8, null, ['x.length']],
      ['nK', 300, 9, 'swaMask', []],
      ['W', 100000, 9, 'swaMask', []],
      ['pos', 1e6, 11, null, []],
      ['V', 20000, 11, null, []],
    ]);
  });
});

describe('limitUses', () => {
  const entries = [
    { name: 'f', signature: 'function f(records: R[], m: number, x: number[], c: { pos: number }): number' },
    { name: 'swaMask', signature: 'function swaMask(nQ: number, nK: number, W: number): boolean[][]' },
  ];
  const bounds = statedBounds(STATEMENT, ['swaMask']);
  const t = (id: string, fn: string, args: unknown[], expectError = false) => ({
    id,
    input: { fn, args, ...(expectError ? { expectError } : {}) },
  });

  it('takes the largest value over the tests, through parameters, lengths, aliases and object fields', () => {
    const uses = limitUses(
      bounds,
      entries,
      [
        t('a', 'f', [[1, 2, 3], 7, [0, 0], { pos: 5 }]),
        t('b', 'f', [[1], 19000, [0, 0, 0, 0], { pos: 999999 }]),
        t('err', 'f', [new Array(20000).fill(0), 10 ** 9, [], { pos: 1e9 }], true),
        t('c', 'swaMask', [3, 200, 5]),
        // nK in f's tests would not count: the line is about swaMask.
      ],
      (input) => input.args ?? [],
    );
    const byName = Object.fromEntries(uses.map((u) => [u.bound.name, [u.max, u.test]]));
    expect(byName).toEqual({
      'records.length': [3, 'a'],
      m: [19000, 'b'],
      d: [4, 'b'],
      pos: [999999, 'b'],
      nK: [200, 'c'],
      W: [5, 'c'],
    });
  });
});

describe('parseSignature / returnShape', () => {
  it('reads parameter names and the return type', () => {
    const s = parseSignature(
      'function route(gateLogits: number[][], k?: number, step: (x: Map<string, number>) => number): { a: Array<[e: number, w: number]> }',
    );
    expect(s.params.map((p) => [p.name, p.optional])).toEqual([
      ['gateLogits', false],
      ['k', true],
      ['step', false],
    ]);
    expect(s.returnType).toBe('{ a: Array<[e: number, w: number]> }');
  });

  it('classifies return types', () => {
    expect(returnShape('void')).toBe('void');
    expect(returnShape('number')).toBe('scalar');
    expect(returnShape('boolean[][]')).toBe('array');
    expect(returnShape('Array<number[] | null>')).toBe('array');
    expect(returnShape('IterableIterator<Rec>')).toBe('iterator');
    expect(returnShape('BeamResult')).toBe('other');
    expect(returnShape('number[] | null')).toBe('other');
  });
});
