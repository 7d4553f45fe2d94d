import type { TestInput } from '../../harness/src/problem/authoring.ts';

function fail(msg: string): never {
  throw new Error(msg);
}

export function validate(input: TestInput, args: unknown[]): void {
  const fn = input.fn;
  if (fn !== 'filterProbs' && fn !== 'sampleToken') fail(`unknown fn ${fn}`);
  const base = fn === 'filterProbs' ? 4 : 5;
  if (args.length !== base && args.length !== base + 1)
    fail(`${fn} takes ${base} or ${base + 1} arguments, got ${args.length}`);

  const [logits, temperature, topK, topP] = args as [unknown, unknown, unknown, unknown];
  if (!Array.isArray(logits)) fail('logits must be an array');
  const V = logits.length;
  if (V < 1 || V > 20_000) fail(`V = ${V} outside [1, 2e4]`);
  let finite = 0;
  for (let i = 0; i < V; i++) {
    const x = logits[i];
    if (typeof x !== 'number') fail(`logits[${i}] is not a number`);
    if (x === -Infinity) continue;
    if (!Number.isFinite(x) || Math.abs(x) > 1e4)
      fail(`logits[${i}] = ${x}: must be -Infinity or finite with |x| <= 1e4`);
    finite++;
  }
  if (finite === 0) fail('at least one logit must be finite');

  if (typeof temperature !== 'number' || !(temperature === 0 || (temperature >= 1e-3 && temperature <= 100))) {
    fail(`temperature = ${String(temperature)}: must be 0 or in [1e-3, 100]`);
  }
  if (typeof topK !== 'number' || !Number.isInteger(topK) || topK < 0)
    fail(`topK = ${String(topK)}: must be an integer >= 0`);
  if (typeof topP !== 'number' || !(topP >= 0 && topP <= 1)) fail(`topP = ${String(topP)}: must be in [0, 1]`);

  if (fn === 'sampleToken') {
    const u = args[4];
    if (typeof u !== 'number' || !(u >= 0 && u < 1)) fail(`u = ${String(u)}: must be in [0, 1)`);
  }
  if (args.length === base + 1) {
    const mk = args[base];
    if (typeof mk !== 'number' || !Number.isInteger(mk) || mk < 1) {
      fail(`minTokensToKeep = ${String(mk)}: must be an integer >= 1`);
    }
  }
}
