// Accepted: arrow-function entries, functional style. computeStride first splits the old dims into chunks
// (map/reduce), then hands out the new dims chunk by chunk; toArray recurses over the dims with flatMap.

interface Tensor {
  data: number[];
  shape: number[];
  strides: number[];
  offset: number;
}

const product = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);

const wrapDim = (d: number, ndim: number): number => {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(d) || d < -n || d >= n) throw new RangeError(`dim ${d} out of range for ${ndim} dims`);
  return (d + n) % n;
};

export const transpose = (t: Tensor, d0: number, d1: number): Tensor => {
  const [a, b] = [wrapDim(d0, t.shape.length), wrapDim(d1, t.shape.length)];
  const swap = (i: number): number => (i === a ? b : i === b ? a : i);
  return { ...t, shape: t.shape.map((_, i) => t.shape[swap(i)]!), strides: t.strides.map((_, i) => t.strides[swap(i)]!) };
};

export const isContiguous = ({ shape, strides }: Tensor): boolean =>
  product(shape) === 0 ||
  shape
    .map((size, d) => ({ size, stride: strides[d]! }))
    .filter(({ size }) => size !== 1)
    .reduceRight<{ ok: boolean; z: number }>(({ ok, z }, { size, stride }) => ({ ok: ok && stride === z, z: z * size }), { ok: true, z: 1 }).ok;

export const toArray = ({ data, shape, strides, offset }: Tensor): number[] => {
  const walk = (d: number, base: number): number[] =>
    d === shape.length ? [data[base]!] : Array.from({ length: shape[d]! }, (_, i) => i).flatMap((i) => walk(d + 1, base + i * strides[d]!));
  return product(shape) === 0 ? [] : walk(0, offset);
};

const inferSize = (shape: readonly number[], numel: number): number[] => {
  const holes = shape.filter((s) => s === -1).length;
  if (holes > 1) throw new RangeError('more than one -1');
  if (shape.some((s) => s < -1)) throw new RangeError('negative size');
  const known = product(shape.filter((s) => s !== -1));
  if (holes === 0) {
    if (known !== numel) throw new RangeError(`cannot view ${numel} elements as [${shape}]`);
    return [...shape];
  }
  if (known === 0 || numel % known !== 0) throw new RangeError(`cannot view ${numel} elements as [${shape}]`);
  return shape.map((s) => (s === -1 ? numel / known : s));
};

interface Chunk {
  numel: number;
  base: number; // the stride of its innermost dim
}

/** Old dims grouped from the right into runs laid out contiguously with each other (size-1 dims join). */
const chunksOf = (shape: readonly number[], strides: readonly number[]): Chunk[] =>
  shape.reduceRight<{ chunks: Chunk[]; cur: Chunk | null }>(
    ({ chunks, cur }, size, d) => {
      const open = cur ?? { numel: 1, base: strides[d]! };
      const grown = { numel: open.numel * size, base: open.base };
      const ends = d === 0 || (shape[d - 1] !== 1 && strides[d - 1] !== grown.numel * grown.base);
      return ends ? { chunks: [...chunks, grown], cur: null } : { chunks, cur: grown };
    },
    { chunks: [], cur: null },
  ).chunks;

const computeStride = (oldShape: number[], oldStrides: number[], newShape: number[]): number[] | null => {
  if (oldShape.length === 0) return newShape.map(() => 1);
  if (product(oldShape) === 0) {
    if (oldShape.length === newShape.length && oldShape.every((s, d) => s === newShape[d])) return [...oldStrides];
    return newShape.reduceRight<number[]>((acc, _, d) => [d === newShape.length - 1 ? 1 : Math.max(newShape[d + 1]!, 1) * acc[0]!, ...acc], []);
  }
  const out = new Array<number>(newShape.length);
  let viewD = newShape.length - 1;
  for (const { numel, base } of chunksOf(oldShape, oldStrides)) {
    let viewNumel = 1;
    while (viewD >= 0 && (viewNumel < numel || newShape[viewD] === 1)) {
      out[viewD] = viewNumel * base;
      viewNumel *= newShape[viewD]!;
      viewD--;
    }
    if (viewNumel !== numel) return null;
  }
  return viewD === -1 ? out : null;
};

export const reshape = (t: Tensor, shape: number[]): Tensor => {
  const newShape = inferSize(shape, product(t.shape));
  const strides = computeStride(t.shape, t.strides, newShape);
  if (strides) return { ...t, shape: newShape, strides };
  const rowMajor = newShape.reduceRight<number[]>((acc, _, d) => [d === newShape.length - 1 ? 1 : newShape[d + 1]! * acc[0]!, ...acc], []);
  return { data: toArray(t), shape: newShape, strides: rowMajor, offset: 0 };
};
