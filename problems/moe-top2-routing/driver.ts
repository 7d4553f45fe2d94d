/**
 * Builds large gate-logit matrices inside the sandbox from a compact spec (no imports, deterministic). The
 * solution is called the default way, `route(...args)`; the output is returned as is.
 *
 * spec = {
 *   T: number, E: number,      // tokens × experts
 *   seed: number,              // xorshift32 seed
 *   mode: 'real' | 'int' | 'big',
 *                              // 'real': multiples of 1e-5 in [-10, 10] (ties are rare)
 *                              // 'int':  integers in [0, 3] (many ties)
 *                              // 'big':  integers in [-10^4, 10^4] (gaps far above 745)
 *   k: number,                 // passed as the 2nd argument
 *   capacity: number | null,   // passed as the 3rd argument
 * }
 */

export interface LogitSpec {
  T: number;
  E: number;
  seed: number;
  mode: 'real' | 'int' | 'big';
  k: number;
  capacity: number | null;
}

export function makeLogits(spec: LogitSpec): number[][] {
  let x = (spec.seed ^ 0x9e3779b9) >>> 0 || 1;
  const next = (): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const rows: number[][] = [];
  for (let t = 0; t < spec.T; t++) {
    const row: number[] = [];
    for (let e = 0; e < spec.E; e++) {
      const u = next();
      if (spec.mode === 'int') row.push(u % 4);
      else if (spec.mode === 'big') row.push((u % 20001) - 10000);
      else row.push(((u % 2000001) - 1000000) / 100000);
    }
    rows.push(row);
  }
  return rows;
}

export function buildArgs(fn: string, spec: LogitSpec): unknown[] {
  if (fn !== 'route') throw new Error(`unknown entry ${fn}`);
  return [makeLogits(spec), spec.k, spec.capacity];
}
