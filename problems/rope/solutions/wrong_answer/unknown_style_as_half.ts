/**
 * WRONG ANSWER: treats every style other than "interleaved" as "half" instead of throwing.
 * Caught by edge "unknown style \"neox\" (throw)".
 */
export function rope(x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] {
  const d = x.length;
  if (d === 0 || d % 2 !== 0) throw new Error('bad length');
  const h = d / 2;
  const out = x.slice();
  for (let i = 0; i < h; i++) {
    const t = pos / Math.pow(base, (2 * i) / d);
    const a = style === 'interleaved' ? 2 * i : i;
    const b = style === 'interleaved' ? 2 * i + 1 : i + h;
    out[a] = x[a]! * Math.cos(t) - x[b]! * Math.sin(t);
    out[b] = x[b]! * Math.cos(t) + x[a]! * Math.sin(t);
  }
  return out;
}
