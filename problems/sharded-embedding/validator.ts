/**
 * Input constraints of sharded-embedding, on the materialised arguments `[table, ids, numWorkers?]`:
 * 1 ≤ V ≤ 10^4 rows of one length D with 0 ≤ D ≤ 16 and V·D ≤ 10^5, finite values; at most 2000 ids, each an
 * integer in [0, V); numWorkers (default 4) an integer in [1, 64].
 * A test with expectError must break at least one rule that throws (an empty or ragged table, numWorkers < 1 or
 * not an integer, an id that is not an integer in [0, V)), and stay within the size ranges otherwise.
 */
import type { TestInput } from '../../harness/src/problem/authoring.ts';

function fail(message: string): never {
  throw new Error(message);
}

export function validate(input: TestInput, args: unknown[]): void {
  if (input.fn !== 'shardedEmbedding') fail(`unknown entry ${input.fn}`);
  if (args.length !== 2 && args.length !== 3) fail(`shardedEmbedding takes 2 or 3 arguments, got ${args.length}`);
  const [table, ids, wArg] = args;
  if (!Array.isArray(table)) fail('table must be an array');
  if (!Array.isArray(ids)) fail('ids must be an array');
  const violations: string[] = [];

  const V = table.length;
  if (V > 10_000) fail(`V = ${V} > 10^4`);
  if (V === 0) violations.push('empty table');
  table.forEach((row, v) => {
    if (!Array.isArray(row)) fail(`table[${v}] is not an array`);
    if (row.length > 16) fail(`table[${v}] has ${row.length} > 16 entries`);
    row.forEach((x, j) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) fail(`table[${v}][${j}] is not a finite number`);
    });
  });
  if (V > 0) {
    const D = (table[0] as unknown[]).length;
    if (table.some((row) => (row as unknown[]).length !== D)) violations.push('ragged table');
    if (V * D > 100_000) fail(`V·D = ${V * D} > 10^5`);
  }

  if (ids.length > 2000) fail(`${ids.length} ids > 2000`);
  ids.forEach((id, i) => {
    if (typeof id !== 'number') fail(`ids[${i}] is not a number`);
    if (!Number.isInteger(id) || id < 0 || id >= V) violations.push(`ids[${i}] = ${id} is not an integer in [0, V)`);
  });

  if (args.length === 3) {
    if (typeof wArg !== 'number') fail('numWorkers must be a number');
    if (wArg > 64) fail(`numWorkers = ${wArg} > 64`);
    if (!Number.isInteger(wArg) || wArg < 1) violations.push(`numWorkers = ${wArg} is not an integer >= 1`);
  }

  if (input.expectError === true) {
    if (violations.length === 0) fail('an error test must break one of the rules that throw');
  } else if (violations.length > 0) {
    fail(violations.join('; '));
  }
}
