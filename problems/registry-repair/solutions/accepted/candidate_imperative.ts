// Accepted, style: plain loops and arrays. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
interface RegRec { id: string; version: string; checksum: string }
interface Conflict { canonical: string; version: string; checksums: string[] }
interface RepairReport { canonical: string[]; conflicts: Conflict[]; danglingEdges: number }

function parseVersion(v: string, out: Float64Array, at: number): void {
  let part = 0;
  let cur = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 46) {
      out[at + part] = cur;
      part++;
      cur = 0;
    } else {
      cur = cur * 10 + (c - 48);
    }
  }
  out[at + part] = cur;
}

function cmpVer(ver: Float64Array, a: number, b: number): number {
  for (let t = 0; t < 3; t++) {
    const x = ver[3 * a + t];
    const y = ver[3 * b + t];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function repairRegistry(records: RegRec[], sameAs: Array<[string, string]>): RepairReport {
  const n = records.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = records[i].id;
    if (index.has(id)) throw new Error('duplicate id: ' + id);
    index.set(id, i);
  }

  // union-find: union by size, path halving
  const parent = new Int32Array(n);
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    parent[i] = i;
    size[i] = 1;
  }
  function find(x: number): number {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  let dangling = 0;
  for (let e = 0; e < sameAs.length; e++) {
    const a = index.get(sameAs[e][0]);
    const b = index.get(sameAs[e][1]);
    if (a === undefined || b === undefined) {
      dangling++;
      continue;
    }
    let ra = find(a);
    let rb = find(b);
    if (ra === rb) continue;
    if (size[ra] < size[rb]) {
      const t = ra;
      ra = rb;
      rb = t;
    }
    parent[rb] = ra;
    size[ra] += size[rb];
  }

  const ver = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) parseVersion(records[i].version, ver, 3 * i);

  // best record per root
  const root = new Int32Array(n);
  const best = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = find(i);
    root[i] = r;
    const b = best[r];
    if (b === -1) {
      best[r] = i;
    } else {
      const c = cmpVer(ver, i, b);
      if (c > 0 || (c === 0 && records[i].id < records[b].id)) best[r] = i;
    }
  }

  const canonical: string[] = new Array(n);
  for (let i = 0; i < n; i++) canonical[i] = records[best[root[i]]].id;

  // group records by class with linked lists (head per root, next per record)
  const head = new Int32Array(n).fill(-1);
  const next = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const r = root[i];
    next[i] = head[r];
    head[r] = i;
  }

  type Found = { canonical: string; version: string; rep: number; checksums: Set<string> };
  const found: Found[] = [];
  // per class: version -> first checksum seen, or the set of distinct checksums once there are 2+
  const byVersion = new Map<string, string | Set<string>>();
  const reps = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    if (head[r] === -1 || size[r] < 2) continue;
    byVersion.clear();
    reps.clear();
    for (let i = head[r]; i !== -1; i = next[i]) {
      const v = records[i].version;
      const cs = records[i].checksum;
      const cur = byVersion.get(v);
      if (cur === undefined) {
        byVersion.set(v, cs);
        reps.set(v, i);
      } else if (typeof cur === 'string') {
        if (cur !== cs) byVersion.set(v, new Set([cur, cs]));
      } else {
        cur.add(cs);
      }
    }
    for (const [v, cur] of byVersion) {
      if (typeof cur !== 'string') {
        found.push({ canonical: canonical[r], version: v, rep: reps.get(v)!, checksums: cur });
      }
    }
  }
  found.sort((x, y) => {
    if (x.canonical !== y.canonical) return x.canonical < y.canonical ? -1 : 1;
    return cmpVer(ver, x.rep, y.rep);
  });

  const conflicts: Conflict[] = new Array(found.length);
  for (let i = 0; i < found.length; i++) {
    const cs = Array.from(found[i].checksums);
    cs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    conflicts[i] = { canonical: found[i].canonical, version: found[i].version, checksums: cs };
  }
  return { canonical, conflicts, danglingEdges: dangling };
}
