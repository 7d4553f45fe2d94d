// Accepted, style: written in 30 minutes: map/filter/sort/spread, export const, built-ins where handy. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
interface Tensor {
  data: number[];
  shape: number[];
  strides: number[];
  offset: number;
}

const prod = (xs: number[]) => xs.reduce((a, b) => a * b, 1);

const wrap = (d: number, n: number) => {
  const m = Math.max(n, 1);
  if (!Number.isInteger(d) || d < -m || d >= m) throw new Error(`dim ${d} out of range`);
  return d < 0 ? d + m : d;
};

const rowMajor = (shape: number[]) => {
  const s = shape.map(() => 1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1] * Math.max(shape[i + 1], 1);
  return s;
};

export const transpose = (t: Tensor, d0: number, d1: number): Tensor => {
  const a = wrap(d0, t.shape.length);
  const b = wrap(d1, t.shape.length);
  const shape = [...t.shape];
  const strides = [...t.strides];
  if (shape.length > 0) {
    [shape[a], shape[b]] = [shape[b], shape[a]];
    [strides[a], strides[b]] = [strides[b], strides[a]];
  }
  return { ...t, shape, strides };
};

export const isContiguous = (t: Tensor): boolean => {
  if (prod(t.shape) === 0) return true;
  let z = 1;
  for (let d = t.shape.length - 1; d >= 0; d--) {
    if (t.shape[d] === 1) continue;
    if (t.strides[d] !== z) return false;
    z *= t.shape[d];
  }
  return true;
};

export const toArray = (t: Tensor): number[] => {
  const numel = prod(t.shape);
  return Array.from({ length: numel }, (_, k) => {
    let pos = t.offset;
    for (let d = t.shape.length - 1; d >= 0; d--) {
      pos += (k % t.shape[d]) * t.strides[d];
      k = Math.floor(k / t.shape[d]);
    }
    return t.data[pos];
  });
};

const inferSize = (shape: number[], numel: number): number[] => {
  const holes = shape.filter((s) => s === -1).length;
  if (holes > 1) throw new Error('more than one -1');
  if (shape.some((s) => s < -1)) throw new Error('negative size');
  const known = prod(shape.filter((s) => s !== -1));
  if (holes === 0) {
    if (known !== numel) throw new Error('bad shape');
    return [...shape];
  }
  if (known === 0 || numel % known !== 0) throw new Error('bad shape');
  return shape.map((s) => (s === -1 ? numel / known : s));
};

const viewStrides = (t: Tensor, shape: number[], numel: number): number[] | null => {
  if (t.shape.length === 0) return shape.map(() => 1);
  if (numel === 0) {
    const same = shape.length === t.shape.length && shape.every((s, i) => s === t.shape[i]);
    return same ? [...t.strides] : rowMajor(shape);
  }
  const out = shape.map(() => 0);
  let v = shape.length - 1;
  let base = t.strides[t.strides.length - 1];
  let chunk = 1;
  let view = 1;
  for (let d = t.shape.length - 1; d >= 0; d--) {
    chunk *= t.shape[d];
    const ends = d === 0 || (t.shape[d - 1] !== 1 && t.strides[d - 1] !== chunk * base);
    if (!ends) continue;
    while (v >= 0 && (view < chunk || shape[v] === 1)) {
      out[v] = view * base;
      view *= shape[v];
      v--;
    }
    if (view !== chunk) return null;
    if (d > 0) {
      base = t.strides[d - 1];
      chunk = 1;
      view = 1;
    }
  }
  return v === -1 ? out : null;
};

export const reshape = (t: Tensor, shape: number[]): Tensor => {
  const numel = prod(t.shape);
  const newShape = inferSize(shape, numel);
  const strides = viewStrides(t, newShape, numel);
  if (strides) return { data: t.data, shape: newShape, strides, offset: t.offset };
  return { data: toArray(t), shape: newShape, strides: rowMajor(newShape), offset: 0 };
};
