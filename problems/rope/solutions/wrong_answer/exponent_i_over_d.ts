/**
 * WRONG ANSWER: frequency exponent i/d instead of 2i/d (so the frequencies fall only to base^(-1/2)).
 * Caught by sample 4 "pair i turns by pos / base^(2i/d)" (θ_1 = 0.1 instead of 0.01).
 */
export function rope(x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] {
  const d = x.length;
  if (d === 0 || d % 2 !== 0) throw new Error('bad length');
  if (style !== 'interleaved' && style !== 'half') throw new Error('bad style');
  const h = d / 2;
  const out = x.slice();
  for (let i = 0; i < h; i++) {
    const t = pos / Math.pow(base, i / d);
    const a = style === 'interleaved' ? 2 * i : i;
    const b = style === 'interleaved' ? 2 * i + 1 : i + h;
    out[a] = x[a]! * Math.cos(t) - x[b]! * Math.sin(t);
    out[b] = x[b]! * Math.cos(t) + x[a]! * Math.sin(t);
  }
  return out;
}
