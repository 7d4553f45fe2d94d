/**
 * Driver for strided-tensor-views. Runs inside the sandbox (no imports, no console) before the solution;
 * `buildArgs` is also imported on the host (validator.ts, generator.ts), so it is deterministic and pure.
 *
 * Tests give either `args` (JSON: a tensor and the call's other arguments) or a `spec`:
 *
 *   { tensor: TensorSpec, call: [...] }   → args [tensor, ...call]: one call of the test's fn;
 *   { tensor: TensorSpec, chain: Op[] }   → args ['chain', tensor, ops]: a call sequence, each op applied to the
 *                                           solution's own result of the op before (see runChain);
 *
 *   TensorSpec = { shape, strides?, offset?, dataLength?, start? }: data[i] = start + i (start defaults to 100,
 *   as in the statement's examples); strides default to row-major, offset to 0, dataLength to one past the last
 *   addressed element.
 *   Op = { fn: 'transpose', d0, d1 } | { fn: 'reshape', shape } | { fn: 'isContiguous' } | { fn: 'toArray' }.
 *
 * What a call returns to the checker:
 *   - transpose and reshape: { shape, strides, offset, shared, dataLength, values, inputUnchanged }, where
 *     `shared` is result.data === input.data, `values` is this driver's own row-major read of the result
 *     (data[offset + Σ i_d·strides_d]), and `inputUnchanged` says that the input's shape, strides, offset and data
 *     (the same array, with the same elements) are as they were before the call. A result that cannot be read
 *     (not a tensor, malformed shape or strides, an address outside data) gets a string in `values` saying why:
 *     a wrong answer with a readable reason, never a runtime error or an endless loop.
 *   - isContiguous and toArray: the solution's result as it is.
 * Lists of more than RAW_LIMIT values (`values`, a toArray result in a chain) are summarised as
 * { length, head, tail, checksum }.
 */

// ---- intrinsics, captured before any user code runs (it may replace them) ----
const apply = Reflect.apply;
const isArray = Array.isArray;
const arraySlice = Array.prototype.slice;
const defineProperty = Object.defineProperty;
const isSafeInteger = Number.isSafeInteger;
const imul = Math.imul;
const Float64ArrayCtor = Float64Array;
const Uint32ArrayCtor = Uint32Array;
const typedJoin = Object.getPrototypeOf(Uint32Array.prototype).join as (this: unknown, sep?: string) => string;

/** `a[i] = v` on a fresh array could reach a setter the solution put on Array.prototype; this never does. */
function put(a: unknown[], i: number, v: unknown): void {
  defineProperty(a, i, { value: v, writable: true, enumerable: true, configurable: true });
}

const RAW_LIMIT = 64;
const EDGE = 8; // values shown at each end of a summarised list
const MAX_READ = 100_000; // a result with more elements than this is not read (inputs have at most 10^4)
const MAX_DIMS = 8;

export interface Tensor {
  data: number[];
  shape: number[];
  strides: number[];
  offset: number;
}
export interface TensorSpec {
  shape: number[];
  strides?: number[];
  offset?: number;
  dataLength?: number;
  start?: number;
}
export type Op =
  | { fn: 'transpose'; d0: number; d1: number }
  | { fn: 'reshape'; shape: number[] }
  | { fn: 'isContiguous' }
  | { fn: 'toArray' };
export interface Spec {
  tensor: TensorSpec;
  call?: unknown[];
  chain?: Op[];
}

// ---------------------------------------------------------------------------------------------------------------
// buildArgs
// ---------------------------------------------------------------------------------------------------------------

export function rowMajorStrides(shape: readonly number[]): number[] {
  const strides: number[] = [];
  let z = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = z;
    z *= shape[d]! > 1 ? shape[d]! : 1;
  }
  return strides;
}

