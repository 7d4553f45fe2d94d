// Hidden tests beyond edge.json, all built inside the sandbox by driver.ts from a compact spec:
//   - random chains: a random strided tensor (≤ 4 dims of size ≤ 4: row-major, permuted, padded, expanded,
//     size-1 dims with arbitrary strides, an offset), then 3 random transpose/reshape ops, each applied to the
//     solution's own previous result, then isContiguous and toArray on the last one;
//   - the large chain: a [10,25,40] tensor transposed, tested with isContiguous, flattened (a copy), read back;
//   - a step-2 slice of a [100,200] tensor (data.length 2·10^4) reshaped to [50,8,-1]: a view;
//   - the scale group: flattening a transposed [c,25,10] tensor (a copy of numel = 250·c), numel 1250 … 10^4.
import type { GeneratorCase, Rng, TestInput } from '../../harness/src/problem/authoring.ts';
import type { Op, TensorSpec } from './driver.ts';

interface ChainParams {
  kind: 'chain';
  /** allow zero-size dims in the start tensor */
  zero?: boolean;
  /** the start tensor is 0-dim */
  scalar?: boolean;
}
interface FixedParams {
  kind: 'large-chain' | 'large-slice' | 'scale';
}

export const cases: GeneratorCase[] = [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({
    name: `random chain #${i}`,
    seed: 7919 * i,
    size: 4,
    params: { kind: 'chain' },
  })),
  { name: 'random chain from a zero-size tensor', seed: 121, size: 4, params: { kind: 'chain', zero: true } },
  { name: 'random chain from a 0-dim tensor', seed: 122, size: 0, params: { kind: 'chain', scalar: true } },
  {
    name: 'large chain: [10,25,40] transposed, isContiguous, flattened, read',
    seed: 131,
    size: 10000,
    params: { kind: 'large-chain' },
  },
  {
    name: 'large step-2 slice over 2*10^4 elements: reshaped (a view) and read',
    seed: 132,
    size: 10000,
    params: { kind: 'large-slice' },
  },
  ...[1250, 2500, 5000, 10000].map((n, i) => ({
    name: `scale n=${n}`,
    seed: 141 + i,
    size: n,
    scale: true,
    params: { kind: 'scale' },
  })),
  // Found by `judge check --mutants` (issue 12): a chain where the contiguity test of a reshape must read the stride
  // of the dim to the left (a mutant reading another dim's stride passed every other test).
  { name: 'random chain #9', seed: 1513135707, size: 4, params: { kind: 'chain' } },
];

const numelOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

function randomTensor(rng: Rng, p: ChainParams): TensorSpec {
  const ndim = p.scalar ? 0 : rng.pick([1, 2, 2, 3, 3, 3, 4, 4, 4]);
  const shape: number[] = [];
  for (let d = 0; d < ndim; d++) shape.push(rng.pick([1, 2, 2, 2, 3, 3, 4, 4]));
  if (p.zero) shape[rng.int(0, ndim - 1)] = 0;
  // Strides: lay the dims out in a random order (a permuted tensor), some with padding between them.
  const order = rng.shuffle([...shape.keys()]);
  const strides = new Array<number>(ndim).fill(0);
  let z = 1;
  for (let k = order.length - 1; k >= 0; k--) {
    const d = order[k]!;
    strides[d] = z;
    z *= Math.max(shape[d]!, 1) + (rng.float() < 0.25 ? rng.int(1, 2) : 0);
  }
  for (let d = 0; d < ndim; d++) {
    if (rng.float() < 0.15)
      strides[d] = 0; // expanded
    else if (shape[d] === 1 && rng.float() < 0.6) strides[d] = rng.int(0, 30); // a size-1 dim's stride is free
  }
  const offset = rng.int(0, 5);
  const last = shape.reduce((a, s, d) => a + (s - 1) * strides[d]!, offset);
  const dataLength = (numelOf(shape) > 0 ? last + 1 : offset) + rng.int(0, 3);
  return { shape, strides, offset, dataLength };
}

