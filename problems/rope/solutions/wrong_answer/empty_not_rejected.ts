/**
 * WRONG ANSWER: only checks that the length is even, so an empty x returns [] instead of throwing.
 * Caught by edge "empty x (throw)".
 */
export function rope(x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] {
  const d = x.length;
  if (d % 2 !== 0) throw new Error('odd length');
  if (style !== 'interleaved' && style !== 'half') throw new Error('bad style');
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
