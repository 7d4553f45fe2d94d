/**
 * The complexity plot (issue 10 §3): steps against n on log-log axes over the problem's scale group, the user's
 * points and the reference's, each with its fitted exponent. A straight line of slope k is n^k, so a quadratic
 * solution is visibly steeper than a linear reference. Plain SVG: a handful of points needs no charting library.
 */
import type { Growth } from '../../../harness/src/check/growth.ts';

const W = 360;
const H = 220;
const PAD = { left: 52, right: 16, top: 14, bottom: 38 };

const fmt = (x: number): string =>
  x >= 1e6
    ? `${(x / 1e6).toFixed(x >= 1e7 ? 0 : 1)}M`
    : x >= 1e3
      ? `${(x / 1e3).toFixed(x >= 1e4 ? 0 : 1)}k`
      : String(Math.round(x));

/** Powers of ten (and 2·, 5·) between lo and hi, for log-axis ticks. */
function ticks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo && v <= hi) out.push(v);
    }
  }
  return out.length > 6 ? out.filter((v) => Math.log10(v) % 1 === 0) : out;
}

export function GrowthPlot({ growth, title = 'Steps against input size' }: { growth: Growth; title?: string }) {
  const pts = growth.points.filter((p) => p.n > 0);
  if (pts.length < 2) return null;
  // Steps are counted in whole units: draw a zero as half a step so it stays on the log axis.
  const y = (s: number): number => Math.max(s, 0.5);
  const ns = pts.map((p) => p.n);
  const ys = pts.flatMap((p) => [y(p.steps), y(p.referenceSteps)]);
  const [nLo, nHi] = [Math.min(...ns) / 1.3, Math.max(...ns) * 1.3];
  const [sLo, sHi] = [Math.min(...ys) / 2, Math.max(...ys) * 2];
  const sx = (n: number): number =>
    PAD.left + ((Math.log(n) - Math.log(nLo)) / (Math.log(nHi) - Math.log(nLo))) * (W - PAD.left - PAD.right);
  const sy = (s: number): number =>
    H - PAD.bottom - ((Math.log(s) - Math.log(sLo)) / (Math.log(sHi) - Math.log(sLo))) * (H - PAD.top - PAD.bottom);
  const line = (key: 'steps' | 'referenceSteps'): string =>
    pts.map((p, i) => `${i ? 'L' : 'M'}${sx(p.n).toFixed(1)},${sy(y(p[key])).toFixed(1)}`).join(' ');
  const exp = (e: number | null): string => (e === null ? 'not measurable' : `n^${e.toFixed(1)}`);
  return (
    <figure className="growth-plot">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        role="img"
        aria-label={`${title}: yours grows like ${exp(growth.exponent)}, the reference like ${exp(growth.referenceExponent)}`}
      >
        <rect
          x={PAD.left}
          y={PAD.top}
          width={W - PAD.left - PAD.right}
          height={H - PAD.top - PAD.bottom}
          className="plot-frame"
        />
        {ticks(nLo, nHi).map((t) => (
          <g key={`x${t}`}>
            <line x1={sx(t)} x2={sx(t)} y1={PAD.top} y2={H - PAD.bottom} className="plot-grid" />
            <text x={sx(t)} y={H - PAD.bottom + 14} textAnchor="middle" className="plot-tick">
              {fmt(t)}
            </text>
          </g>
        ))}
        {ticks(sLo, sHi).map((t) => (
          <g key={`y${t}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={sy(t)} y2={sy(t)} className="plot-grid" />
            <text x={PAD.left - 6} y={sy(t) + 4} textAnchor="end" className="plot-tick">
              {fmt(t)}
            </text>
          </g>
        ))}
        <text x={(PAD.left + W - PAD.right) / 2} y={H - 6} textAnchor="middle" className="plot-axis">
          n (input size, log scale)
        </text>
        <text
          x={12}
          y={(PAD.top + H - PAD.bottom) / 2}
          textAnchor="middle"
          transform={`rotate(-90 12 ${(PAD.top + H - PAD.bottom) / 2})`}
          className="plot-axis"
        >
          steps (log scale)
        </text>
        <path d={line('referenceSteps')} className="plot-line reference" />
        <path d={line('steps')} className="plot-line user" />
        {pts.map((p) => (
          <g key={p.n}>
            <circle cx={sx(p.n)} cy={sy(y(p.referenceSteps))} r={3.5} className="plot-point reference">
              <title>{`reference: ${p.referenceSteps} steps at n = ${p.n.toLocaleString('en-US')}`}</title>
            </circle>
            <circle cx={sx(p.n)} cy={sy(y(p.steps))} r={4} className={`plot-point user${p.capped ? ' capped' : ''}`}>
              <title>{`yours: ${p.capped ? 'at least ' : ''}${p.steps} steps at n = ${p.n.toLocaleString('en-US')}`}</title>
            </circle>
          </g>
        ))}
      </svg>
      <figcaption>
        <span className="legend user">● yours: {exp(growth.exponent)}</span>
        <span className="legend reference">● reference: {exp(growth.referenceExponent)}</span>
      </figcaption>
    </figure>
  );
}
