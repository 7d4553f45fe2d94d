// Accepted: a Layout class (sizes + strides + offset) with the view logic as methods; the entries wrap it.

interface Tensor {
  data: number[];
  shape: number[];
  strides: number[];
  offset: number;
}

class Layout {
  constructor(
    readonly sizes: readonly number[],
    readonly strides: readonly number[],
    readonly offset: number,
  ) {}

  static of(t: Tensor): Layout {
    return new Layout(t.shape, t.strides, t.offset);
  }

  static rowMajor(sizes: readonly number[]): Layout {
    const strides = new Array<number>(sizes.length);
    let z = 1;
    for (let d = sizes.length - 1; d >= 0; d--) {
      strides[d] = z;
      z *= Math.max(sizes[d]!, 1);
    }
    return new Layout(sizes, strides, 0);
  }

  get ndim(): number {
    return this.sizes.length;
  }

  get numel(): number {
    let n = 1;
    for (const s of this.sizes) n *= s;
    return n;
  }

  wrap(d: number): number {
    const n = Math.max(this.ndim, 1);
    if (!Number.isInteger(d) || d < -n || d > n - 1) throw new RangeError(`dimension ${d} out of range [${-n}, ${n - 1}]`);
    return d < 0 ? d + n : d;
  }

  transposed(d0: number, d1: number): Layout {
    const a = this.wrap(d0);
    const b = this.wrap(d1);
    const sizes = [...this.sizes];
    const strides = [...this.strides];
    if (this.ndim > 0) {
      sizes[a] = this.sizes[b]!;
      sizes[b] = this.sizes[a]!;
      strides[a] = this.strides[b]!;
      strides[b] = this.strides[a]!;
    }
    return new Layout(sizes, strides, this.offset);
  }

  isContiguous(): boolean {
    if (this.numel === 0) return true;
    let z = 1;
    for (let d = this.ndim - 1; d >= 0; d--) {
      if (this.sizes[d] === 1) continue;
      if (this.strides[d] !== z) return false;
      z *= this.sizes[d]!;
    }
    return true;
  }

  /** The addresses of the elements in row-major order. */
  *addresses(): Generator<number> {
    if (this.numel === 0) return;
    const idx = new Array<number>(this.ndim).fill(0);
    let addr = this.offset;
    for (;;) {
      yield addr;
      let d = this.ndim - 1;
      while (d >= 0 && idx[d]! + 1 === this.sizes[d]) {
        addr -= idx[d]! * this.strides[d]!;
        idx[d] = 0;
        d--;
      }
      if (d < 0) return;
      idx[d]!++;
      addr += this.strides[d]!;
    }
  }

  inferSize(shape: readonly number[]): number[] {
    let hole = -1;
    let known = 1;
    for (let d = 0; d < shape.length; d++) {
      const s = shape[d]!;
      if (s === -1) {
        if (hole !== -1) throw new RangeError('only one dimension can be inferred');
        hole = d;
      } else if (s < 0) {
        throw new RangeError(`invalid shape dimension ${s}`);
      } else {
        known *= s;
      }
    }
    const out = [...shape];
    const n = this.numel;
    if (hole === -1) {
      if (known !== n) throw new RangeError(`shape '[${shape}]' is invalid for input of size ${n}`);
    } else {
      if (known === 0 || n % known !== 0) throw new RangeError(`shape '[${shape}]' is invalid for input of size ${n}`);
      out[hole] = n / known;
    }
    return out;
  }

  /** ATen computeStride: the same memory seen with `sizes`, or null. */
  viewAs(sizes: readonly number[]): Layout | null {
    if (this.ndim === 0) return new Layout(sizes, sizes.map(() => 1), this.offset);
    const strides = new Array<number>(sizes.length);
    if (this.numel === 0) {
      const same = sizes.length === this.ndim && sizes.every((s, d) => s === this.sizes[d]);
      if (same) return new Layout(sizes, [...this.strides], this.offset);
      for (let d = sizes.length - 1; d >= 0; d--) strides[d] = d === sizes.length - 1 ? 1 : Math.max(sizes[d + 1]!, 1) * strides[d + 1]!;
      return new Layout(sizes, strides, this.offset);
    }
    let viewD = sizes.length - 1;
    let base = this.strides[this.ndim - 1]!;
    let tensorNumel = 1;
    let viewNumel = 1;
    for (let d = this.ndim - 1; d >= 0; d--) {
      tensorNumel *= this.sizes[d]!;
      if (d > 0 && (this.sizes[d - 1] === 1 || this.strides[d - 1] === tensorNumel * base)) continue; // chunk goes on
      while (viewD >= 0 && (viewNumel < tensorNumel || sizes[viewD] === 1)) {
        strides[viewD] = viewNumel * base;
        viewNumel *= sizes[viewD]!;
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        base = this.strides[d - 1]!;
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
    return viewD === -1 ? new Layout(sizes, strides, this.offset) : null;
  }
}

function tensorOf(data: number[], layout: Layout): Tensor {
  return { data, shape: [...layout.sizes], strides: [...layout.strides], offset: layout.offset };
}

export function transpose(t: Tensor, d0: number, d1: number): Tensor {
  return tensorOf(t.data, Layout.of(t).transposed(d0, d1));
}

export function isContiguous(t: Tensor): boolean {
  return Layout.of(t).isContiguous();
}

export function toArray(t: Tensor): number[] {
  const out: number[] = [];
  for (const a of Layout.of(t).addresses()) out.push(t.data[a]!);
  return out;
}

export function reshape(t: Tensor, shape: number[]): Tensor {
  const layout = Layout.of(t);
  const sizes = layout.inferSize(shape);
  const view = layout.viewAs(sizes);
  if (view) return tensorOf(t.data, view);
  return tensorOf(toArray(t), Layout.rowMajor(sizes));
}
