/**
 * WRONG ANSWER: "half" layout (x·cos + rotate_half(x)·sin) with one frequency per element, base^(−j/d) for
 * j < d, instead of cat(freqs, freqs): the second coordinate of each pair gets a different angle.
 * Caught by sample 3 "half: pair i is (x[i], x[i + d/2])" (x[2] gets sin 0.01 instead of sin 1); at d = 2 by edge
 * "d = 2, pos = 1, half: one angle for the pair" (element 1 turns by 1/√base).
 */
export function rope(x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] {
  const d = x.length;
  if (d === 0 || d % 2 !== 0) throw new Error('bad length');
  if (style !== 'interleaved' && style !== 'half') throw new Error('bad style');
  const h = d / 2;
  const out = x.slice();
  if (style === 'interleaved') {
    for (let i = 0; i < h; i++) {
      const t = pos / Math.pow(base, (2 * i) / d);
      out[2 * i] = x[2 * i]! * Math.cos(t) - x[2 * i + 1]! * Math.sin(t);
      out[2 * i + 1] = x[2 * i + 1]! * Math.cos(t) + x[2 * i]! * Math.sin(t);
    }
    return out;
  }
  for (let j = 0; j < d; j++) {
    const t = pos * Math.pow(base, -j / d);
    const rot = j < h ? -x[j + h]! : x[j - h]!;
    out[j] = x[j]! * Math.cos(t) + rot * Math.sin(t);
  }
  return out;
}
