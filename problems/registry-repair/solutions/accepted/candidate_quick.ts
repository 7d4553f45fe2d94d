// Accepted, style: written fast under time pressure: correct, not polished. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
interface RegRec { id: string; version: string; checksum: string }
interface Conflict { canonical: string; version: string; checksums: string[] }
interface RepairReport { canonical: string[]; conflicts: Conflict[]; danglingEdges: number }

function verCmp(a: string, b: string): number {
  const x = a.split('.'), y = b.split('.');
  for (let i = 0; i < 3; i++) {
    const d = parseInt(x[i]) - parseInt(y[i]);
    if (d != 0) return d;
  }
  return 0;
}

export function repairRegistry(records: RegRec[], sameAs: Array<[string, string]>): RepairReport {
  const n = records.length;
  const pos = new Map<string, number>();
  records.forEach((r, i) => {
    if (pos.has(r.id)) throw new Error('dup ' + r.id);
    pos.set(r.id, i);
  });
  const par: number[] = [], sz: number[] = [];
  for (let i = 0; i < n; i++) { par.push(i); sz.push(1); }
  // union by size keeps depth O(log n) so recursion is fine here
  function find(x: number): number {
    if (par[x] == x) return x;
    return (par[x] = find(par[x]));
  }
  let dangling = 0;
  for (const e of sameAs) {
    const a = pos.get(e[0]), b = pos.get(e[1]);
    if (a === undefined || b === undefined) { dangling++; continue; }
    let ra = find(a), rb = find(b);
    if (ra == rb) continue;
    if (sz[ra] < sz[rb]) { const t = ra; ra = rb; rb = t; }
    par[rb] = ra;
    sz[ra] += sz[rb];
  }
  const best: Record<number, number> = {};
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (best[r] === undefined) { best[r] = i; continue; }
    const b = records[best[r]];
    const c = verCmp(records[i].version, b.version);
    if (c > 0 || (c == 0 && records[i].id < b.id)) best[r] = i;
  }
  const canonical = records.map((_, i) => records[best[find(i)]].id);

  const g = new Map<string, { can: string; ver: string; cs: Set<string> }>();
  for (let i = 0; i < n; i++) {
    const k = canonical[i] + '|' + records[i].version;
    let e = g.get(k);
    if (!e) { e = { can: canonical[i], ver: records[i].version, cs: new Set() }; g.set(k, e); }
    e.cs.add(records[i].checksum);
  }
  const conflicts: Conflict[] = [];
  for (const e of g.values()) {
    if (e.cs.size >= 2) conflicts.push({ canonical: e.can, version: e.ver, checksums: [...e.cs].sort() });
  }
  conflicts.sort((a, b) => {
    if (a.canonical != b.canonical) return a.canonical < b.canonical ? -1 : 1;
    return verCmp(a.version, b.version);
  });
  return { canonical, conflicts, danglingEdges: dangling };
}
