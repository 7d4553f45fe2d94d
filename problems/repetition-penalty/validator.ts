// Asserts the input constraints of statement.md on the materialised arguments (spec inputs are built by
// driver.ts first). A test with expectError must break at least one of the rules that make the function throw,
// and is otherwise checked like any test; no test puts an invalid id in the ignored prompt prefix.
import type { TestInput } from '../../harness/src/problem/authoring.ts';

const MAX_V = 20_000;
const MAX_N = 50_000;

function fail(message: string): never {
  throw new Error(message);
}

const isId = (t: unknown, V: number): boolean => Number.isInteger(t) && (t as number) >= 0 && (t as number) < V;

export function validate(input: TestInput, args: unknown[]): void {
  if (input.fn !== 'repetitionPenalty') fail(`unknown entry ${input.fn}`);
  if (args.length !== 3 && args.length !== 4) fail(`repetitionPenalty takes 3 or 4 arguments, got ${args.length}`);
  const [logits, ids, penalty, skipArg] = args;

  if (!Array.isArray(logits)) fail('logits must be an array');
  const V = logits.length;
  if (V < 1 || V > MAX_V) fail(`V = ${V} is outside [1, ${MAX_V}]`);
  logits.forEach((x, i) => {
    if (typeof x !== 'number') fail(`logits[${i}] is not a number`);
    if (x !== -Infinity && !(Math.abs(x) <= 1e300))
      fail(`logits[${i}] = ${x}: must be -Infinity or finite with |x| <= 1e300`);
  });

  if (!Array.isArray(ids)) fail('contextIds must be an array');
  if (ids.length > MAX_N) fail(`contextIds has ${ids.length} entries, more than ${MAX_N}`);
  if (!ids.every((t) => typeof t === 'number')) fail('every context id must be a number');
  if (typeof penalty !== 'number') fail('penalty must be a number');
  if (args.length === 4 && typeof skipArg !== 'number') fail('promptIgnoreLength must be a number when given');

  const badPenalty = !(Number.isFinite(penalty) && penalty > 0);
  const skip = args.length === 4 ? (skipArg as number) : 0;
  const badSkip = !(Number.isInteger(skip) && skip >= 0);
  // The ignored prefix never holds an invalid id (HF never reads it, so the contract does not say what happens).
  const prefixLength = badSkip ? 0 : Math.min(skip, ids.length);
  for (let i = 0; i < prefixLength; i++)
    if (!isId(ids[i], V)) fail(`contextIds[${i}] = ${ids[i]} in the ignored prefix is not a valid id`);
  const badId = !badSkip && ids.slice(skip).some((t) => !isId(t, V));

  if (input.expectError === true) {
    if (!badPenalty && !badSkip && !badId) fail('an error test must break a rule that makes repetitionPenalty throw');
    return;
  }
  if (badPenalty || penalty < 1e-3 || penalty > 1e3) fail(`penalty = ${penalty} is outside [1e-3, 1e3]`);
  if (badSkip) fail(`promptIgnoreLength = ${skip} is not an integer >= 0`);
  if (badId) fail('a considered context id is not an integer in [0, V)');
}
