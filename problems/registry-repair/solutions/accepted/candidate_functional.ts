// Accepted, style: map/filter/reduce, spread, destructuring, export const entries. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
interface RegRec { id: string; version: string; checksum: string }
interface Conflict { canonical: string; version: string; checksums: string[] }
interface RepairReport { canonical: string[]; conflicts: Conflict[]; danglingEdges: number }

type Ver = [number, number, number];

const parseVer = (v: string): Ver => {
  const [a, b, c] = v.split('.').map(Number);
  return [a, b, c];
};

const cmpVer = (x: Ver, y: Ver): number => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const indexIds = (records: RegRec[]): Map<string, number> =>
  records.reduce((m, { id }, i) => {
    if (m.has(id)) throw new Error(`duplicate id ${id}`);
    return m.set(id, i);
  }, new Map<string, number>());

const makeDsu = (n: number) => {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const size = new Int32Array(n).fill(1);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r];
    // path compression, second pass
    while (parent[x] !== r) {
      const next = parent[x];
      parent[x] = r;
      x = next;
    }
    return r;
  };
  const union = (a: number, b: number): void => {
    const [big, small] = [find(a), find(b)].sort((x, y) => size[y] - size[x]);
    if (big === small) return;
    parent[small] = big;
    size[big] += size[small];
  };
  return { find, union };
};

export const repairRegistry = (records: RegRec[], sameAs: Array<[string, string]>): RepairReport => {
  const ids = indexIds(records);
  const { find, union } = makeDsu(records.length);

  const danglingEdges = sameAs.reduce((dangling, [a, b]) => {
    const [ia, ib] = [ids.get(a), ids.get(b)];
    if (ia === undefined || ib === undefined) return dangling + 1;
    union(ia, ib);
    return dangling;
  }, 0);

  const vers = records.map(({ version }) => parseVer(version));
  const roots = records.map((_, i) => find(i));

  const better = (i: number, j: number): boolean => {
    const c = cmpVer(vers[i], vers[j]);
    return c > 0 || (c === 0 && records[i].id < records[j].id);
  };
  const bestOf = roots.reduce(
    (m, r, i) => (m.has(r) && !better(i, m.get(r)!) ? m : m.set(r, i)),
    new Map<number, number>(),
  );
  const canonical = roots.map((r) => records[bestOf.get(r)!].id);

  // (root, version) -> { rep, distinct checksums }
  const groups = records.reduce((m, { version, checksum }, i) => {
    const key = `${roots[i]} ${version}`;
    const g = m.get(key);
    if (g) g.sums.add(checksum);
    else m.set(key, { root: roots[i], rep: i, sums: new Set([checksum]) });
    return m;
  }, new Map<string, { root: number; rep: number; sums: Set<string> }>());

  const conflicts = [...groups.values()]
    .filter(({ sums }) => sums.size >= 2)
    .map(({ root, rep, sums }) => ({ canonical: canonical[root], rep, sums }))
    .sort((x, y) => cmpStr(x.canonical, y.canonical) || cmpVer(vers[x.rep], vers[y.rep]))
    .map(({ canonical, rep, sums }) => ({
      canonical,
      version: records[rep].version,
      checksums: [...sums].sort(cmpStr),
    }));

  return { canonical, conflicts, danglingEdges };
};
