// Accepted: leans on built-ins: Array.from / every / findIndex / lastIndexOf / reduce / fill, destructuring,
// and a precomputed table of element counts for the unravel in toArray.

interface Tensor {
  data: number[];
  shape: number[];
  strides: number[];
  offset: number;
}

const numelOf = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

function wrapDim(d: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (!Number.isSafeInteger(d) || Math.abs(d + 0.5) > n) throw new RangeError(`dim ${d}`);
  return d < 0 ? d + n : d;
}

export function transpose(t: Tensor, d0: number, d1: number): Tensor {
  const a = wrapDim(d0, t.shape.length);
  const b = wrapDim(d1, t.shape.length);
  const shape = [...t.shape];
  const strides = [...t.strides];
  if (shape.length) {
    [shape[a], shape[b]] = [shape[b]!, shape[a]!];
    [strides[a], strides[b]] = [strides[b]!, strides[a]!];
  }
  return { data: t.data, shape, strides, offset: t.offset };
}

export function isContiguous({ shape, strides }: Tensor): boolean {
  if (shape.includes(0)) return true;
  let z = 1;
  return Array.from(shape.keys())
    .reverse()
    .filter((d) => shape[d] !== 1)
    .every((d) => {
      const ok = strides[d] === z;
      z *= shape[d]!;
      return ok;
    });
}

export function toArray({ data, shape, strides, offset }: Tensor): number[] {
  // inner[d] = number of elements in one step of dim d (row-major)
  const inner = shape.map((_, d) => numelOf(shape.slice(d + 1)));
  return Array.from({ length: numelOf(shape) }, (_, k) =>
    data[shape.reduce((addr, size, d) => addr + (Math.floor(k / inner[d]!) % size) * strides[d]!, offset)]!,
  );
}

function inferSize(shape: number[], numel: number): number[] {
  const hole = shape.indexOf(-1);
  if (hole !== shape.lastIndexOf(-1)) throw new RangeError('two -1 entries');
  if (shape.findIndex((s) => s < -1) >= 0) throw new RangeError('negative size');
  const known = numelOf(shape.filter((s) => s !== -1));
  const ok = hole < 0 ? known === numel : known > 0 && numel % known === 0;
  if (!ok) throw new RangeError(`shape [${shape.join(', ')}] is invalid for input of size ${numel}`);
  return hole < 0 ? [...shape] : shape.map((s) => (s === -1 ? numel / known : s));
}

function viewStrides(oldShape: number[], oldStrides: number[], newShape: number[]): number[] | null {
  if (oldShape.length === 0) return new Array<number>(newShape.length).fill(1);
  const n = newShape.length;
  if (numelOf(oldShape) === 0) {
    if (oldShape.join() === newShape.join()) return [...oldStrides];
    const s = new Array<number>(n).fill(1);
    for (let d = n - 2; d >= 0; d--) s[d] = Math.max(newShape[d + 1]!, 1) * s[d + 1]!;
    return s;
  }
  const s = new Array<number>(n).fill(0);
  let v = n - 1;
  let base = oldStrides.at(-1)!;
  let tn = 1;
  let vn = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tn *= oldShape[d]!;
    const chunkEnds = d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== tn * base);
    if (!chunkEnds) continue;
    for (; v >= 0 && (vn < tn || newShape[v] === 1); v--) {
      s[v] = vn * base;
      vn *= newShape[v]!;
    }
    if (vn !== tn) return null;
    if (d > 0) [base, tn, vn] = [oldStrides[d - 1]!, 1, 1];
  }
  return v === -1 ? s : null;
}

export function reshape(t: Tensor, shape: number[]): Tensor {
  const newShape = inferSize(shape, numelOf(t.shape));
  const strides = viewStrides(t.shape, t.strides, newShape);
  if (strides) return { data: t.data, shape: newShape, strides, offset: t.offset };
  const rowMajor = newShape.map((_, d) => numelOf(newShape.slice(d + 1)));
  return { data: toArray(t), shape: newShape, strides: rowMajor, offset: 0 };
}
