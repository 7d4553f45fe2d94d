/**
 * WRONG ANSWER: "half" layout (x·cos + rotate_half(x)·sin) but with the GPT-J frequency layout
 * repeat_interleave(freqs, 2) = [f0, f0, f1, f1, ...] instead of cat(freqs, freqs) = [f0, f1, ..., f0, f1, ...],
 * so the two coordinates of a pair are turned by different angles.
 * Caught by sample 3 "half: pair i is (x[i], x[i + d/2])" (x[2] gets sin 0.01 instead of sin 1).
 */
export function rope(x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] {
  const d = x.length;
  if (d === 0 || d % 2 !== 0) throw new Error('bad length');
  if (style !== 'interleaved' && style !== 'half') throw new Error('bad style');
  const h = d / 2;
  const freqs: number[] = [];
  for (let i = 0; i < h; i++) freqs.push(1 / Math.pow(base, (2 * i) / d));
  const out = x.slice();
  if (style === 'interleaved') {
    for (let i = 0; i < h; i++) {
      const t = pos * freqs[i]!;
      out[2 * i] = x[2 * i]! * Math.cos(t) - x[2 * i + 1]! * Math.sin(t);
      out[2 * i + 1] = x[2 * i + 1]! * Math.cos(t) + x[2 * i]! * Math.sin(t);
    }
    return out;
  }
  for (let j = 0; j < d; j++) {
    const t = pos * freqs[j >> 1]!; // repeat-interleaved: element j uses freqs[floor(j/2)]
    const rot = j < h ? -x[j + h]! : x[j - h]!;
    out[j] = x[j]! * Math.cos(t) + rot * Math.sin(t);
  }
  return out;
}
