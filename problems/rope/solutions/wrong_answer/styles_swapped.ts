/**
 * WRONG ANSWER: the two layouts swapped: "interleaved" pairs (i, i + d/2) and "half" pairs (2i, 2i+1).
 * Caught by sample 2 "interleaved: pair i is (x[2i], x[2i+1])" ([1,0,0,0] gives [cos 1, 0, sin 1, 0]).
 */
export function rope(x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] {
  const d = x.length;
  if (d === 0 || d % 2 !== 0) throw new Error('bad length');
  if (style !== 'interleaved' && style !== 'half') throw new Error('bad style');
  const h = d / 2;
  const out = x.slice();
  for (let i = 0; i < h; i++) {
    const t = pos / Math.pow(base, (2 * i) / d);
    const [a, b] = style === 'half' ? [2 * i, 2 * i + 1] : [i, i + h];
    out[a] = x[a]! * Math.cos(t) - x[b]! * Math.sin(t);
    out[b] = x[b]! * Math.cos(t) + x[a]! * Math.sin(t);
  }
  return out;
}
