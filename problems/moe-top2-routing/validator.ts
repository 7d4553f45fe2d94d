/**
 * Input constraints of moe-top2-routing, on the materialised arguments `[gateLogits, k?, capacity?]`:
 * 1 ≤ T ≤ 512 rows, all of the same length E with 1 ≤ E ≤ 64; every logit finite with |x| ≤ 1e4; k (default 2)
 * an integer in [1, E]; capacity (default null) null or an integer ≥ 0.
 * A test with expectError must break at least one of the rules the statement says throw (T = 0, E = 0, ragged
 * rows, a non-finite logit, a bad k, a bad capacity) and nothing else: no size above the ranges.
 */
import type { TestInput } from '../../harness/src/problem/authoring.ts';

const MAX_T = 512;
const MAX_E = 64;
const MAX_ABS = 1e4;

function fail(message: string): never {
  throw new Error(message);
}

export function validate(input: TestInput, args: unknown[]): void {
  if (input.fn !== 'route') fail(`unknown entry ${input.fn}`);
  if (args.length < 1 || args.length > 3) fail(`route takes 1 to 3 arguments, got ${args.length}`);
  const [g, kArg, capArg] = args;
  if (!Array.isArray(g)) fail('gateLogits must be an array');
  const violations: string[] = [];

  const T = g.length;
  if (T > MAX_T) fail(`T = ${T} > ${MAX_T}`);
  if (T === 0) violations.push('T = 0');
  let E = 0;
  if (T > 0) {
    g.forEach((row, t) => {
      if (!Array.isArray(row)) fail(`gateLogits[${t}] is not an array`);
      if (row.length > MAX_E) fail(`row ${t} has ${row.length} > ${MAX_E} experts`);
      row.forEach((x, e) => {
        if (typeof x !== 'number') fail(`gateLogits[${t}][${e}] is not a number`);
        if (!Number.isFinite(x)) violations.push(`gateLogits[${t}][${e}] = ${x} is not finite`);
        else if (Math.abs(x) > MAX_ABS) fail(`gateLogits[${t}][${e}] = ${x}: |x| > 1e4`);
      });
    });
    E = (g[0] as unknown[]).length;
    if (E === 0) violations.push('E = 0');
    if (g.some((row) => (row as unknown[]).length !== E)) violations.push('ragged rows');
  }

  const k = args.length >= 2 ? kArg : 2;
  if (typeof k !== 'number') fail(`k must be a number, got ${String(k)}`);
  if (!Number.isInteger(k) || k < 1 || (E > 0 && k > E)) violations.push(`k = ${k} is not an integer in [1, E = ${E}]`);

  if (args.length === 3 && capArg !== null) {
    if (typeof capArg !== 'number') fail(`capacity must be null or a number, got ${String(capArg)}`);
    if (!Number.isInteger(capArg) || capArg < 0) violations.push(`capacity = ${capArg} is not an integer >= 0`);
  }

  if (input.expectError === true) {
    if (violations.length === 0) fail('an error test must break one of the rules that throw');
  } else if (violations.length > 0) {
    fail(violations.join('; '));
  }
}
