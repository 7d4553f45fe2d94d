/**
 * WRONG ANSWER: no length check: an odd-length x rotates floor(d/2) pairs and returns the result.
 * Caught by edge "odd length d = 3 (throw)".
 */
export function rope(x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] {
  if (x.length === 0) throw new Error('empty');
  if (style !== 'interleaved' && style !== 'half') throw new Error('bad style');
  const d = x.length;
  const h = Math.floor(d / 2);
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