export function buildTensor(ts: TensorSpec): Tensor {
  const shape = ts.shape.slice();
  const strides = ts.strides ? ts.strides.slice() : rowMajorStrides(shape);
  const offset = ts.offset ?? 0;
  let numel = 1;
  let last = offset;
  for (let d = 0; d < shape.length; d++) {
    numel *= shape[d]!;
    last += (shape[d]! - 1) * strides[d]!;
  }
  const dataLength = ts.dataLength ?? (numel > 0 ? last + 1 : offset);
  const start = ts.start ?? 100;
  const data: number[] = [];
  for (let i = 0; i < dataLength; i++) data.push(start + i);
  return { data, shape, strides, offset };
}

export function buildArgs(_fn: string, spec: Spec): unknown[] {
  const tensor = buildTensor(spec.tensor);
  if (spec.chain) return ['chain', tensor, spec.chain];
  return [tensor, ...(spec.call ?? [])];
}

// ---------------------------------------------------------------------------------------------------------------
// invoke
// ---------------------------------------------------------------------------------------------------------------

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (isArray(v)) return 'an array';
  return typeof v === 'number' ? `the number ${v}` : `a ${typeof v}`;
}

/** The elements of a number array as a string of their bits (native join, a few steps for 2·10^4 elements). */
function bitsOf(xs: unknown[]): string {
  return `${xs.length}:${apply(typedJoin, new Uint32ArrayCtor(new Float64ArrayCtor(xs as number[]).buffer), [])}`;
}

function copyList(v: unknown): unknown {
  return isArray(v) ? apply(arraySlice, v, []) : v;
}

