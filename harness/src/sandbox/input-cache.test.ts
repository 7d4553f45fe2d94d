/**
 * Prepared test arguments (input-cache.ts): built once per sandbox in a context without user code, kept as binary
 * JSON, decoded for every test. Pinned here: a test runs the same on a cold and a warm cache; arguments that binary
 * JSON cannot copy exactly (shared objects, cycles, Maps, typed arrays, getters, frozen objects, holes, -0, NaN) keep
 * their exact shape; a solution cannot poison what the next submission gets; the cache stays within its bytes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { transpile, type EsbuildApi } from '../compile/transpile.ts';
import { createNodeSandbox } from '../node/engine.ts';
import { nodeEsbuild } from '../node/esbuild.ts';
import { InputCache } from './input-cache.ts';
import type { Sandbox } from './sandbox.ts';
import { DEFAULT_LIMITS, type RawTestRun, type SandboxProgram } from './types.ts';

let esbuild: EsbuildApi;
beforeAll(async () => {
  esbuild = await nodeEsbuild();
});

const compile = async (source: string): Promise<string> => {
  const c = await transpile(esbuild, source);
  if (!c.ok) throw new Error(c.error.message);
  return c.value.js;
};
const fingerprint = (r: RawTestRun): string =>
  JSON.stringify({ outcome: r.outcome, steps: r.steps, memoryBytes: r.memoryBytes, console: r.console });
const cacheOf = (sb: Sandbox): InputCache => (sb as unknown as { inputs: InputCache }).inputs;

// A driver whose inputs are built from a spec, with every shape binary JSON might not keep.
const DRIVER = `
module.exports.buildArgs = function (fn, spec) {
  const n = spec.n;
  const big = [];
  for (let i = 0; i < n; i++) big.push({ id: 'r' + i, x: i * 0.5, tags: [i % 3, -0, NaN, Infinity] });
  switch (spec.kind) {
    case 'plain': return [big];
    case 'shared': { const a = [1, 2]; return [[a, a]]; }
    case 'cycle': { const o = { self: null }; o.self = o; return [o]; }
    case 'map': return [new Map([[1, 'one']])];
    case 'typed': return [new Float64Array([1.5, -0])];
    case 'getter': return [{ get v() { return 7; } }];
    case 'readonly': { const o = {}; Object.defineProperty(o, 'v', { value: 1, enumerable: true }); return [o]; }
    case 'frozen': return [Object.freeze([1, 2, 3])];
    case 'holes': { const h = [1, , 3]; h.length = 5; return [h]; }
    case 'proto': return [JSON.parse('{"__proto__": 1, "10": "a", "2": "b", "k": "c"}')];
    default: throw new Error('unknown kind');
  }
};`;

// Describes what it got, so that any difference in shape shows in the output.
const PROBE = `
export function probe(a: any) {
  const describe = (v: any, seen: any[]): any => {
    if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
    if (v === null || typeof v !== 'object') return typeof v + ':' + String(v);
    if (seen.includes(v)) return 'seen#' + seen.indexOf(v);
    seen.push(v);
    const keys = Reflect.ownKeys(v).map(String);
    return {
      kind: Object.prototype.toString.call(v),
      proto: Object.getPrototypeOf(v) === Object.prototype ? 'Object' : Object.getPrototypeOf(v) === Array.prototype ? 'Array' : 'other',
      frozen: Object.isFrozen(v),
      keys,
      values: keys.map((k) => {
        const d = Object.getOwnPropertyDescriptor(v, k)!;
        return 'value' in d ? describe(d.value, seen) : 'accessor';
      }),
      map: v instanceof Map ? [...v] : undefined,
      typed: v instanceof Float64Array ? Array.from(v, (x) => (Object.is(x, -0) ? '-0' : x)) : undefined,
    };
  };
  const shape = describe(a, []);
  let mutation = '';
  if (Array.isArray(a) && Array.isArray(a[0]) && !Object.isFrozen(a[0])) { a[0].push(99); mutation = String(a[1]?.length); }
  return { shape, mutation };
}`;

const program = async (): Promise<SandboxProgram> => ({
  solutionJs: await compile(PROBE),
  driverJs: DRIVER,
  entries: ['probe'],
});
const specTest = (kind: string, n = 3, index = 0) => ({
  index,
  input: JSON.stringify({ fn: 'probe', spec: { kind, n } }),
  stepBudget: 100_000,
  seed: 5,
});
const KINDS = ['plain', 'shared', 'cycle', 'map', 'typed', 'getter', 'readonly', 'frozen', 'holes', 'proto'];

describe('prepared arguments', () => {
  it('give every kind of input the same outcome, steps and memory on a cold cache, a warm one, and a fresh sandbox', async () => {
    const p = await program();
    const warm = await createNodeSandbox();
    const fresh = await createNodeSandbox('quickjs', { reuse: false });
    for (const [i, kind] of KINDS.entries()) {
      const cold = await (await createNodeSandbox()).runTest(p, specTest(kind, 3, i), DEFAULT_LIMITS);
      expect(cold.outcome.kind, kind).toBe('returned');
      const expected = fingerprint(cold);
      for (let job = 0; job < 3; job++) {
        warm.discardModule();
        expect(fingerprint(await warm.runTest(p, specTest(kind, 3, i), DEFAULT_LIMITS)), kind).toBe(expected);
      }
      expect(fingerprint(await fresh.runTest(p, specTest(kind, 3, i), DEFAULT_LIMITS)), kind).toBe(expected);
    }
  });

  it('keep the exact shape: shared objects stay shared, cycles, Maps, typed arrays, getters, frozen arrays, holes and key order stay', async () => {
    const p = await program();
    const sb = await createNodeSandbox();
    const out = async (kind: string) => {
      sb.discardModule();
      const r = await sb.runTest(p, specTest(kind), DEFAULT_LIMITS);
      if (r.outcome.kind !== 'returned') throw new Error(`${kind}: ${JSON.stringify(r.outcome)}`);
      return JSON.parse(r.outcome.output) as { shape: any; mutation: string };
    };
    for (let round = 0; round < 2; round++) {
      // One array reached twice: a push through one is seen through the other, as the driver built it.
      expect((await out('shared')).mutation).toBe('3');
      expect(JSON.stringify((await out('cycle')).shape)).toContain('seen#0');
      expect((await out('map')).shape.map).toEqual([[1, 'one']]);
      expect((await out('typed')).shape.typed).toEqual([1.5, '-0']);
      expect((await out('getter')).shape.values).toEqual(['accessor']);
      expect((await out('readonly')).shape.keys).toEqual(['v']);
      expect((await out('frozen')).shape.frozen).toBe(true);
      expect((await out('holes')).shape.keys).toEqual(['0', '2', 'length']);
      expect((await out('proto')).shape.keys).toEqual(['2', '10', '__proto__', 'k']);
      const record = (await out('plain')).shape.values[0];
      expect(record.keys).toEqual(['id', 'x', 'tags']);
      expect(record.values[2].values).toEqual(['0', '-0', 'NaN', 'Infinity', '4']);
    }
    // Plain trees are kept as binary JSON; binary JSON loses sharing, cycles, Maps, typed arrays, getters, freezing and
    // holes, so those are built in the session each time (kept as "not copyable").
    const cache = cacheOf(sb) as unknown as { entries: Map<string, unknown> };
    const kept = [...cache.entries.entries()].map(([k, v]) => [
      JSON.parse(k.slice(k.indexOf('{'))).spec.kind,
      v !== null,
    ]);
    expect(Object.fromEntries(kept)).toEqual({
      shared: false,
      cycle: false,
      map: false,
      typed: false,
      getter: false,
      readonly: false,
      frozen: false,
      holes: false,
      proto: true,
      plain: true,
    });
    // Small literal arguments are parsed in the session, as before (keeping them would cost more than it saves);
    // long ones are kept.
    const literal = (args: unknown[]) => ({
      index: 0,
      input: JSON.stringify({ fn: 'probe', args }),
      stepBudget: 1e5,
      seed: 5,
    });
    const entries = () => cache.entries.size;
    const n0 = entries();
    await sb.runTest(p, literal([[1, 2, 3]]), DEFAULT_LIMITS);
    expect(entries()).toBe(n0);
    await sb.runTest(p, literal([Array.from({ length: 1000 }, (_, i) => i)]), DEFAULT_LIMITS);
    expect(entries()).toBe(n0 + 1);
  });

  it('cannot be poisoned by a solution: arguments are built before any user code, and a test sees a clean copy', async () => {
    const hostile = await compile(`
      (Array.prototype as any).push = function () { return 0; };
      Object.defineProperty(Object.prototype, 'x', { set() {}, get() { return -1; }, configurable: true });
      export function probe(a: any) { a[0].x = 1234; a.length = 0; return a.length; }`);
    const sb = await createNodeSandbox();
    const p = await program();
    const clean = fingerprint(await (await createNodeSandbox()).runTest(p, specTest('plain', 50), DEFAULT_LIMITS));
    // The hostile module runs first on a cold cache, twice (the second time, its arguments come from the cache).
    for (let job = 0; job < 2; job++) {
      sb.discardModule();
      const r = await sb.runTest({ ...p, solutionJs: hostile }, specTest('plain', 50), DEFAULT_LIMITS);
      expect(r.outcome).toMatchObject({ kind: 'returned', output: '0' });
    }
    sb.discardModule();
    expect(fingerprint(await sb.runTest(p, specTest('plain', 50), DEFAULT_LIMITS))).toBe(clean);
  });

  it('builds arguments the driver cannot build as a judge error, as before, and an input larger than the base grows a new module', async () => {
    const p = await program();
    const sb = await createNodeSandbox();
    const bad = await sb.runTest(p, specTest('nope'), DEFAULT_LIMITS);
    expect(bad.outcome.kind).toBe('judge-error');
    // 10^5 records do not fit in the base's 16 MiB: the build grows the memory, so the base is dropped and the
    // test runs on a new module with its arguments decoded from the kept copy.
    const count = { ...p, solutionJs: await compile('export function probe(a: any[]) { return a.length; }') };
    const limits = { ...DEFAULT_LIMITS, memoryBytes: 256 << 20 };
    const large = await sb.runTest(count, specTest('plain', 100_000), limits);
    expect(large.outcome).toMatchObject({ kind: 'returned', output: '100000' });
    expect(large.memoryBytes).toBeGreaterThan(16 << 20);
    const again = await sb.runTest(count, specTest('plain', 100_000), limits);
    expect(fingerprint(again)).toBe(fingerprint(large));
  });
});

describe('InputCache', () => {
  it('evicts the least recently used entries beyond its bytes, never the one just added', () => {
    const cache = new InputCache(100);
    const entry = (n: number) => ({ bytes: new Uint8Array(n), meta: '' });
    cache.set('a', entry(30));
    cache.set('b', entry(30));
    expect(cache.get('a')).not.toBeUndefined(); // a is now the most recent
    cache.set('c', entry(30)); // 3 × (30 + 2) = 96
    cache.set('d', entry(30)); // over: b goes first
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).not.toBeUndefined();
    cache.set('huge', entry(500));
    expect(cache.get('huge')).not.toBeUndefined();
    expect(cache.sizeBytes).toBe(500 + 8);
    cache.set('none', null);
    expect(cache.get('none')).toBeNull();
  });
});
