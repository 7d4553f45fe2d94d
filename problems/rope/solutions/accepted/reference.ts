/**
 * Reference: one pass over the d/2 pairs. θ_i = pos · inv_freq_i with inv_freq_i = 1 / base^(2i/d), exactly as
 * mistral-inference `precompute_freqs_cis` and HF `LlamaRotaryEmbedding` build it, but in float64. The pair of
 * index i is (2i, 2i+1) for "interleaved" (Meta/Mistral `view_as_complex`) and (i, i + d/2) for "half"
 * (HF `rotate_half`, GPT-NeoX); both rotate by +θ_i. O(d) time, one output array.
 */
export function rope(x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] {
  const d = x.length;
  if (d === 0 || d % 2 !== 0) throw new RangeError(`x must have a positive even length, got ${d}`);
  if (style !== 'interleaved' && style !== 'half') throw new TypeError(`unknown style ${String(style)}`);
  const h = d / 2;
  const out = new Array<number>(d);
  for (let i = 0; i < h; i++) {
    const theta = pos * (1 / Math.pow(base, (2 * i) / d));
    const c = Math.cos(theta);
    const s = Math.sin(theta);
    const a = style === 'interleaved' ? 2 * i : i;
    const b = style === 'interleaved' ? 2 * i + 1 : i + h;
    const xa = x[a]!;
    const xb = x[b]!;
    out[a] = xa * c - xb * s;
    out[b] = xb * c + xa * s;
  }
  return out;
}
