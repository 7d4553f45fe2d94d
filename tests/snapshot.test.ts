/**
 * Issue 17: a session is prepared once (prelude, driver, the user's module) and its memory restored before each
 * test. Proven here, not assumed:
 * - isolation: whatever a test does to globals, prototypes, module state or the random generator is invisible to the
 *   next test;
 * - a new job on the same thread starts on the base (prelude evaluated) restored byte for byte: nothing of the
 *   previous submission is visible, and the memory equals a new module's after the prelude;
 * - exactness: tests of every problem (24 across each suite) give the same outcome and the same steps whether the session is reused
 *   (memory restored) or built fresh for that test alone, in any order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeValue } from '../harness/src/codec.ts';
import { transpile, type EsbuildApi } from '../harness/src/compile/transpile.ts';
import { testSeed } from '../harness/src/grade.ts';
import { createNodeSandbox } from '../harness/src/node/engine.ts';
import { nodeEsbuild } from '../harness/src/node/esbuild.ts';
import { loadProblem, suiteTests } from '../harness/src/problem/load.ts';
import { SCAN_AFTER } from '../harness/src/sandbox/memory-image.ts';
import type { Sandbox } from '../harness/src/sandbox/sandbox.ts';
import { DEFAULT_LIMITS, type RawTestRun, type SandboxProgram } from '../harness/src/sandbox/types.ts';

let esbuild: EsbuildApi;
let reused: Sandbox;
let fresh: Sandbox;
beforeAll(async () => {
  esbuild = await nodeEsbuild();
  reused = await createNodeSandbox();
  fresh = await createNodeSandbox('quickjs', { reuse: false });
});

const compile = async (source: string): Promise<string> => {
  const c = await transpile(esbuild, source);
  if (!c.ok) throw new Error(c.error.message);
  return c.value.js;
};
const fingerprint = (r: RawTestRun): string =>
  JSON.stringify({ outcome: r.outcome, steps: r.steps, console: r.console });

describe('a restored session', () => {
  it('hides every change a test makes from the next test', async () => {
    const js = await compile(`
      let calls = 0;
      const cache = new Map<number, number>();
      (globalThis as any).leak = (globalThis as any).leak ?? 0;
      export function probe(i: number) {
        const seen = {
          calls: calls++,
          cacheSize: cache.size,
          leak: (globalThis as any).leak++,
          pushIsNative: String(Array.prototype.push).includes('[native code]'),
          mathMax: Math.max(1, 2),
          json: JSON.stringify([1]),
          random: Math.random(),
          now: Date.now(),
          frozen: Object.isFrozen(Object.prototype),
        };
        cache.set(i, i);
        (Array.prototype as any).push = () => 0;
        Math.max = () => -1;
        JSON.stringify = () => 'hacked';
        Object.freeze(Object.prototype);
        const big: number[][] = [];
        for (let k = 0; k < 2000; k++) big[k] = [k];
        return seen;
      }`);
    const program: SandboxProgram = { solutionJs: js, driverJs: null, entries: ['probe'] };
    const runs: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await reused.runTest(
        program,
        { index: i, input: JSON.stringify({ fn: 'probe', args: [i] }), stepBudget: 10_000, seed: 7 },
        DEFAULT_LIMITS,
      );
      expect(r.outcome.kind).toBe('returned');
      runs.push(r.outcome.kind === 'returned' ? r.outcome.output : '');
    }
    const first = JSON.parse(runs[0]!) as Record<string, unknown>;
    expect(first).toMatchObject({
      calls: 0,
      cacheSize: 0,
      leak: 0,
      pushIsNative: true,
      mathMax: 2,
      json: '[1]',
      frozen: false,
    });
    // Same seed, same state: every test saw exactly what the first saw.
    expect(new Set(runs).size).toBe(1);
  });

  it('gives a later test the same result and steps as a fresh sandbox, after tests that hit limits', async () => {
    const js = await compile(`
      export function f(kind: string) {
        if (kind === 'loop') for (;;) {}
        if (kind === 'throw') throw new Error('boom');
        if (kind === 'grow') { const a: number[] = []; for (let i = 0; i < 3e6; i++) a.push(i); return a.length; }
        let s = 0;
        for (let i = 0; i < 2e5; i++) s += i % 7;
        return s;
      }`);
    const program: SandboxProgram = { solutionJs: js, driverJs: null, entries: ['f'] };
    const test = (index: number, kind: string) => ({
      index,
      input: JSON.stringify({ fn: 'f', args: [kind] }),
      stepBudget: 300,
      seed: 1,
    });
    const alone = fingerprint(await fresh.runTest(program, test(0, 'sum'), DEFAULT_LIMITS));
    const sequence = ['sum', 'throw', 'sum', 'loop', 'sum', 'grow', 'sum', 'sum'];
    for (const [i, kind] of sequence.entries()) {
      const r = await reused.runTest(program, test(0, kind), DEFAULT_LIMITS);
      if (kind === 'sum') expect(fingerprint(r), `test ${i}`).toBe(alone);
    }
  });
});

describe('the heap a test took above the snapshot', () => {
  it('is zero again after the restore, as it was when the snapshot was taken', async () => {
    type Inside = { slot: { memory: WebAssembly.Memory } | null; session: { snapshot: { bytes: Uint8Array } } | null };
    const sb = await createNodeSandbox();
    const js = await compile(`
      export function f(n: number) {
        const keep: string[] = [];
        for (let i = 0; i < n; i++) keep.push('x'.repeat(100) + i);
        return keep.length;
      }`);
    const program: SandboxProgram = { solutionJs: js, driverJs: null, entries: ['f'] };
    const run = async (n: number): Promise<void> => {
      const r = await sb.runTest(
        program,
        { index: 0, input: JSON.stringify({ fn: 'f', args: [n] }), stepBudget: 10_000, seed: 1 },
        DEFAULT_LIMITS,
      );
      expect(r.outcome).toEqual({ kind: 'returned', output: String(n) });
    };
    await run(1);
    const inside = sb as unknown as Inside;
    const memory = inside.slot!.memory;
    const bytes = memory.buffer.byteLength;
    const top = inside.session!.snapshot.bytes.length;
    await run(30_000); // ~4 MB of strings above the snapshot's break
    expect(memory.buffer.byteLength).toBe(bytes); // the memory did not grow: the session is kept
    const written = new Uint8Array(memory.buffer, top + (1 << 20), 1 << 20);
    expect(written.some((b) => b !== 0)).toBe(true);
    await run(1); // restored first; this test stays near the snapshot's break
    expect(new Uint8Array(memory.buffer, top + (1 << 20), 2 << 20).every((b) => b === 0)).toBe(true);
  });
});

describe('a base restored for the next job', () => {
  // What runJob does between two submissions on one worker thread.
  const nextJob = (sb: Sandbox): void => sb.discardModule();
  const hostile = `
    (globalThis as any).marker = 'SECRET-' + 'x'.repeat(1000);
    export function f(n: number) {
      (Array.prototype as any).includes = () => true;
      (Object.prototype as any).polluted = 1;
      Math.random = () => 0.5;
      const keep: string[] = [];
      for (let i = 0; i < n; i++) keep.push('SECRET-' + i);
      (globalThis as any).keep = keep;
      Promise.resolve().then(() => { (globalThis as any).late = 1; });
      return keep.length;
    }`;
  const probe = `
    export function f(n: number) {
      return {
        marker: typeof (globalThis as any).marker,
        keep: typeof (globalThis as any).keep,
        late: typeof (globalThis as any).late,
        polluted: ({} as any).polluted,
        includes: [1].includes(2),
        random: Math.random(),
        n,
      };
    }`;
  const test = { index: 0, input: JSON.stringify({ fn: 'f', args: [5000] }), stepBudget: 10_000, seed: 3 };

  it('shows the next submission nothing of the previous one, with the steps of a fresh module', async () => {
    const [h, p] = [await compile(hostile), await compile(probe)];
    const sb = await createNodeSandbox();
    const alone = fingerprint(
      await fresh.runTest({ solutionJs: p, driverJs: null, entries: ['f'] }, test, DEFAULT_LIMITS),
    );
    for (let job = 0; job < 3; job++) {
      nextJob(sb);
      const r = await sb.runTest({ solutionJs: h, driverJs: null, entries: ['f'] }, test, DEFAULT_LIMITS);
      expect(r.outcome.kind).toBe('returned');
      nextJob(sb);
      expect(
        fingerprint(await sb.runTest({ solutionJs: p, driverJs: null, entries: ['f'] }, test, DEFAULT_LIMITS)),
      ).toBe(alone);
    }
  });

  it('leaves the memory byte for byte as a new module after the prelude', async () => {
    type Inside = {
      bases: { slot: { memory: WebAssembly.Memory } }[];
      baseFor(
        l: typeof DEFAULT_LIMITS,
        breakAt: number | null,
        state: unknown,
      ): Promise<{ slot: { memory: WebAssembly.Memory } }>;
      breakAddress(): Promise<number | null>;
    };
    const used = await createNodeSandbox();
    // Several jobs, so that the base's image is written back often enough to be written by its zero runs
    // (memory-image.ts: from the SCAN_AFTER-th write on).
    for (let job = 0; job < SCAN_AFTER + 1; job++) {
      await used.runTest({ solutionJs: await compile(hostile), driverJs: null, entries: ['f'] }, test, DEFAULT_LIMITS);
      nextJob(used);
    }
    const inside = used as unknown as Inside;
    const restored = await inside.baseFor(DEFAULT_LIMITS, await inside.breakAddress(), { judgeSteps: 0 });
    const newOne = (await createNodeSandbox()) as unknown as Inside;
    const built = await newOne.baseFor(DEFAULT_LIMITS, await newOne.breakAddress(), { judgeSteps: 0 });
    const a = new Uint8Array(restored.slot.memory.buffer);
    const b = new Uint8Array(built.slot.memory.buffer);
    expect(a.length).toBe(b.length);
    // QuickJS seeds its own Math.random state from the clock when a context is made (one 8-byte word; the prelude
    // replaces Math.random with the judge's seeded generator): that word is the only difference two new modules have.
    const differing: number[] = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differing.push(i);
    expect(differing.length).toBeLessThanOrEqual(8);
    expect((differing.at(-1) ?? 0) - (differing[0] ?? 0)).toBeLessThan(8);
  });
});

describe('every problem: restored sessions give what fresh ones give', () => {
  const root = path.join(import.meta.dirname, '..', 'problems');
  const slugs = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const slug of slugs) {
    it(`${slug}: reference, tests across the suite, same outcome and steps`, async () => {
      const problem = await loadProblem(path.join(root, slug), esbuild);
      const js = await compile(readFileSync(path.join(root, slug, 'solutions', 'accepted', 'reference.ts'), 'utf8'));
      const program: SandboxProgram = { solutionJs: js, driverJs: problem.driverJs, entries: problem.entries };
      const limits = { ...problem.limits, wallMs: 120_000 };
      // Every test would take minutes on a loaded machine; 24 spread over the suite cover samples, edge and scale.
      const all = suiteTests(problem, 'all').map((t, index) => ({
        index,
        input: encodeValue(t.input),
        stepBudget: 5_000_000,
        seed: testSeed(index),
      }));
      const stride = Math.max(1, Math.floor(all.length / 24));
      const tests = all.filter((_, i) => i % stride === 0);
      // Reused in reverse order (so each test follows a different one than in the suite), fresh one by one.
      const reusedRuns = new Map<number, string>();
      for (const t of [...tests].reverse())
        reusedRuns.set(t.index, fingerprint(await reused.runTest(program, t, limits)));
      for (const t of tests)
        expect(reusedRuns.get(t.index), `${slug} test ${t.index}`).toBe(
          fingerprint(await fresh.runTest(program, t, limits)),
        );
    });
  }
});
