// Hidden tests beyond edge.json. All arguments are scalars, so every test passes `args` directly; the driver
// summarises large outputs. Explicit params (nQ, nK, W, n) pin a case; missing ones are drawn from the rng.
import type { GeneratorCase, Rng, TestInput } from '../../harness/src/problem/authoring.ts';

type Fn = 'swaMask' | 'swaRanges' | 'rollingBuffer';

interface Params {
  fn: Fn;
  nQ?: number;
  nK?: number;
  W?: number;
  n?: number;
  /** nQ = nK (otherwise a random nQ in [1, nK] unless given) */
  square?: boolean;
  /** for random W: 'small' (<= nK/4), 'near' (nK ± 2), 'any' (1..nK+3) */
  w?: 'small' | 'near' | 'any';
}

export const cases: GeneratorCase[] = [
  // swaMask: small random (raw output), then up to 300 x 300 (summarised as runs of `true` per row)
  { name: 'swaMask random small, square', seed: 101, size: 24, params: { fn: 'swaMask', w: 'any', square: true } },
  { name: 'swaMask random small, offset queries', seed: 102, size: 32, params: { fn: 'swaMask', w: 'small' } },
  { name: 'swaMask random small, W near nK', seed: 103, size: 30, params: { fn: 'swaMask', w: 'near', square: true } },
  { name: 'swaMask 300x300, W=64', seed: 104, size: 300, params: { fn: 'swaMask', nQ: 300, nK: 300, W: 64 } },
  {
    name: 'swaMask chunk of 120 queries over 300 keys, W=37',
    seed: 105,
    size: 300,
    params: { fn: 'swaMask', nQ: 120, nK: 300, W: 37 },
  },
  {
    name: 'swaMask 50 queries over 200 keys, W > nK (plain causal)',
    seed: 106,
    size: 200,
    params: { fn: 'swaMask', nQ: 50, nK: 200, W: 1000 },
  },
  { name: 'swaMask 150x150, W=1', seed: 107, size: 150, params: { fn: 'swaMask', nQ: 150, nK: 150, W: 1 } },
  {
    name: 'swaMask decode row over 300 keys, W=100',
    seed: 108,
    size: 300,
    params: { fn: 'swaMask', nQ: 1, nK: 300, W: 100 },
  },
  { name: 'swaMask random 200 keys', seed: 109, size: 200, params: { fn: 'swaMask', w: 'any' } },

  // swaRanges: small random (raw output), moderate, then the complexity separators
  {
    name: 'swaRanges random small, square',
    seed: 201,
    size: 40,
    params: { fn: 'swaRanges', w: 'small', square: true },
  },
  { name: 'swaRanges random small, offset queries', seed: 202, size: 60, params: { fn: 'swaRanges', w: 'any' } },
  { name: 'swaRanges random small, W near nK', seed: 203, size: 64, params: { fn: 'swaRanges', w: 'near' } },
  {
    name: 'swaRanges nQ=nK=2000, W=100',
    seed: 204,
    size: 2000,
    params: { fn: 'swaRanges', nQ: 2000, nK: 2000, W: 100 },
  },
  {
    name: 'swaRanges nQ=nK=3000, W >= nK (plain causal)',
    seed: 205,
    size: 3000,
    params: { fn: 'swaRanges', nQ: 3000, nK: 3000, W: 3000 },
  },
  {
    name: 'swaRanges nQ=nK=1000, W = nK-1',
    seed: 206,
    size: 1000,
    params: { fn: 'swaRanges', nQ: 1000, nK: 1000, W: 999 },
  },
  { name: 'swaRanges nQ=nK=1000, W=1', seed: 207, size: 1000, params: { fn: 'swaRanges', nQ: 1000, nK: 1000, W: 1 } },
  {
    name: 'swaRanges decode at nK=10^6, W=4096',
    seed: 208,
    size: 1000000,
    params: { fn: 'swaRanges', nQ: 1, nK: 1000000, W: 4096 },
    note: 'one query over 10^6 keys: catches scanning the keys of a row',
  },
  {
    name: 'swaRanges chunk of 500 queries at nK=10^6, W=4096',
    seed: 209,
    size: 1000000,
    params: { fn: 'swaRanges', nQ: 500, nK: 1000000, W: 4096 },
    note: '500 queries over 10^6 keys: catches scanning the keys, or building mask rows, per query',
  },
  { name: 'swaRanges random offset chunk, nK=3000', seed: 210, size: 3000, params: { fn: 'swaRanges', w: 'small' } },
  {
    name: 'swaRanges 2*10^4 queries over nK = 10^5',
    seed: 212,
    size: 100000,
    params: { fn: 'swaRanges', nQ: 20000, nK: 100000, W: 4096 },
    note: '2·10^4 queries over 10^5 keys: catches O(nQ·nK) work (scanning keys, building the mask)',
  },
  // Scale group (swaRanges, n = nQ = nK, W = 4096): the reference is O(n); scanning the keys or building the
  // mask is O(n²).
  ...[6250, 12500, 25000, 50000].map((n, i): GeneratorCase => ({
    name: `scale n=${n}: swaRanges nQ = nK = ${n}, W = 4096`,
    seed: n === 50000 ? 211 : 213 + i,
    size: n,
    scale: true,
    params: { fn: 'swaRanges', nQ: n, nK: n, W: 4096 },
    note: `nQ = nK = ${n.toLocaleString('en-US')}: catches O(nQ·nK) work (scanning every key per query, building the mask)`,
  })),

  // rollingBuffer: small random (raw output), then large W and huge numTokens
  {
    name: 'rollingBuffer random small, not yet full',
    seed: 301,
    size: 40,
    params: { fn: 'rollingBuffer', w: 'small' },
  },
  { name: 'rollingBuffer random small, wrapped', seed: 302, size: 50, params: { fn: 'rollingBuffer', w: 'near' } },
  { name: 'rollingBuffer random small', seed: 303, size: 64, params: { fn: 'rollingBuffer', w: 'any' } },
  {
    name: 'rollingBuffer n = 37W, W = 5000 (n mod W = 0)',
    seed: 304,
    size: 5000,
    params: { fn: 'rollingBuffer', W: 5000, n: 185000 },
  },
  {
    name: 'rollingBuffer n = W - 1, W = 1000',
    seed: 305,
    size: 1000,
    params: { fn: 'rollingBuffer', W: 1000, n: 999 },
  },
  {
    name: 'rollingBuffer W = 3*10^4, n = 3*10^4 + 12345',
    seed: 306,
    size: 30000,
    params: { fn: 'rollingBuffer', W: 30000, n: 42345 },
  },
  {
    name: 'rollingBuffer n = 10^9, W = 4096',
    seed: 307,
    size: 1000000000,
    params: { fn: 'rollingBuffer', W: 4096, n: 1000000000 },
    note: 'numTokens = 10^9: catches replaying every write (O(numTokens))',
  },
  {
    name: 'rollingBuffer n = 2*10^9, W = 1000',
    seed: 309,
    size: 2000000000,
    params: { fn: 'rollingBuffer', W: 1000, n: 2000000000 },
    note: 'numTokens = 2·10^9, the largest allowed: catches replaying every write',
  },
  {
    name: 'rollingBuffer n = 10^9 + 7, W = 3',
    seed: 308,
    size: 1000000007,
    params: { fn: 'rollingBuffer', W: 3, n: 1000000007 },
  },
];

function randomWindow(rng: Rng, nK: number, mode: Params['w']): number {
  if (mode === 'small') return rng.int(1, Math.max(1, Math.floor(nK / 4)));
  if (mode === 'near') return rng.int(Math.max(1, nK - 2), nK + 2);
  return rng.int(1, nK + 3);
}

export function generate(c: GeneratorCase, rng: Rng): TestInput {
  const p = c.params as unknown as Params;
  if (p.fn === 'rollingBuffer') {
    const W = p.W ?? (p.w === 'near' ? rng.int(2, 12) : rng.int(1, c.size));
    let n = p.n;
    if (n === undefined) {
      if (p.w === 'small')
        n = rng.int(0, W - 1); // not yet full
      else if (p.w === 'near')
        n = rng.int(W + 1, 6 * W); // wrapped at least once
      else n = rng.int(0, 4 * W);
    }
    return { fn: 'rollingBuffer', args: [W, n] };
  }
  const nK = p.nK ?? c.size;
  const nQ = p.nQ ?? (p.square ? nK : rng.int(1, nK));
  const W = p.W ?? randomWindow(rng, nK, p.w);
  return { fn: p.fn, args: [nQ, nK, W] };
}
