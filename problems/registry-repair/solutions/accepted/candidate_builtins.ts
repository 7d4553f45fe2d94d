// Accepted, style: leans on built-ins. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
interface RegRec { id: string; version: string; checksum: string }
interface Conflict { canonical: string; version: string; checksums: string[] }
interface RepairReport { canonical: string[]; conflicts: Conflict[]; danglingEdges: number }

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const semver = (v: string) => v.split('.').map(Number);
const cmpVer = (a: string, b: string) => {
  const [x, y] = [semver(a), semver(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

export function repairRegistry(records: RegRec[], sameAs: Array<[string, string]>): RepairReport {
  const idx = new Map(records.map((r, i) => [r.id, i]));
  if (idx.size !== records.length) throw new Error('duplicate id');

  const parent = Array.from(records, (_, i) => i);
  const size = new Array(records.length).fill(1);
  const find = (x: number) => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  let danglingEdges = 0;
  for (const [a, b] of sameAs) {
    if (!idx.has(a) || !idx.has(b)) {
      danglingEdges++;
      continue;
    }
    let [x, y] = [find(idx.get(a)!), find(idx.get(b)!)];
    if (x === y) continue;
    if (size[x] < size[y]) [x, y] = [y, x];
    parent[y] = x;
    size[x] += size[y];
  }

  const roots = parent.map((_, i) => find(i));
  const best = new Map<number, RegRec>();
  records.forEach((r, i) => {
    const b = best.get(roots[i]);
    if (!b || cmpVer(r.version, b.version) > 0 || (r.version === b.version && r.id < b.id)) best.set(roots[i], r);
  });
  const canonical = roots.map((r) => best.get(r)!.id);

  const groups = new Map<string, Set<string>>();
  records.forEach(({ version, checksum }, i) => {
    const key = canonical[i] + ' ' + version;
    groups.set(key, (groups.get(key) ?? new Set()).add(checksum));
  });
  const conflicts = [...groups]
    .filter(([, s]) => s.size > 1)
    .map(([key, s]) => {
      const [canonical, version] = key.split(' ');
      return { canonical, version, checksums: [...s].sort(cmp) };
    })
    .sort((a, b) => cmp(a.canonical, b.canonical) || cmpVer(a.version, b.version));
  return { canonical, conflicts, danglingEdges };
}
