// WRONG ANSWER: orders ids and checksums with localeCompare instead of `<`. Correct otherwise (the reference with
// localeCompare in the three string orders: the canonical id tie-break, the checksums, the conflict list).
// localeCompare is a collation ('a' < 'B', 'p' < 'P'), not the code-unit order the statement asks for.
// Caught by edge test "conflicts sorted by canonical id, not input order" (ids 'B' and 'a', 'P' and 'p').

interface RegRec { id: string; version: string; checksum: string }
interface Conflict { canonical: string; version: string; checksums: string[] }

type Version = readonly [number, number, number];

/** Parses `MAJOR.MINOR.PATCH` into numbers (each at most 10^9, so exact as doubles). */
function parseVersion(v: string): Version {
  const [a, b, c] = v.split('.');
  return [Number(a), Number(b), Number(c)];
}

/** SemVer precedence without pre-release tags: numeric, component by component. */
function compareVersions(x: Version, y: Version): number {
  for (let k = 0; k < 3; k++) {
    if (x[k] !== y[k]) return x[k] < y[k] ? -1 : 1;
  }
  return 0;
}

export function repairRegistry(
  records: RegRec[],
  sameAs: Array<[string, string]>,
): { canonical: string[]; conflicts: Conflict[]; danglingEdges: number } {
  const n = records.length;

  // 1. Index the ids; a repeated id is an invalid registry.
  const indexOf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = records[i].id;
    if (indexOf.has(id)) throw new Error(`duplicate id: ${id}`);
    indexOf.set(id, i);
  }

  // 2. Union-find over record indices. Both halves are needed for the bound: union by size keeps trees
  //    O(log n) deep, path halving flattens them; `find` is a loop, so a long chain cannot overflow the stack.
  const parent = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };

  let danglingEdges = 0;
  for (let e = 0; e < sameAs.length; e++) {
    const ia = indexOf.get(sameAs[e][0]);
    const ib = indexOf.get(sameAs[e][1]);
    if (ia === undefined || ib === undefined) {
      danglingEdges++; // not applied; counted once even if both endpoints are unknown
      continue;
    }
    let ra = find(ia);
    let rb = find(ib);
    if (ra === rb) continue; // self-loop, duplicate or redundant edge
    if (size[ra] < size[rb]) [ra, rb] = [rb, ra];
    parent[rb] = ra;
    size[ra] += size[rb];
  }

  // 3. Canonical record per class: highest version, ties to the smallest id (JS string order).
  // Registries repeat a few versions many times: parse each distinct string once.
  const parsed = new Map<string, Version>();
  const versions = new Array<Version>(n);
  for (let i = 0; i < n; i++) {
    const v = records[i].version;
    let p = parsed.get(v);
    if (p === undefined) parsed.set(v, (p = parseVersion(v)));
    versions[i] = p;
  }
  const root = new Int32Array(n);
  const best = new Int32Array(n).fill(-1); // best[r] = index of the canonical record of root r's class
  for (let i = 0; i < n; i++) {
    const r = find(i);
    root[i] = r;
    const b = best[r];
    if (b < 0) {
      best[r] = i;
      continue;
    }
    const c = compareVersions(versions[i], versions[b]);
    if (c > 0 || (c === 0 && records[i].id.localeCompare(records[b].id) < 0)) best[r] = i;
  }
  const canonical = new Array<string>(n);
  for (let i = 0; i < n; i++) canonical[i] = records[best[root[i]]].id;

  // 4. Group checksums by (class, version). Versions have no leading zeros, so equal strings <=> equal
  //    versions and the version string itself can be part of the key.
  //    A group keeps its first record; a Set of checksums is only built once a second checksum shows up.
  const firstOf = new Map<string, number>();
  const clashing = new Map<string, { first: number; checksums: Set<string> }>();
  for (let i = 0; i < n; i++) {
    const key = root[i] + '/' + records[i].version;
    const first = firstOf.get(key);
    if (first === undefined) {
      firstOf.set(key, i);
      continue;
    }
    const sum = records[i].checksum;
    const g = clashing.get(key);
    if (g !== undefined) g.checksums.add(sum);
    else if (sum !== records[first].checksum) {
      clashing.set(key, { first, checksums: new Set([records[first].checksum, sum]) });
    }
  }

  const found: Array<{ conflict: Conflict; version: Version }> = [];
  for (const { first, checksums } of clashing.values()) {
    found.push({
      conflict: {
        canonical: canonical[first],
        version: records[first].version,
        checksums: [...checksums].sort((p, q) => p.localeCompare(q)),
      },
      version: versions[first],
    });
  }
  found.sort((x, y) => {
    const a = x.conflict.canonical;
    const b = y.conflict.canonical;
    return a.localeCompare(b) || compareVersions(x.version, y.version);
  });

  return { canonical, conflicts: found.map((f) => f.conflict), danglingEdges };
}
