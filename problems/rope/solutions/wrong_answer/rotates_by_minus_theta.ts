/**
 * WRONG ANSWER: rotates by −θ (out[a] = x[a]·c + x[b]·s, out[b] = x[b]·c − x[a]·s), i.e. multiplies by the
 * conjugate of e^{iθ}.
 * Caught by sample 1 "d = 2, pos = π/2: a rotation by +θ" ([1,0] gives [0, −1]).
 */
export function rope(x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] {
  const d = x.length;
  if (d === 0 || d % 2 !== 0) throw new Error('bad length');
  if (style !== 'interleaved' && style !== 'half') throw new Error('bad style');
  const h = d / 2;
  const out = x.slice();
  for (let i = 0; i < h; i++) {
    const t = pos / Math.pow(base, (2 * i) / d);
    const a = style === 'interleaved' ? 2 * i : i;
    const b = style === 'interleaved' ? 2 * i + 1 : i + h;
    out[a] = x[a]! * Math.cos(t) + x[b]! * Math.sin(t);
    out[b] = x[b]! * Math.cos(t) - x[a]! * Math.sin(t);
  }
  return out;
}
