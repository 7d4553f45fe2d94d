// Hidden tests beyond edge.json: random head vectors (built by driver.ts from a seed) at random positions, and the
// scale group (d = 512 … 4096 at a fixed base and style) that measures how a solution's cost grows with d.
import type { GeneratorCase, Rng, TestInput } from '../../harness/src/problem/authoring.ts';

/** The four bases of the random tests (the edge tests also use 100). */
const BASES = [10, 1e4, 5e5, 1e6];

interface Params {
  /** 'int': an integer position up to maxPos; 'real': a non-integer position up to maxPos. */
  pos: 'int' | 'real';
  maxPos: number;
  style?: 'interleaved' | 'half';
  base?: number;
}

export const cases: GeneratorCase[] = [
  { name: 'random d <= 16, integer pos <= 100', seed: 1, size: 16, params: { pos: 'int', maxPos: 100 } },
  { name: 'random d <= 32, real pos <= 50', seed: 2, size: 32, params: { pos: 'real', maxPos: 50 } },
  { name: 'random d <= 64, integer pos <= 10^4', seed: 3, size: 64, params: { pos: 'int', maxPos: 1e4 } },
  { name: 'random d <= 128, integer pos <= 10^6', seed: 4, size: 128, params: { pos: 'int', maxPos: 1e6 } },
  { name: 'random d <= 128, real pos <= 10^6', seed: 5, size: 128, params: { pos: 'real', maxPos: 1e6 } },
  {
    name: 'random d <= 128, integer pos <= 10^5, half',
    seed: 6,
    size: 128,
    params: { pos: 'int', maxPos: 1e5, style: 'half' },
  },
  {
    name: 'random d <= 128, integer pos <= 10^5, interleaved',
    seed: 7,
    size: 128,
    params: { pos: 'int', maxPos: 1e5, style: 'interleaved' },
  },
  // Scale group: the same generator and params at d = n, 2n, 4n, 8n.
  ...[512, 1024, 2048, 4096].map((d, i) => ({
    name: `scale d=${d}`,
    seed: 100 + i,
    size: d,
    scale: true,
    params: { pos: 'int', maxPos: 1e6, style: 'half', base: 1e4 },
  })),
];

export function generate(c: GeneratorCase, rng: Rng): TestInput {
  const p = c.params as unknown as Params;
  // Scale cases use exactly d = size; the others a random even d in [2, size].
  const d = c.scale ? c.size : 2 * rng.int(1, c.size / 2);
  const pos = p.pos === 'int' ? rng.int(0, p.maxPos) : rng.float() * p.maxPos;
  const base = p.base ?? rng.pick(BASES);
  const style = p.style ?? rng.pick(['interleaved', 'half'] as const);
  return { fn: 'rope', spec: { d, seed: rng.u32(), pos, base, style } };
}
