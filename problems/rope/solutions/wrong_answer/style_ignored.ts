/**
 * WRONG ANSWER: validates style but always rotates adjacent pairs (2i, 2i+1), as Meta's code does.
 * Caught by sample 3 "half: pair i is (x[i], x[i + d/2])".
 */
export function rope(x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] {
  const d = x.length;
  if (d === 0 || d % 2 !== 0) throw new Error('bad length');
  if (style !== 'interleaved' && style !== 'half') throw new Error('bad style');
  const out = x.slice();
  for (let i = 0; i < d / 2; i++) {
    const t = pos / Math.pow(base, (2 * i) / d);
    out[2 * i] = x[2 * i]! * Math.cos(t) - x[2 * i + 1]! * Math.sin(t);
    out[2 * i + 1] = x[2 * i + 1]! * Math.cos(t) + x[2 * i]! * Math.sin(t);
  }
  return out;
}
