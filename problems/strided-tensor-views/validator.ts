// Asserts the input constraints of statement.md on the materialised arguments (driver.ts builds spec inputs):
// a valid input tensor (ndim ≤ 6, sizes ≥ 0, integer strides ≥ 0, offset ≥ 0, numel ≤ 10^4, data.length ≤ 2·10^4,
// every addressed element inside data), valid call arguments, and for an error test exactly the kind of
// argument that must throw (a transpose dim out of range, or a reshape shape that infer_size rejects).
// Chains (a spec with `chain`) are checked op by op on the tracked shape; every op of a chain is valid.
import type { TestInput } from '../../harness/src/problem/authoring.ts';
import type { Op, Tensor } from './driver.ts';

const MAX_DIMS = 6;
const MAX_NUMEL = 10_000;
const MAX_DATA = 20_000;

function fail(message: string): never {
  throw new Error(message);
}

const isInt = (x: unknown): x is number => Number.isSafeInteger(x);

function numelOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function checkTensor(t: unknown): Tensor {
  if (t === null || typeof t !== 'object') fail('the tensor argument must be an object');
  const { data, shape, strides, offset } = t as Tensor;
  if (Object.keys(t).sort().join() !== 'data,offset,shape,strides')
    fail('a tensor has exactly the fields data, shape, strides, offset');
  if (!Array.isArray(shape) || shape.length > MAX_DIMS || !shape.every((s) => isInt(s) && s >= 0))
    fail(`shape must list at most ${MAX_DIMS} integer sizes >= 0`);
  if (!Array.isArray(strides) || strides.length !== shape.length || !strides.every((s) => isInt(s) && s >= 0))
    fail('strides must be integers >= 0, one per dim');
  if (!isInt(offset) || offset < 0) fail('offset must be an integer >= 0');
  if (!Array.isArray(data) || data.length > MAX_DATA || !data.every((x) => typeof x === 'number' && Number.isFinite(x)))
    fail(`data must be at most ${MAX_DATA} finite numbers`);
  const numel = numelOf(shape);
  if (numel > MAX_NUMEL) fail(`numel = ${numel} > ${MAX_NUMEL}`);
  if (numel > 0) {
    const last = shape.reduce((acc, s, d) => acc + (s - 1) * strides[d]!, offset);
    if (last >= data.length) fail(`the element at data[${last}] is addressed but data has ${data.length} elements`);
  }
  return t as Tensor;
}

function dimOk(d: unknown, ndim: number): boolean {
  const n = Math.max(ndim, 1);
  return isInt(d) && d >= -n && d <= n - 1;
}

/** infer_size as the statement defines it; null when the shape must throw. */
function inferSize(shape: readonly number[], numel: number): number[] | null {
  if (shape.length > MAX_DIMS) fail(`reshape targets have at most ${MAX_DIMS} dims`);
  const infer = shape.filter((s) => s === -1).length;
  if (infer > 1 || shape.some((s) => s < -1)) return null;
  const known = numelOf(shape.filter((s) => s !== -1));
  if (infer === 0) return known === numel ? shape.slice() : null;
  if (known === 0 || numel % known !== 0) return null;
  return shape.map((s) => (s === -1 ? numel / known : s));
}

function checkShapeArg(shape: unknown): number[] {
  if (!Array.isArray(shape) || !shape.every(isInt)) fail('the reshape argument must be an array of integers');
  return shape;
}

export function validate(input: TestInput, args: unknown[]): void {
  const fn = input.fn;
  if (!['transpose', 'isContiguous', 'reshape', 'toArray'].includes(fn)) fail(`unknown entry ${fn}`);
  const bad = input.expectError === true;

  if (args[0] === 'chain') {
    if (bad) fail('a chain never expects an error');
    const t = checkTensor(args[1]);
    const ops = args[2] as Op[];
    if (!Array.isArray(ops) || ops.length === 0) fail('a chain needs a list of ops');
    if (!ops.some((op) => op.fn === fn)) fail(`a chain test of ${fn} must call ${fn}`);
    let shape = t.shape.slice();
    for (const op of ops) {
      if (op.fn === 'transpose') {
        if (!dimOk(op.d0, shape.length) || !dimOk(op.d1, shape.length))
          fail(`chain: transpose(${op.d0}, ${op.d1}) out of range for ${shape.length} dims`);
        const n = Math.max(shape.length, 1);
        const a = (op.d0 + n) % n;
        const b = (op.d1 + n) % n;
        if (shape.length > 0) [shape[a], shape[b]] = [shape[b]!, shape[a]!];
      } else if (op.fn === 'reshape') {
        const next = inferSize(checkShapeArg(op.shape), numelOf(shape));
        if (next === null) fail(`chain: reshape to [${op.shape}] is invalid for shape [${shape}]`);
        shape = next;
      } else if (op.fn !== 'isContiguous' && op.fn !== 'toArray') {
        fail(`chain: unknown op ${(op as { fn: string }).fn}`);
      }
    }
    return;
  }

  const t = checkTensor(args[0]);
  if (fn === 'transpose') {
    if (args.length !== 3) fail('transpose takes (t, d0, d1)');
    if (!isInt(args[1]) || !isInt(args[2])) fail('transpose dims are integers');
    const ok = dimOk(args[1], t.shape.length) && dimOk(args[2], t.shape.length);
    if (ok === bad) fail(bad ? 'an error test of transpose needs a dim out of range' : 'transpose dims out of range');
    return;
  }
  if (fn === 'reshape') {
    if (args.length !== 2) fail('reshape takes (t, shape)');
    const ok = inferSize(checkShapeArg(args[1]), numelOf(t.shape)) !== null;
    if (ok === bad)
      fail(bad ? 'an error test of reshape needs a shape that infer_size rejects' : 'the reshape target is invalid');
    return;
  }
  if (args.length !== 1) fail(`${fn} takes (t)`);
  if (bad) fail(`${fn} never throws`);
}
