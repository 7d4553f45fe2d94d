/** A strided view of `data`: element [i_0, …, i_{n-1}] is data[offset + Σ i_d · strides[d]]. */
export interface Tensor {
  data: number[];
  shape: number[];
  strides: number[];
  offset: number;
}

/** Swaps dims d0 and d1 (negative dims count from the end). Returns a view sharing `t.data`. */
export function transpose(t: Tensor, d0: number, d1: number): Tensor {
  throw new Error('not implemented');
}

/** PyTorch's is_contiguous: true iff the strides are row-major, ignoring dims of size 1. */
export function isContiguous(t: Tensor): boolean {
  throw new Error('not implemented');
}

/** torch.reshape: a view when PyTorch's computeStride finds strides for it, otherwise a row-major copy. */
export function reshape(t: Tensor, shape: number[]): Tensor {
  throw new Error('not implemented');
}

/** The elements of `t` in row-major logical order. */
export function toArray(t: Tensor): number[] {
  throw new Error('not implemented');
}
