/**
 * Builds large logit vectors inside the sandbox from a compact spec (no imports, deterministic, no Math.random).
 *
 * spec = {
 *   V: number,            // vocabulary size
 *   seed: number,         // xorshift32 seed (non-zero after mixing)
 *   kind: 'random' | 'ties',
 *   scale: number,        // 'random': logits are integers in [-scale·1000, scale·1000] divided by 1000
 *                         // 'ties':   logits are integers in [0, scale] (many exact ties)
 *   negInfEvery?: number, // if > 0, token i is -Infinity when the generator draws 0 mod negInfEvery
 *   temperature, topK, topP: number,
 *   minTokensToKeep?: number,  // omitted → the call omits the optional argument
 *   u?: number,                // required for sampleToken
 * }
 */

interface LogitSpec {
  V: number;
  seed: number;
  kind: 'random' | 'ties';
  scale: number;
  negInfEvery?: number;
  temperature: number;
  topK: number;
  topP: number;
  minTokensToKeep?: number;
  u?: number;
}

function makeLogits(spec: LogitSpec): number[] {
  let x = (spec.seed ^ 0x9e3779b9) >>> 0 || 1;
  const next = (): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const logits: number[] = new Array<number>(spec.V);
  let finite = false;
  for (let i = 0; i < spec.V; i++) {
    if (spec.negInfEvery && next() % spec.negInfEvery === 0) {
      logits[i] = -Infinity;
      continue;
    }
    if (spec.kind === 'ties') {
      logits[i] = next() % (spec.scale + 1);
    } else {
      const span = spec.scale * 1000;
      logits[i] = ((next() % (2 * span + 1)) - span) / 1000;
    }
    finite = true;
  }
  if (!finite) logits[0] = 0;
  return logits;
}

export function buildArgs(fn: string, spec: LogitSpec): unknown[] {
  const logits = makeLogits(spec);
  const args: unknown[] = [logits, spec.temperature, spec.topK, spec.topP];
  if (fn === 'sampleToken') args.push(spec.u);
  if (spec.minTokensToKeep !== undefined) args.push(spec.minTokensToKeep);
  return args;
}
