// Asserts the input constraints of statement.md. An expectError test must break at least one rule of its function.
import type { TestInput } from '../../harness/src/problem/authoring.ts';

const MAX_HEADS = 1024;
const MAX_N = 70_000;
const MAX_ABS = 1e6;

function fail(msg: string): never {
  throw new Error(msg);
}

/** Why kvHeadFor(h, nQ, nKV) must throw, or null if the call is valid. */
function kvViolation(h: unknown, nQ: unknown, nKV: unknown): string | null {
  for (const [name, v] of [
    ['h', h],
    ['nQ', nQ],
    ['nKV', nKV],
  ] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v)) return `${name} = ${String(v)} is not an integer`;
  }
  const [hh, q, kv] = [h as number, nQ as number, nKV as number];
  if (q < 1 || kv < 1) return `nQ = ${q}, nKV = ${kv}: a head count is < 1`;
  if (q % kv !== 0) return `nQ = ${q} is not a multiple of nKV = ${kv}`;
  if (hh < 0 || hh >= q) return `h = ${hh} is outside [0, ${q})`;
  return null;
}

/** Checks x; returns how many finite entries it has. */
function checkX(x: unknown): number {
  if (!Array.isArray(x)) fail('x must be an array');
  if (x.length > MAX_N) fail(`x has ${x.length} entries, more than ${MAX_N}`);
  let finite = 0;
  for (let i = 0; i < x.length; i++) {
    const v: unknown = x[i];
    if (typeof v !== 'number') fail(`x[${i}] is not a number`);
    if (v === -Infinity) continue;
    if (!Number.isFinite(v) || Math.abs(v) > MAX_ABS)
      fail(`x[${i}] = ${v}: must be -Infinity or finite with |x| <= 1e6`);
    finite++;
  }
  return finite;
}

export function validate(input: TestInput, args: unknown[]): void {
  const bad = input.expectError === true;
  switch (input.fn) {
    case 'kvHeadFor': {
      if (args.length !== 3) fail(`kvHeadFor takes (h, nQ, nKV), got ${args.length} arguments`);
      const why = kvViolation(args[0], args[1], args[2]);
      if (bad && why === null) fail('an expectError test of kvHeadFor must be an invalid call');
      if (!bad && why !== null) fail(why);
      if (!bad && (args[1] as number) > MAX_HEADS) fail(`nQ = ${String(args[1])} is more than ${MAX_HEADS}`);
      return;
    }
    case 'logSumExp':
    case 'softmax': {
      if (args.length !== 1) fail(`${input.fn} takes (x), got ${args.length} arguments`);
      const finite = checkX(args[0]);
      if (input.fn === 'logSumExp' && bad) fail('logSumExp never throws on a valid x');
      if (input.fn === 'softmax' && bad !== (finite === 0)) {
        fail(bad ? 'an expectError softmax test must have no finite entry' : 'softmax needs a finite entry');
      }
      return;
    }
    default:
      fail(`unknown entry ${input.fn}`);
  }
}
