/**
 * Growth of a submission's steps over a problem's scale group (issue 10 §3): the same generator at geometric sizes
 * n, 2n, 4n, 8n, whose sizes are public. Steps are deterministic, so the fitted exponent is exact for the code, not
 * a noisy timing: "your steps grow like n^2.0 between n = 1,000 and n = 8,000; the reference grows like n^1.0".
 * Pure functions of (n, steps) points.
 */
export interface GrowthPoint {
  n: number;
  steps: number;
  referenceSteps: number;
  /** The run was stopped at the measurement cap: `steps` is a lower bound. */
  capped: boolean;
}

export interface Growth {
  points: GrowthPoint[];
  /** Least-squares slope of log(steps) on log(n), over points with enough steps to measure; null if too few. */
  exponent: number | null;
  referenceExponent: number | null;
}

/** Steps are counted in units of ~10^4 ticks: a point below this many steps is too coarse to fit. */
export const MIN_FIT_STEPS = 3;

export function fitExponent(points: ReadonlyArray<{ n: number; steps: number }>): number | null {
  const usable = points.filter((p) => p.n > 0 && p.steps >= MIN_FIT_STEPS);
  if (usable.length < 2) return null;
  const xs = usable.map((p) => Math.log(p.n));
  const ys = usable.map((p) => Math.log(p.steps));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  return den === 0 ? null : Math.round((num / den) * 100) / 100;
}

export function growthOf(points: GrowthPoint[]): Growth {
  const sorted = [...points].sort((a, b) => a.n - b.n);
  // A capped point is a lower bound: it can only make the exponent look smaller, never larger, so it is kept.
  return {
    points: sorted,
    exponent: fitExponent(sorted),
    referenceExponent: fitExponent(sorted.map((p) => ({ n: p.n, steps: p.referenceSteps }))),
  };
}

const fmtN = (n: number): string => n.toLocaleString('en-US');

/** One sentence about the growth, or null when it cannot be measured. */
export function describeGrowth(g: Growth): string | null {
  if (g.exponent === null || g.points.length < 2) return null;
  const first = g.points[0] as GrowthPoint;
  const last = g.points[g.points.length - 1] as GrowthPoint;
  const capped = g.points.some((p) => p.capped) ? ' at least' : '';
  const ref = g.referenceExponent === null ? '' : `; the reference grows like n^${g.referenceExponent.toFixed(1)}`;
  return `your steps grow like${capped} n^${g.exponent.toFixed(1)} between n = ${fmtN(first.n)} and n = ${fmtN(last.n)}${ref}`;
}