function factors(n: number): number[] {
  const f: number[] = [];
  for (let p = 2; p * p <= n; p++) {
    while (n % p === 0) {
      f.push(p);
      n /= p;
    }
  }
  if (n > 1) f.push(n);
  return f;
}

/** A random shape with the given element count (≤ 6 dims), sometimes with size-1 dims and a -1. */
function randomTarget(rng: Rng, current: readonly number[]): number[] {
  const numel = numelOf(current);
  if (numel === 0) {
    if (rng.float() < 0.25) return current.slice(); // the same shape: strides are kept
    const k = rng.int(1, 3);
    const shape = Array.from({ length: k }, () => rng.int(1, 4));
    const z = rng.int(0, k - 1);
    shape[z] = rng.float() < 0.3 ? -1 : 0; // a -1 next to positive sizes resolves to 0
    return shape;
  }
  const k = rng.int(1, 4);
  const shape = new Array<number>(k).fill(1);
  for (const f of factors(numel)) {
    const d = rng.int(0, k - 1);
    shape[d] = shape[d]! * f;
  }
  const ones = rng.float() < 0.35 ? rng.int(1, 2) : 0;
  for (let i = 0; i < ones && shape.length < 6; i++) shape.splice(rng.int(0, shape.length), 0, 1);
  if (rng.float() < 0.3) shape[rng.int(0, shape.length - 1)] = -1;
  return shape;
}

function resolve(target: readonly number[], numel: number): number[] {
  const known = numelOf(target.filter((s) => s !== -1));
  return target.map((s) => (s === -1 ? numel / known : s));
}

function randomChain(rng: Rng, p: ChainParams): TestInput {
  const tensor = randomTensor(rng, p);
  let shape = tensor.shape.slice();
  const ops: Op[] = [];
  const reshapeAt = rng.int(0, 2); // at least one reshape
  for (let i = 0; i < 3; i++) {
    if (i !== reshapeAt && rng.float() < 0.5) {
      const n = Math.max(shape.length, 1);
      const d0 = rng.int(-n, n - 1);
      const d1 = rng.int(-n, n - 1);
      ops.push({ fn: 'transpose', d0, d1 });
      if (shape.length > 0) {
        const a = (d0 + n) % n;
        const b = (d1 + n) % n;
        [shape[a], shape[b]] = [shape[b]!, shape[a]!];
      }
    } else {
      const target = randomTarget(rng, shape);
      ops.push({ fn: 'reshape', shape: target });
      shape = resolve(target, numelOf(shape));
    }
  }
  ops.push({ fn: 'isContiguous' }, { fn: 'toArray' });
  return { fn: 'reshape', spec: { tensor, chain: ops } };
}

export function generate(c: GeneratorCase, rng: Rng): TestInput {
  const p = c.params as unknown as ChainParams | FixedParams;
  if (p.kind === 'chain') return randomChain(rng, p);
  if (p.kind === 'large-chain') {
    const ops: Op[] = [
      { fn: 'transpose', d0: 0, d1: 2 },
      { fn: 'isContiguous' },
      { fn: 'reshape', shape: [-1] },
      { fn: 'toArray' },
    ];
    return { fn: 'reshape', spec: { tensor: { shape: [10, 25, 40], start: 0 }, chain: ops } };
  }
  if (p.kind === 'large-slice') {
    // x[:, ::2] of a contiguous [100, 200]: shape [100, 100], strides [200, 2]; one chunk, so every reshape is a view.
    const ops: Op[] = [{ fn: 'isContiguous' }, { fn: 'reshape', shape: [50, 8, -1] }, { fn: 'toArray' }];
    return {
      fn: 'reshape',
      spec: { tensor: { shape: [100, 100], strides: [200, 2], dataLength: 20000, start: 0 }, chain: ops },
    };
  }
  // Scale group: a [10,25,c] tensor transposed (0, 2) is [c,25,10] with strides [1, c, 25c]; flattening copies it.
  const cSize = c.size / 250;
  return {
    fn: 'reshape',
    spec: { tensor: { shape: [cSize, 25, 10], strides: [1, cSize, 25 * cSize], start: 0 }, call: [[-1]] },
  };
}
