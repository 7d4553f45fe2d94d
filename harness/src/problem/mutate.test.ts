import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyMutant,
  findMutants,
  loadTypeScript,
  mutantDiff,
  sampleMutants,
  type Mutant,
  type TypeScriptApi,
} from './mutate.ts';

let ts: TypeScriptApi;
beforeAll(async () => {
  ts = await loadTypeScript();
});

const SOURCE = `interface Pair { lo: 0 | 1; hi: number }
export function count(a: number[], limit: number): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i]! === limit) continue;
    if (!(a[i]! <= limit)) throw new Error('over ' + (limit + 1));
    n += Math.max(a[i]! - 1, 0);
    console.log(n * 2);
  }
  return n && true;
}
`;

const lineOf = (ms: Mutant[], line: number) =>
  ms
    .filter((m) => m.line === line)
    .map((m) => m.description)
    .sort();

describe('findMutants', () => {
  it('finds each operator at its place, and nothing in types, throws or console calls', () => {
    const ms = findMutants(ts, SOURCE);
    expect(lineOf(ms, 1)).toEqual([]); // the literal type 0 | 1 is not a value
    expect(lineOf(ms, 3)).toEqual(['0 → -1', '0 → 1']);
    expect(lineOf(ms, 4)).toEqual(['0 → 1', '0 → -1', '`<` → `<=`', 'operands of `<` swapped', '`++` → `--`'].sort());
    expect(lineOf(ms, 5)).toEqual(
      ['`===` → `!==`', 'index i → i + 1', 'index i → i - 1', 'statement `continue;` dropped'].sort(),
    );
    // Line 6: the condition mutates, the thrown message does not.
    expect(lineOf(ms, 6)).toEqual(
      ['`!` dropped', '`<=` → `<`', 'operands of `<=` swapped', 'index i → i + 1', 'index i → i - 1'].sort(),
    );
    expect(lineOf(ms, 7)).toEqual(
      [
        '`+=` → `-=`',
        'Math.max → Math.min',
        '`-` → `+`',
        'operands of `-` swapped',
        '1 → 0',
        '1 → 2',
        '0 → 1',
        '0 → -1',
        'index i → i + 1',
        'index i → i - 1',
        'statement `n += Math.max(a[i]! - 1, 0);` dropped',
      ].sort(),
    );
    expect(lineOf(ms, 8)).toEqual([]); // console.log(...) is left alone (not even dropped)
    expect(lineOf(ms, 10)).toEqual(['`&&` → `||`', 'true → false']);
    expect(new Set(ms.map((m) => m.operator))).toEqual(
      new Set(['boundary', 'equality', 'swap', 'arithmetic', 'logical', 'constant', 'index', 'math', 'drop']),
    );
  });

  it('applies a mutant by splicing the text, keeping operators precedence-safe', () => {
    const ms = findMutants(ts, SOURCE);
    const swap = ms.find((m) => m.description === 'operands of `-` swapped')!;
    expect(applyMutant(SOURCE, swap)).toContain('Math.max(1 - a[i]!, 0)');
    const negative = ms.find((m) => m.line === 7 && m.description === '0 → -1')!;
    expect(applyMutant(SOURCE, negative)).toContain('Math.max(a[i]! - 1, (-1))');
    const dropped = ms.find((m) => m.operator === 'drop' && m.line === 7)!;
    expect(applyMutant(SOURCE, dropped).split('\n')[6]).toBe('    ;');
    // Every mutant is distinct and differs from the source.
    const texts = ms.map((m) => applyMutant(SOURCE, m));
    expect(new Set(texts).size).toBe(ms.length);
    expect(texts).not.toContain(SOURCE);
  });

  it('every mutant of the source still parses', () => {
    for (const m of findMutants(ts, SOURCE)) {
      const sf = ts.createSourceFile('m.ts', applyMutant(SOURCE, m), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
      const diagnostics = (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics;
      expect(diagnostics, m.description).toEqual([]);
    }
  });
});

describe('mutantDiff', () => {
  it('is a unified diff with one line of context before and after', () => {
    const m = findMutants(ts, SOURCE).find((x) => x.description === '`<=` → `<`')!;
    expect(mutantDiff(SOURCE, m, 'ref.ts')).toBe(
      [
        '--- ref.ts',
        '+++ ref.ts (mutant)',
        '@@ -5,3 +5,3 @@',
        '     if (a[i]! === limit) continue;',
        "-    if (!(a[i]! <= limit)) throw new Error('over ' + (limit + 1));",
        "+    if (!(a[i]! < limit)) throw new Error('over ' + (limit + 1));",
        '     n += Math.max(a[i]! - 1, 0);',
      ].join('\n'),
    );
  });
});

describe('sampleMutants', () => {
  it('keeps at most the cap, deterministically, in source order', () => {
    const ms = findMutants(ts, SOURCE);
    const a = sampleMutants(ms, 10, 7);
    expect(a).toHaveLength(10);
    expect(sampleMutants(ms, 10, 7)).toEqual(a);
    expect(a.map((m) => m.id)).toEqual([...a.map((m) => m.id)].sort((x, y) => x - y));
    expect(sampleMutants(ms, 1000, 7)).toEqual(ms);
  });
});
