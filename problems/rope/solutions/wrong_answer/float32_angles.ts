/**
 * WRONG ANSWER: computes the inverse frequencies and the angles in float32 (Math.fround), as torch does with a
 * float32 inv_freq buffer. fround(π/2) is 4.4e-8 away from π/2, and at pos = 10^6 the angle is off by ~0.03.
 * Caught by sample 1 "d = 2, pos = π/2: a rotation by +θ" (cos gives −4.4e-8 instead of 6.1e-17), and by every
 * large-position test.
 */
export function rope(x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] {
  const d = x.length;
  if (d === 0 || d % 2 !== 0) throw new Error('bad length');
  if (style !== 'interleaved' && style !== 'half') throw new Error('bad style');
  const h = d / 2;
  const out = x.slice();
  for (let i = 0; i < h; i++) {
    const invFreq = Math.fround(1 / Math.pow(base, (2 * i) / d));
    const t = Math.fround(Math.fround(pos) * invFreq);
    const a = style === 'interleaved' ? 2 * i : i;
    const b = style === 'interleaved' ? 2 * i + 1 : i + h;
    out[a] = x[a]! * Math.cos(t) - x[b]! * Math.sin(t);
    out[b] = x[b]! * Math.cos(t) + x[a]! * Math.sin(t);
  }
  return out;
}
