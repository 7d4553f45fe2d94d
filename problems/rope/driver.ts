/**
 * Builds a long head vector inside the sandbox from a compact spec, so a d = 4096 input costs a few bytes in the
 * repository and no JSON parsing. No imports; deterministic (it is also imported on the host by `judge check`).
 *
 *   spec = { d, seed, pos, base, style }
 *
 * x[j] is a seeded xorshift32 value mapped to [-1, 1) in steps of 2^-20 (exact in float64). The solution is called
 * with the default `rope(x, pos, base, style)`: there is no `invoke`.
 */

interface RopeSpec {
  d: number;
  seed: number;
  pos: number;
  base: number;
  style: string;
}

export function headVector(d: number, seed: number): number[] {
  let s = (seed ^ 0x9e3779b9) >>> 0 || 1;
  const x: number[] = [];
  for (let j = 0; j < d; j++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    x.push(((s >>> 11) - 1048576) / 1048576); // (s >>> 11) is in [0, 2^21)
  }
  return x;
}

export function buildArgs(fn: string, spec: RopeSpec): unknown[] {
  if (fn !== 'rope') throw new Error(`unknown entry ${fn}`);
  return [headVector(spec.d, spec.seed), spec.pos, spec.base, spec.style];
}
