// Accepted: class-based, like an nn.Module: the inverse frequencies are precomputed per (dim, base) and the
// rotation applied to one vector at a time; pairs are described by an index mapping per style.
class RotaryEmbedding {
  readonly invFreq: number[];

  constructor(
    readonly dim: number,
    readonly base: number,
  ) {
    this.invFreq = [];
    for (let i = 0; i < dim; i += 2) this.invFreq.push(1 / Math.pow(base, i / dim));
  }

  private pair(i: number, style: string): [number, number] {
    if (style === 'interleaved') return [2 * i, 2 * i + 1];
    if (style === 'half') return [i, i + this.dim / 2];
    throw new Error(`unsupported rope style "${style}"`);
  }

  apply(x: number[], pos: number, style: string): number[] {
    const out = x.slice();
    this.invFreq.forEach((f, i) => {
      const [a, b] = this.pair(i, style);
      const angle = pos * f;
      const cos = Math.cos(angle);
      const sin = Math.sin(angle);
      out[a] = x[a]! * cos - x[b]! * sin;
      out[b] = x[b]! * cos + x[a]! * sin;
    });
    return out;
  }
}

export function rope(x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] {
  if (x.length < 2 || x.length % 2 !== 0) throw new Error('x needs an even, non-zero length');
  if (style !== 'interleaved' && style !== 'half') throw new Error(`unsupported rope style "${style}"`);
  return new RotaryEmbedding(x.length, base).apply(x, pos, style);
}
