// Accepted, style: plain loops and arrays. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
export interface Tensor {
  data: number[];
  shape: number[];
  strides: number[];
  offset: number;
}

function numelOf(shape: number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

function wrapDim(d: number, n: number): number {
  const m = n > 1 ? n : 1;
  if (!Number.isInteger(d) || d < -m || d > m - 1) throw new Error('dim out of range: ' + d);
  return d < 0 ? d + m : d;
}

export function transpose(t: Tensor, d0: number, d1: number): Tensor {
  const n = t.shape.length;
  const a = wrapDim(d0, n);
  const b = wrapDim(d1, n);
  const shape: number[] = t.shape.slice();
  const strides: number[] = t.strides.slice();
  if (n > 0 && a !== b) {
    let tmp = shape[a];
    shape[a] = shape[b];
    shape[b] = tmp;
    tmp = strides[a];
    strides[a] = strides[b];
    strides[b] = tmp;
  }
  return { data: t.data, shape: shape, strides: strides, offset: t.offset };
}

export function isContiguous(t: Tensor): boolean {
  if (numelOf(t.shape) === 0) return true;
  let z = 1;
  for (let d = t.shape.length - 1; d >= 0; d--) {
    const size = t.shape[d];
    if (size === 1) continue;
    if (t.strides[d] !== z) return false;
    z *= size;
  }
  return true;
}

function inferSize(shape: number[], numel: number): number[] {
  let inferIdx = -1;
  let known = 1;
  for (let i = 0; i < shape.length; i++) {
    const s = shape[i];
    if (s === -1) {
      if (inferIdx >= 0) throw new Error('only one dimension can be inferred');
      inferIdx = i;
    } else if (s < 0) {
      throw new Error('invalid shape dimension ' + s);
    } else {
      known *= s;
    }
  }
  const res = shape.slice();
  if (inferIdx < 0) {
    if (known !== numel) throw new Error('shape is invalid for input of size ' + numel);
  } else {
    if (known === 0 || numel % known !== 0) throw new Error('shape is invalid for input of size ' + numel);
    res[inferIdx] = numel / known;
  }
  return res;
}

function computeStride(oldShape: number[], oldStrides: number[], numel: number, newShape: number[]): number[] | null {
  const nn = newShape.length;
  const newStrides: number[] = new Array(nn);
  if (oldShape.length === 0) {
    for (let i = 0; i < nn; i++) newStrides[i] = 1;
    return newStrides;
  }
  if (numel === 0) {
    let same = oldShape.length === nn;
    for (let i = 0; same && i < nn; i++) {
      if (oldShape[i] !== newShape[i]) same = false;
    }
    if (same) return oldStrides.slice();
    for (let i = nn - 1; i >= 0; i--) {
      if (i === nn - 1) newStrides[i] = 1;
      else newStrides[i] = Math.max(newShape[i + 1], 1) * newStrides[i + 1];
    }
    return newStrides;
  }
  let viewD = nn - 1;
  let chunkBase = oldStrides[oldStrides.length - 1];
  let chunkNumel = 1;
  let viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    chunkNumel *= oldShape[d];
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== chunkNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < chunkNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== chunkNumel) return null;
      if (d > 0) {
        chunkBase = oldStrides[d - 1];
        chunkNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return newStrides;
}

export function reshape(t: Tensor, shape: number[]): Tensor {
  const numel = numelOf(t.shape);
  const newShape = inferSize(shape, numel);
  const strides = computeStride(t.shape, t.strides, numel, newShape);
  if (strides !== null) {
    return { data: t.data, shape: newShape, strides: strides, offset: t.offset };
  }
  const data = toArray(t);
  const nn = newShape.length;
  const rm: number[] = new Array(nn);
  for (let i = nn - 1; i >= 0; i--) {
    rm[i] = i === nn - 1 ? 1 : rm[i + 1] * newShape[i + 1];
  }
  return { data: data, shape: newShape, strides: rm, offset: 0 };
}

export function toArray(t: Tensor): number[] {
  const n = t.shape.length;
  const numel = numelOf(t.shape);
  const out: number[] = [];
  if (numel === 0) return out;
  const idx: number[] = new Array(n);
  for (let d = 0; d < n; d++) idx[d] = 0;
  let pos = t.offset;
  for (let k = 0; k < numel; k++) {
    out.push(t.data[pos]);
    // advance the odometer, last index fastest
    let d = n - 1;
    while (d >= 0) {
      idx[d]++;
      pos += t.strides[d];
      if (idx[d] < t.shape[d]) break;
      pos -= idx[d] * t.strides[d];
      idx[d] = 0;
      d--;
    }
  }
  return out;
}
