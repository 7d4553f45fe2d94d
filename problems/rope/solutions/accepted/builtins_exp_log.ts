// Accepted: leans on built-ins: Float64Array tables, inverse frequencies as exp(−(2i/d)·ln base) (algebraically
// equal to 1/base^(2i/d); the difference is far below the tolerance), and a permutation table that maps the
// "half" layout onto the interleaved one (HF's checkpoint permutation), so one rotation loop serves both.
export function rope(x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] {
  const d = x.length;
  if (!d || d & 1) throw new Error(`invalid head dim ${d}`);
  if (!['interleaved', 'half'].includes(style)) throw new Error(`invalid style ${style}`);
  const h = d >> 1;
  const logBase = Math.log(base);
  const theta = Float64Array.from({ length: h }, (_, i) => pos * Math.exp((-2 * i * logBase) / d));
  // idx[2i], idx[2i+1] are the coordinates of pair i in x
  const idx = Int32Array.from({ length: d }, (_, k) => (style === 'interleaved' ? k : (k & 1) * h + (k >> 1)));
  const out = new Float64Array(d);
  theta.forEach((t, i) => {
    const a = idx[2 * i]!;
    const b = idx[2 * i + 1]!;
    out[a] = x[a]! * Math.cos(t) - x[b]! * Math.sin(t);
    out[b] = x[b]! * Math.cos(t) + x[a]! * Math.sin(t);
  });
  return Array.from(out);
}
