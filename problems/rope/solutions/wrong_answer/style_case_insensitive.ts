/**
 * WRONG ANSWER: accepts the style names in any letter case ("Half" is treated as "half") instead of throwing.
 * Caught by edge "style names are case-sensitive: \"Half\" (throw)".
 */
export function rope(x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] {
  const d = x.length;
  if (d === 0 || d % 2 !== 0) throw new Error('bad length');
  const s = String(style).toLowerCase();
  if (s !== 'interleaved' && s !== 'half') throw new Error('bad style');
  const h = d / 2;
  const out = x.slice();
  for (let i = 0; i < h; i++) {
    const t = pos / Math.pow(base, (2 * i) / d);
    const a = s === 'interleaved' ? 2 * i : i;
    const b = s === 'interleaved' ? 2 * i + 1 : i + h;
    out[a] = x[a]! * Math.cos(t) - x[b]! * Math.sin(t);
    out[b] = x[b]! * Math.cos(t) + x[a]! * Math.sin(t);
  }
  return out;
}
