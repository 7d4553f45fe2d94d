// Accepted: union-find (union by size, path halving), then ONE sort of all records by (class, version
// descending, id) with a comparator that parses both version strings on every comparison. After the sort each
// class is a run whose first record is the canonical one, and each (class, version) is a sub-run whose checksums
// are collected into a Set. O(n log n) comparisons, each splitting two version strings: several times slower than
// the reference, but the same complexity class, so the budgets (3x the slowest accepted) must leave it room.

interface RegRec { id: string; version: string; checksum: string }
interface Conflict { canonical: string; version: string; checksums: string[] }

function parseVersion(v: string): number[] {
  return v.split('.').map(Number);
}

/** Negative if version a < version b, numerically, component by component. */
function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  for (let i = 0; i < 3; i++) {
    if (x[i] !== y[i]) return x[i] - y[i];
  }
  return 0;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function repairRegistry(
  records: RegRec[],
  sameAs: Array<[string, string]>,
): { canonical: string[]; conflicts: Conflict[]; danglingEdges: number } {
  const n = records.length;
  const index = new Map<string, number>();
  records.forEach((r, i) => {
    if (index.has(r.id)) throw new Error(`duplicate id ${r.id}`);
    index.set(r.id, i);
  });

  const parent = records.map((_, i) => i);
  const size = new Array<number>(n).fill(1);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };

  let danglingEdges = 0;
  for (const [a, b] of sameAs) {
    const ia = index.get(a);
    const ib = index.get(b);
    if (ia === undefined || ib === undefined) {
      danglingEdges++;
      continue;
    }
    let ra = find(ia);
    let rb = find(ib);
    if (ra === rb) continue;
    if (size[ra] < size[rb]) [ra, rb] = [rb, ra];
    parent[rb] = ra;
    size[ra] += size[rb];
  }

  const root = records.map((_, i) => find(i));
  const order = records.map((_, i) => i);
  // By class, then highest version first, then smallest id: the canonical record leads its class.
  order.sort(
    (i, j) =>
      root[i] - root[j] ||
      compareVersions(records[j].version, records[i].version) ||
      compareIds(records[i].id, records[j].id),
  );

  const canonical = new Array<string>(n);
  const conflicts: Conflict[] = [];
  let start = 0;
  while (start < n) {
    const r = root[order[start]];
    const canon = records[order[start]].id;
    let end = start;
    while (end < n && root[order[end]] === r) {
      canonical[order[end]] = canon;
      end++;
    }
    // Within the class, equal versions are adjacent (no leading zeros: equal strings <=> equal versions).
    for (let a = start; a < end; ) {
      const version = records[order[a]].version;
      const sums = new Set<string>();
      let b = a;
      while (b < end && records[order[b]].version === version) {
        sums.add(records[order[b]].checksum);
        b++;
      }
      if (sums.size >= 2) conflicts.push({ canonical: canon, version, checksums: [...sums].sort(compareIds) });
      a = b;
    }
    start = end;
  }

  conflicts.sort((x, y) => compareIds(x.canonical, y.canonical) || compareVersions(x.version, y.version));
  return { canonical, conflicts, danglingEdges };
}
