// Accepted: plain top-level functions and index loops, no helpers from the standard library beyond Math.

interface Tensor {
  data: number[];
  shape: number[];
  strides: number[];
  offset: number;
}

function countElements(shape: number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n = n * shape[i];
  return n;
}

function wrap(d: number, ndim: number): number {
  let n = ndim;
  if (n < 1) n = 1;
  if (Math.floor(d) !== d || d < -n || d >= n) throw new Error('dim ' + d + ' out of range');
  if (d < 0) return d + n;
  return d;
}

function transpose(t: Tensor, d0: number, d1: number): Tensor {
  const a = wrap(d0, t.shape.length);
  const b = wrap(d1, t.shape.length);
  const shape: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < t.shape.length; i++) {
    let j = i;
    if (i === a) j = b;
    else if (i === b) j = a;
    shape.push(t.shape[j]);
    strides.push(t.strides[j]);
  }
  return { data: t.data, shape: shape, strides: strides, offset: t.offset };
}

function isContiguous(t: Tensor): boolean {
  if (countElements(t.shape) === 0) return true;
  let expected = 1;
  for (let i = t.shape.length - 1; i >= 0; i--) {
    if (t.shape[i] === 1) continue;
    if (t.strides[i] !== expected) return false;
    expected = expected * t.shape[i];
  }
  return true;
}

function toArray(t: Tensor): number[] {
  const n = countElements(t.shape);
  const nd = t.shape.length;
  const result: number[] = [];
  for (let k = 0; k < n; k++) {
    // unravel k into a multi-index, last dim fastest
    let rest = k;
    let address = t.offset;
    for (let d = nd - 1; d >= 0; d--) {
      const i = rest % t.shape[d];
      rest = (rest - i) / t.shape[d];
      address += i * t.strides[d];
    }
    result.push(t.data[address]);
  }
  return result;
}

function reshape(t: Tensor, shape: number[]): Tensor {
  const oldShape = t.shape;
  const oldStrides = t.strides;
  const numel = countElements(oldShape);

  // infer_size
  const newShape: number[] = [];
  let minusOne = -1;
  let product = 1;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === -1) {
      if (minusOne !== -1) throw new Error('only one -1 allowed');
      minusOne = i;
    } else if (shape[i] < 0) {
      throw new Error('negative size ' + shape[i]);
    } else {
      product = product * shape[i];
    }
    newShape.push(shape[i]);
  }
  if (minusOne === -1) {
    if (product !== numel) throw new Error('size mismatch');
  } else {
    if (product === 0) throw new Error('cannot infer -1 next to a zero size');
    if (numel % product !== 0) throw new Error('size mismatch');
    newShape[minusOne] = numel / product;
  }

  // computeStride
  const m = newShape.length;
  let newStrides: number[] | null = [];
  for (let i = 0; i < m; i++) newStrides.push(0);
  if (oldShape.length === 0) {
    for (let i = 0; i < m; i++) newStrides[i] = 1;
  } else if (numel === 0) {
    let same = oldShape.length === m;
    for (let i = 0; same && i < m; i++) if (oldShape[i] !== newShape[i]) same = false;
    if (same) {
      for (let i = 0; i < m; i++) newStrides[i] = oldStrides[i];
    } else {
      for (let i = m - 1; i >= 0; i--) {
        if (i === m - 1) newStrides[i] = 1;
        else newStrides[i] = Math.max(newShape[i + 1], 1) * newStrides[i + 1];
      }
    }
  } else {
    let viewD = m - 1;
    let base = oldStrides[oldStrides.length - 1];
    let chunk = 1;
    let viewChunk = 1;
    for (let d = oldShape.length - 1; d >= 0; d--) {
      chunk = chunk * oldShape[d];
      let endsHere = d === 0;
      if (!endsHere && oldShape[d - 1] !== 1 && oldStrides[d - 1] !== chunk * base) endsHere = true;
      if (endsHere) {
        while (viewD >= 0 && (viewChunk < chunk || newShape[viewD] === 1)) {
          newStrides[viewD] = viewChunk * base;
          viewChunk = viewChunk * newShape[viewD];
          viewD--;
        }
        if (viewChunk !== chunk) {
          newStrides = null;
          break;
        }
        if (d > 0) {
          base = oldStrides[d - 1];
          chunk = 1;
          viewChunk = 1;
        }
      }
    }
    if (newStrides !== null && viewD !== -1) newStrides = null;
  }

  if (newStrides !== null) return { data: t.data, shape: newShape, strides: newStrides, offset: t.offset };

  const copyStrides: number[] = [];
  for (let i = 0; i < m; i++) copyStrides.push(0);
  let z = 1;
  for (let i = m - 1; i >= 0; i--) {
    copyStrides[i] = z;
    z = z * newShape[i];
  }
  return { data: toArray(t), shape: newShape, strides: copyStrides, offset: 0 };
}
