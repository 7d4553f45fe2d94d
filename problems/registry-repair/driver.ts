// Builds the large registry-repair inputs inside the sandbox from a compact spec, so that a 1.6·10^4-record
// test costs a few bytes in the repository and no JSON parsing. Deterministic and pure: no imports, no
// Math.random, no clock. Also imported on the host by `judge check` (validator) and by the generator.
//
// Spec: { kind, n, ... }
//   kind 'chain': records 0..n-1 joined as a path.     order: 'forward' edges (i, i+1), 'reversed' (i+1, i),
//                 both for i = 0..n-2 in increasing order; 'descending' edges (i, i+1) for i = n-2 down to 0
//   kind 'star':  record 0 joined to every other one.   order: 'forward' edges (0, i), 'reversed' (i, 0)
//   kind 'giant': the even-indexed records form one class (a random tree over them, edges in a random
//                 order); the odd-indexed records are singletons.
//   kind 'random': m random edges between nearby records (offset 1..span), so classes of many sizes form.
// Every kind takes: seed (LCG seed), dangling (number of extra edges naming unknown ids, spread over the
// edge list), versions ('narrow' | 'wide' | 'huge'), checksums (pool size ≥ 1).

interface RegRec {
  id: string;
  version: string;
  checksum: string;
}

interface Spec {
  kind: 'chain' | 'star' | 'giant' | 'random';
  n: number;
  seed?: number;
  order?: 'forward' | 'reversed' | 'descending';
  m?: number;
  span?: number;
  dangling?: number;
  versions?: 'narrow' | 'wide' | 'huge';
  checksums?: number;
}

/** Park–Miller style LCG on 31 bits using Math.imul-free arithmetic (exact in doubles). */
function makeLcg(seed: number): (bound: number) => number {
  let s = (seed >>> 0) % 2147483647 || 1;
  return (bound: number): number => {
    s = (s * 48271) % 2147483647;
    return s % bound;
  };
}

/** A unique, unordered-looking id for record i: an odd-multiplier bijection on [0, 2^20). */
function recordId(i: number, salt: number): string {
  return 'p' + ((Math.imul(i, 0x9e3b5) + salt) & 0xfffff).toString(36);
}

/** How many distinct versions each mode draws from. */
const VERSION_COUNT: Record<string, number> = { huge: 200, wide: 900, narrow: 16 };

/** Version number v of a mode (0 ≤ v < VERSION_COUNT[mode]). */
function versionText(v: number, mode: string): string {
  if (mode === 'huge') {
    // components near 10^9: exact as doubles, but a packed major·10^18 + minor·10^9 + patch is not
    return `${1000000000 - (v % 2)}.${999999990 + (Math.floor(v / 2) % 10)}.${999999990 + Math.floor(v / 20)}`;
  }
  if (mode === 'wide') return `${v % 3}.${Math.floor(v / 3) % 25}.${Math.floor(v / 75)}`;
  // narrow: minors 8..11 so that string comparison (1.10 < 1.9) goes wrong, few patches -> many ties
  return `${1 + (v % 2)}.${8 + (Math.floor(v / 2) % 4)}.${Math.floor(v / 8)}`;
}

export function buildArgs(fn: string, spec: Spec): unknown[] {
  if (fn !== 'repairRegistry') throw new Error(`unknown entry ${fn}`);
  const n = spec.n;
  const seed = spec.seed ?? 1;
  const rand = makeLcg(seed);
  const salt = (seed * 7919) & 0xfffff;
  const mode = spec.versions ?? 'narrow';
  const pool = spec.checksums ?? 3;

  // One draw per record picks its (version, checksum) pair; each distinct string is built once (string building
  // and the LCG dominate the cost of a 1.6·10^4-record input).
  const nv = VERSION_COUNT[mode] ?? 16;
  const versions: string[] = [];
  for (let v = 0; v < nv; v++) versions.push(versionText(v, mode));
  const sums: string[] = [];
  for (let k = 0; k < pool; k++) sums.push('sha-' + k);
  const records: RegRec[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = rand(nv * pool);
    records[i] = {
      id: recordId(i, salt),
      version: versions[r % nv] as string,
      checksum: sums[Math.floor(r / nv)] as string,
    };
  }
  const id = (i: number): string => (records[i] as RegRec).id;

  const edges: Array<[string, string]> = [];
  const order = spec.order ?? 'forward';
  if (spec.kind === 'chain') {
    if (order === 'reversed') for (let i = 0; i + 1 < n; i++) edges.push([id(i + 1), id(i)]);
    else if (order === 'descending') for (let i = n - 2; i >= 0; i--) edges.push([id(i), id(i + 1)]);
    else for (let i = 0; i + 1 < n; i++) edges.push([id(i), id(i + 1)]);
  } else if (spec.kind === 'star') {
    if (order === 'reversed') for (let i = 1; i < n; i++) edges.push([id(i), id(0)]);
    else for (let i = 1; i < n; i++) edges.push([id(0), id(i)]);
  } else if (spec.kind === 'giant') {
    // member k is record 2k; it links to a random earlier member
    for (let k = 1; 2 * k < n; k++) {
      const j = rand(k);
      edges.push(rand(2) === 0 ? [id(2 * k), id(2 * j)] : [id(2 * j), id(2 * k)]);
    }
    for (let k = edges.length - 1; k > 0; k--) {
      const j = rand(k + 1);
      const t = edges[k] as [string, string];
      edges[k] = edges[j] as [string, string];
      edges[j] = t;
    }
  } else if (spec.kind === 'random') {
    const m = spec.m ?? n;
    const span = spec.span ?? 8;
    for (let k = 0; k < m; k++) {
      const a = rand(n);
      const b = Math.min(n - 1, a + rand(span + 1));
      edges.push(rand(2) === 0 ? [id(a), id(b)] : [id(b), id(a)]);
    }
  } else {
    throw new Error(`unknown spec kind ${String((spec as { kind: unknown }).kind)}`);
  }

  // Dangling edges: one or both endpoints unknown, inserted at pseudo-random positions.
  const dangling = spec.dangling ?? 0;
  for (let k = 0; k < dangling; k++) {
    const ghost = 'ghost-' + k;
    const r = rand(3);
    const e: [string, string] =
      n === 0 || r === 0 ? [ghost, 'ghost-x' + k] : r === 1 ? [id(rand(n)), ghost] : [ghost, id(rand(n))];
    const at = rand(edges.length + 1);
    edges.push(e);
    const t = edges[at] as [string, string];
    edges[at] = e;
    edges[edges.length - 1] = t;
  }
  return [records, edges];
}
