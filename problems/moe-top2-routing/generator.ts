/**
 * Hidden tests beyond edge.json.
 *
 * Small random cases (T ≤ 40, E ≤ 10, k ≤ 3) are sent as JSON `args`, in three modes:
 *   'real'  multiples of 1e-5 in [-3, 3]
 *   'int'   integers in [0, 3]: many ties, so the id order decides
 *   'big'   integers in [-10^4, 10^4]: overflow without max-subtraction, gaps far above 745
 * and capacity modes:
 *   'omit'  no capacity argument (and no k argument when k = 2)
 *   'null'  capacity passed as null
 *   'tight' C = ⌊f·T·k/E⌋ with f in [0.4, 1]: drops assignments
 *   'zero'  C = 0
 *
 * The scale group (`scale: true`) builds T × 64 logits inside the sandbox (driver.ts), k = 2 and
 * C = ⌊1.125·T·k/E⌋ (Switch/GShard capacity factor 1.125): T = 64, 128, 256, 512; the last one is the largest
 * hidden test (C = 18, which drops some assignments).
 */
import type { GeneratorCase, Rng, TestInput } from '../../harness/src/problem/authoring.ts';

interface Params {
  mode: 'real' | 'int' | 'big';
  cap?: 'omit' | 'null' | 'tight' | 'zero';
  T?: number;
  E?: number;
  k?: number;
  /** spec cases: the capacity (default ⌊1.125·T·k/E⌋); null = dropless */
  C?: number | null;
  /** build the logits in the sandbox (driver.ts); E (default 64), k (default 2), capacity C */
  spec?: boolean;
}

export const cases: GeneratorCase[] = [
  { name: 'random reals, default k and capacity', seed: 11, size: 12, params: { mode: 'real', cap: 'omit', k: 2 } },
  { name: 'random reals, capacity null', seed: 12, size: 25, params: { mode: 'real', cap: 'null' } },
  { name: 'random reals, tight capacity', seed: 13, size: 40, params: { mode: 'real', cap: 'tight' } },
  { name: 'random reals, k = 3, tight capacity', seed: 14, size: 30, params: { mode: 'real', cap: 'tight', k: 3 } },
  { name: 'random small integers (ties), dropless', seed: 21, size: 20, params: { mode: 'int', cap: 'null' } },
  { name: 'random small integers (ties), tight capacity', seed: 22, size: 40, params: { mode: 'int', cap: 'tight' } },
  {
    name: 'random small integers (ties), k = 3, tight capacity',
    seed: 23,
    size: 36,
    params: { mode: 'int', cap: 'tight', k: 3 },
  },
  {
    name: 'random small integers (ties), k = 1, capacity 0',
    seed: 24,
    size: 10,
    params: { mode: 'int', cap: 'zero', k: 1 },
  },
  { name: 'random magnitudes up to 1e4, default k', seed: 31, size: 16, params: { mode: 'big', cap: 'omit', k: 2 } },
  { name: 'random magnitudes up to 1e4, tight capacity', seed: 32, size: 40, params: { mode: 'big', cap: 'tight' } },
  {
    name: 'random magnitudes up to 1e4, k = 3, dropless',
    seed: 33,
    size: 30,
    params: { mode: 'big', cap: 'null', k: 3 },
  },
  {
    name: 'random magnitudes up to 1e4, k = 1, tight capacity',
    seed: 34,
    size: 40,
    params: { mode: 'big', cap: 'tight', k: 1 },
  },
  {
    name: 'T=512, E=8, every expert ranked (k = E), integer ties, C=400',
    seed: 41,
    size: 512,
    params: { mode: 'int', spec: true, E: 8, k: 8, C: 400 },
  },
  {
    name: 'T=512, E=64, k=2, magnitudes up to 1e4, dropless',
    seed: 42,
    size: 512,
    params: { mode: 'big', spec: true, C: null },
  },
  { name: 'scale T=64, E=64, k=2, C=2', seed: 101, size: 64, scale: true, params: { mode: 'real', spec: true } },
  { name: 'scale T=128, E=64, k=2, C=4', seed: 102, size: 128, scale: true, params: { mode: 'real', spec: true } },
  { name: 'scale T=256, E=64, k=2, C=9', seed: 103, size: 256, scale: true, params: { mode: 'real', spec: true } },
  { name: 'scale T=512, E=64, k=2, C=18', seed: 104, size: 512, scale: true, params: { mode: 'real', spec: true } },
];

function logit(rng: Rng, mode: Params['mode']): number {
  if (mode === 'int') return rng.int(0, 3);
  if (mode === 'big') return rng.int(-10000, 10000);
  return rng.int(-300000, 300000) / 100000;
}

export function generate(c: GeneratorCase, rng: Rng): TestInput {
  const p = c.params as unknown as Params;
  const T = p.T ?? c.size;
  if (p.spec) {
    const E = p.E ?? 64;
    const k = p.k ?? 2;
    const capacity = p.C !== undefined ? p.C : Math.floor((1.125 * T * k) / E);
    return { fn: 'route', spec: { T, E, seed: rng.u32(), mode: p.mode, k, capacity } };
  }
  const k = p.k ?? rng.int(1, 3);
  const E = p.E ?? rng.int(Math.max(k, 2), 10);
  const g: number[][] = [];
  for (let t = 0; t < T; t++) {
    const row: number[] = [];
    for (let e = 0; e < E; e++) row.push(logit(rng, p.mode));
    g.push(row);
  }
  switch (p.cap ?? 'null') {
    case 'omit':
      return { fn: 'route', args: k === 2 ? [g] : [g, k] };
    case 'null':
      return { fn: 'route', args: [g, k, null] };
    case 'zero':
      return { fn: 'route', args: [g, k, 0] };
    case 'tight': {
      const f = 0.4 + 0.6 * rng.float();
      return { fn: 'route', args: [g, k, Math.floor((f * T * k) / E)] };
    }
  }
}
