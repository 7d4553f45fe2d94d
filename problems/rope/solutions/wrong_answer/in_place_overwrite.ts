/**
 * WRONG ANSWER: rotates in place and uses the already-updated x[a] when computing x[b].
 * Caught by sample 1 "d = 2, pos = π/2: a rotation by +θ" (x[1] becomes 0·cos + 6e-17·sin ≈ 0, not 1).
 */
export function rope(x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] {
  const d = x.length;
  if (d === 0 || d % 2 !== 0) throw new Error('bad length');
  if (style !== 'interleaved' && style !== 'half') throw new Error('bad style');
  const h = d / 2;
  for (let i = 0; i < h; i++) {
    const t = pos / Math.pow(base, (2 * i) / d);
    const a = style === 'interleaved' ? 2 * i : i;
    const b = style === 'interleaved' ? 2 * i + 1 : i + h;
    x[a] = x[a]! * Math.cos(t) - x[b]! * Math.sin(t);
    x[b] = x[b]! * Math.cos(t) + x[a]! * Math.sin(t);
  }
  return x;
}