function sameList(a: unknown, b: unknown[]): boolean {
  if (!isArray(a) || a.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface Snapshot {
  shape: unknown[];
  strides: unknown[];
  offset: unknown;
  data: unknown[];
  bits: string;
}

function snapshot(t: Tensor): Snapshot {
  return {
    shape: copyList(t.shape) as unknown[],
    strides: copyList(t.strides) as unknown[],
    offset: t.offset,
    data: t.data,
    bits: bitsOf(t.data),
  };
}

function unchanged(t: Tensor, s: Snapshot): boolean {
  return (
    t.offset === s.offset &&
    sameList(t.shape, s.shape) &&
    sameList(t.strides, s.strides) &&
    t.data === s.data &&
    bitsOf(t.data) === s.bits
  );
}

/** A list as it is (≤ RAW_LIMIT entries) or summarised; a string when an entry is not a number. */
function listOut(xs: unknown[]): unknown {
  const n = xs.length;
  if (n <= RAW_LIMIT) return xs;
  let h = 0x811c9dc5; // FNV-1a over the integer part and 12 fraction bits of each value, in order
  const head: unknown[] = [];
  const tail: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const v: unknown = xs[i];
    if (typeof v !== 'number') return `element ${i} is ${describe(v)}, not a number`;
    h = imul(imul(h ^ (v | 0), 0x01000193) ^ ((v * 4096) | 0), 0x01000193);
    if (i < EDGE) put(head, head.length, v);
    if (i >= n - EDGE) put(tail, tail.length, v);
  }
  return { length: n, head, tail, checksum: h >>> 0 };
}

/** This driver's row-major read of a result tensor, or a string saying why it cannot be read. */
function readValues(r: Record<string, unknown>): unknown {
  const shape = r.shape;
  const strides = r.strides;
  const offset = r.offset;
  const data = r.data;
  if (!isArray(shape) || shape.length > MAX_DIMS)
    return `shape is ${describe(shape)}, not an array of at most ${MAX_DIMS} sizes`;
  const ndim = shape.length;
  if (!isArray(strides) || strides.length !== ndim) return `strides must be an array with one entry per dim (${ndim})`;
  if (!isArray(data)) return `data is ${describe(data)}, not an array`;
  if (!isSafeInteger(offset) || (offset as number) < 0) return `offset is ${describe(offset)}, not an integer >= 0`;
  let numel = 1;
  for (let d = 0; d < ndim; d++) {
    const s: unknown = shape[d];
    if (!isSafeInteger(s) || (s as number) < 0) return `shape[${d}] is ${describe(s)}, not an integer >= 0`;
    if (!isSafeInteger(strides[d])) return `strides[${d}] is ${describe(strides[d])}, not an integer`;
    numel *= s as number;
  }
  if (numel > MAX_READ) return `the result has ${numel} elements, more than the input`;
  const values: unknown[] = [];
  if (numel === 0) return values;
  const idx = new Uint32ArrayCtor(ndim);
  const len = data.length;
  let addr = offset as number;
  for (let k = 0; k < numel; k++) {
    if (addr < 0 || addr >= len) return `element ${k} of the result is at data[${addr}], outside data (length ${len})`;
    put(values, k, data[addr]);
    for (let d = ndim - 1; d >= 0; d--) {
      if (++idx[d]! < (shape[d] as number)) {
        addr += strides[d] as number;
        break;
      }
      addr -= ((shape[d] as number) - 1) * (strides[d] as number);
      idx[d] = 0;
    }
  }
  return listOut(values);
}

interface ViewOut {
  shape: unknown;
  strides: unknown;
  offset: unknown;
  shared: boolean;
  dataLength: unknown;
  values: unknown;
  inputUnchanged: boolean;
}

function viewOut(r: unknown, input: Tensor, inputUnchanged: boolean): ViewOut {
  if (r === null || typeof r !== 'object') {
    return {
      shape: null,
      strides: null,
      offset: null,
      shared: false,
      dataLength: null,
      values: `the result is ${describe(r)}, not a tensor`,
      inputUnchanged,
    };
  }
  const o = r as Record<string, unknown>;
  const data = o.data;
  return {
    shape: copyList(o.shape),
    strides: copyList(o.strides),
    offset: o.offset,
    shared: data === input.data,
    dataLength: isArray(data) ? data.length : null,
    values: readValues(o),
    inputUnchanged,
  };
}

type Fn = (...a: unknown[]) => unknown;

function entry(solution: Record<string, unknown>, fn: string): Fn {
  const f = solution[fn];
  if (typeof f !== 'function') throw new Error(`the solution does not define ${fn}`);
  return f as Fn;
}

/** Calls transpose or reshape; returns the solution's result and what the checker sees of it. */
function viewCall(f: Fn, input: Tensor, args: unknown[]): { result: unknown; out: ViewOut } {
  const before = snapshot(input);
  const result = apply(f, undefined, args);
  return { result, out: viewOut(result, input, unchanged(input, before)) };
}

/**
 * A call sequence: each op gets the solution's own result of the op before (as a caller chaining views would).
 * The output lists one entry per op; it stops after a result that cannot be read.
 */
function runChain(solution: Record<string, unknown>, t0: Tensor, ops: Op[]): unknown[] {
  const out: unknown[] = [];
  let cur = t0;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as Op;
    const f = entry(solution, op.fn);
    if (op.fn === 'transpose' || op.fn === 'reshape') {
      const args = op.fn === 'transpose' ? [cur, op.d0, op.d1] : [cur, apply(arraySlice, op.shape, [])];
      const { result, out: v } = viewCall(f, cur, args);
      put(out, out.length, v);
      if (typeof v.values === 'string') break;
      cur = result as Tensor;
    } else if (op.fn === 'isContiguous') {
      put(out, out.length, apply(f, undefined, [cur]));
    } else {
      const a = apply(f, undefined, [cur]);
      put(out, out.length, isArray(a) ? listOut(a) : a);
    }
  }
  return out;
}

export function invoke(fn: string, solution: Record<string, unknown>, args: unknown[]): unknown {
  if (args[0] === 'chain') return runChain(solution, args[1] as Tensor, args[2] as Op[]);
  const f = entry(solution, fn);
  if (fn === 'transpose' || fn === 'reshape') return viewCall(f, args[0] as Tensor, args).out;
  return apply(f, undefined, args);
}
