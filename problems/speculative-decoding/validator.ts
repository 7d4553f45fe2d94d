// Asserts the input constraints of statement.md. An expectError test must break at least one of the rules the
// statement says throw; a valid test must also respect the size limits and have rows summing to at most 1.
import type { TestInput } from '../../harness/src/problem/authoring.ts';

const MAX_GAMMA = 16;
const MAX_V = 5000;
const MAX_PROBS = 90_000;

/** The first rule of the statement's "Errors" list that the input breaks, or null. */
export function violation(args: unknown[]): string | null {
  if (args.length !== 5) return `speculativeAccept takes 5 arguments, got ${args.length}`;
  const [draft, q, p, r, u] = args as [unknown, unknown, unknown, unknown, unknown];
  if (!Array.isArray(draft) || !Array.isArray(q) || !Array.isArray(p) || !Array.isArray(r))
    return 'draft, q, p and r must be arrays';
  const gamma = draft.length;
  if (q.length !== gamma) return `q has ${q.length} rows, γ = ${gamma}`;
  if (p.length !== gamma + 1) return `p has ${p.length} rows, γ + 1 = ${gamma + 1}`;
  if (r.length !== gamma) return `r has ${r.length} entries, γ = ${gamma}`;
  const rows = [...q, ...p] as unknown[];
  if (!rows.every(Array.isArray)) return 'every row of q and p must be an array';
  const V = (p[0] as unknown[]).length;
  if (V < 1) return 'V must be >= 1';
  for (const [name, m] of [
    ['q', q],
    ['p', p],
  ] as const) {
    for (let i = 0; i < m.length; i++) {
      const row = m[i] as unknown[];
      if (row.length !== V) return `${name}[${i}] has ${row.length} entries, V = ${V}`;
      for (let j = 0; j < V; j++) {
        const x = row[j];
        if (typeof x !== 'number' || !(x >= 0 && x <= 1)) return `${name}[${i}][${j}] = ${String(x)} is not in [0, 1]`;
      }
      if (name === 'p' && !row.some((x) => (x as number) > 0)) return `p[${i}] has no positive entry`;
    }
  }
  for (let i = 0; i < gamma; i++) {
    const x = draft[i];
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x >= V)
      return `draft[${i}] = ${String(x)} is not an integer in [0, ${V})`;
    if ((q[i] as number[])[x] === 0) return `q[${i}][draft[${i}]] = 0`;
  }
  for (let i = 0; i < gamma; i++) {
    const x = r[i];
    if (typeof x !== 'number' || !(x >= 0 && x < 1)) return `r[${i}] = ${String(x)} is not in [0, 1)`;
  }
  if (typeof u !== 'number' || !(u >= 0 && u < 1)) return `u = ${String(u)} is not in [0, 1)`;
  return null;
}

export function validate(input: TestInput, args: unknown[]): void {
  if (input.fn !== 'speculativeAccept') throw new Error(`unknown entry ${input.fn}`);
  const why = violation(args);
  if (input.expectError) {
    if (why === null) throw new Error('an expectError test must break one of the rules that throw');
    return;
  }
  if (why !== null) throw new Error(why);
  const [draft, q, p] = args as [number[], number[][], number[][]];
  const gamma = draft.length;
  const V = p[0]!.length;
  if (gamma > MAX_GAMMA) throw new Error(`γ = ${gamma} > ${MAX_GAMMA}`);
  if (V > MAX_V) throw new Error(`V = ${V} > ${MAX_V}`);
  if ((2 * gamma + 1) * V > MAX_PROBS) throw new Error(`(2γ + 1)·V = ${(2 * gamma + 1) * V} > ${MAX_PROBS}`);
  for (const [name, m] of [
    ['q', q],
    ['p', p],
  ] as const) {
    m.forEach((row, i) => {
      const sum = row.reduce((a, b) => a + b, 0);
      if (sum > 1 + 1e-9) throw new Error(`${name}[${i}] sums to ${sum} > 1`);
    });
  }
}
