// WRONG ANSWER: a reshape that copies returns the fresh array with the input's offset instead of 0, so the result
// is shifted (and reads past its end). Caught by edge "flattening padded rows with an offset needs a copy" (the
// copy reports offset 1 instead of 0).

interface Tensor {
  data: number[];
  shape: number[];
  strides: number[];
  offset: number;
}

function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** maybe_wrap_dim: valid dims are [-max(ndim,1), max(ndim,1) - 1]; a 0-dim tensor accepts -1 and 0. */
function wrapDim(d: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(d) || d < -n || d > n - 1) {
    throw new RangeError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${d})`);
  }
  return d < 0 ? d + n : d;
}

export function transpose(t: Tensor, d0: number, d1: number): Tensor {
  const ndim = t.shape.length;
  const a = wrapDim(d0, ndim);
  const b = wrapDim(d1, ndim);
  const shape = t.shape.slice();
  const strides = t.strides.slice();
  if (ndim > 0) {
    [shape[a], shape[b]] = [shape[b]!, shape[a]!];
    [strides[a], strides[b]] = [strides[b]!, strides[a]!];
  }
  return { data: t.data, shape, strides, offset: t.offset };
}

export function isContiguous(t: Tensor): boolean {
  if (numelOf(t.shape) === 0) return true;
  let z = 1;
  for (let d = t.shape.length - 1; d >= 0; d--) {
    const size = t.shape[d]!;
    if (size === 1) continue; // a size-1 dim is never stepped over: its stride does not matter
    if (t.strides[d] !== z) return false;
    z *= size;
  }
  return true;
}

/** infer_size: at most one -1, no other negative entry, and the element count must match. */
function inferSize(shape: readonly number[], numel: number): number[] {
  let inferDim = -1;
  let known = 1;
  shape.forEach((s, d) => {
    if (s === -1) {
      if (inferDim >= 0) throw new RangeError('only one dimension can be inferred');
      inferDim = d;
    } else if (!Number.isInteger(s) || s < 0) {
      throw new RangeError(`invalid shape dimension ${s}`);
    } else {
      known *= s;
    }
  });
  const out = shape.slice();
  if (inferDim < 0) {
    if (known !== numel) throw new RangeError(`shape [${shape}] is invalid for input of size ${numel}`);
    return out;
  }
  // A -1 next to a zero-sized dim could be anything: ambiguous, so it throws.
  if (known === 0 || numel % known !== 0) throw new RangeError(`shape [${shape}] is invalid for input of size ${numel}`);
  out[inferDim] = numel / known;
  return out;
}

/** computeStride_impl: the strides of a view with `newShape`, or null when no view exists. */
function computeStride(oldShape: readonly number[], oldStride: readonly number[], newShape: readonly number[]): number[] | null {
  if (oldShape.length === 0) return newShape.map(() => 1);
  const numel = numelOf(oldShape);
  const newStride = new Array<number>(newShape.length);
  if (numel === 0) {
    if (oldShape.length === newShape.length && oldShape.every((s, d) => s === newShape[d])) return oldStride.slice();
    // Strides as resize would give them.
    for (let d = newShape.length - 1; d >= 0; d--) {
      newStride[d] = d === newShape.length - 1 ? 1 : Math.max(newShape[d + 1]!, 1) * newStride[d + 1]!;
    }
    return newStride;
  }
  let viewD = newShape.length - 1;
  let chunkBase = oldStride[oldStride.length - 1]!;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorNumel *= oldShape[d]!;
    // A chunk of old dims ends where the next dim to the left is not laid out contiguously with it.
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStride[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStride[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD]!;
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = oldStride[d - 1]!;
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  return viewD === -1 ? newStride : null;
}

function rowMajorStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let z = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = z;
    z *= Math.max(shape[d]!, 1);
  }
  return strides;
}

export function toArray(t: Tensor): number[] {
  const n = numelOf(t.shape);
  const ndim = t.shape.length;
  const out = new Array<number>(n);
  const idx = new Array<number>(ndim).fill(0);
  let addr = t.offset;
  for (let k = 0; k < n; k++) {
    out[k] = t.data[addr]!;
    // Odometer: advance the last index, carrying to the left.
    for (let d = ndim - 1; d >= 0; d--) {
      if (++idx[d]! < t.shape[d]!) {
        addr += t.strides[d]!;
        break;
      }
      addr -= (t.shape[d]! - 1) * t.strides[d]!;
      idx[d] = 0;
    }
  }
  return out;
}

export function reshape(t: Tensor, shape: number[]): Tensor {
  const newShape = inferSize(shape, numelOf(t.shape));
  const strides = computeStride(t.shape, t.strides, newShape);
  if (strides !== null) return { data: t.data, shape: newShape, strides, offset: t.offset };
  return { data: toArray(t), shape: newShape, strides: rowMajorStrides(newShape), offset: t.offset };
}
