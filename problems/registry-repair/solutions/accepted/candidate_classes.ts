// Accepted, style: class-based. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
interface RegRec { id: string; version: string; checksum: string }
interface Conflict { canonical: string; version: string; checksums: string[] }
interface RepairReport { canonical: string[]; conflicts: Conflict[]; danglingEdges: number }

class UnionFind {
  private parent: Int32Array;
  private rank: Uint8Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.rank = new Uint8Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]]; // path halving
      x = p[x];
    }
    return x;
  }

  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if (this.rank[ra] < this.rank[rb]) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    if (this.rank[ra] === this.rank[rb]) this.rank[ra]++;
    return true;
  }
}

class SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;

  constructor(readonly raw: string) {
    const parts = raw.split('.');
    this.major = parseInt(parts[0], 10);
    this.minor = parseInt(parts[1], 10);
    this.patch = parseInt(parts[2], 10);
  }

  compare(o: SemVer): number {
    if (this.major !== o.major) return this.major < o.major ? -1 : 1;
    if (this.minor !== o.minor) return this.minor < o.minor ? -1 : 1;
    if (this.patch !== o.patch) return this.patch < o.patch ? -1 : 1;
    return 0;
  }
}

class VersionGroup {
  private first: string;
  private distinct: Set<string> | null = null;

  constructor(
    readonly version: SemVer,
    checksum: string,
  ) {
    this.first = checksum;
  }

  add(checksum: string): void {
    if (this.distinct) this.distinct.add(checksum);
    else if (checksum !== this.first) this.distinct = new Set([this.first, checksum]);
  }

  isConflict(): boolean {
    return this.distinct !== null;
  }

  sortedChecksums(): string[] {
    const out = this.distinct ? Array.from(this.distinct) : [this.first];
    return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

class RegistryClass {
  best = -1;
  private groups = new Map<string, VersionGroup>();

  add(i: number, rec: RegRec, ver: SemVer, records: RegRec[], vers: SemVer[]): void {
    if (this.best < 0) {
      this.best = i;
    } else {
      const c = ver.compare(vers[this.best]);
      if (c > 0 || (c === 0 && rec.id < records[this.best].id)) this.best = i;
    }
    const g = this.groups.get(ver.raw);
    if (g) g.add(rec.checksum);
    else this.groups.set(ver.raw, new VersionGroup(ver, rec.checksum));
  }

  conflictGroups(): VersionGroup[] {
    const out: VersionGroup[] = [];
    for (const g of this.groups.values()) if (g.isConflict()) out.push(g);
    return out;
  }
}

class Registry {
  private readonly index = new Map<string, number>();
  private readonly uf: UnionFind;
  private readonly versions: SemVer[];
  private dangling = 0;

  constructor(private readonly records: RegRec[]) {
    records.forEach((r, i) => {
      if (this.index.has(r.id)) throw new Error(`duplicate id "${r.id}"`);
      this.index.set(r.id, i);
    });
    this.uf = new UnionFind(records.length);
    this.versions = records.map((r) => new SemVer(r.version));
  }

  link(a: string, b: string): void {
    const ia = this.index.get(a);
    const ib = this.index.get(b);
    if (ia === undefined || ib === undefined) this.dangling++;
    else this.uf.union(ia, ib);
  }

  report(): RepairReport {
    const n = this.records.length;
    const roots = new Int32Array(n);
    const classes = new Map<number, RegistryClass>();
    for (let i = 0; i < n; i++) {
      const r = this.uf.find(i);
      roots[i] = r;
      let cls = classes.get(r);
      if (!cls) classes.set(r, (cls = new RegistryClass()));
      cls.add(i, this.records[i], this.versions[i], this.records, this.versions);
    }
    const canonical: string[] = new Array(n);
    for (let i = 0; i < n; i++) canonical[i] = this.records[classes.get(roots[i])!.best].id;

    const found: Array<{ canonical: string; group: VersionGroup }> = [];
    for (const cls of classes.values()) {
      const id = this.records[cls.best].id;
      for (const g of cls.conflictGroups()) found.push({ canonical: id, group: g });
    }
    found.sort((x, y) =>
      x.canonical !== y.canonical ? (x.canonical < y.canonical ? -1 : 1) : x.group.version.compare(y.group.version),
    );
    const conflicts = found.map(({ canonical, group }) => ({
      canonical,
      version: group.version.raw,
      checksums: group.sortedChecksums(),
    }));
    return { canonical, conflicts, danglingEdges: this.dangling };
  }
}

export function repairRegistry(records: RegRec[], sameAs: Array<[string, string]>): RepairReport {
  const reg = new Registry(records);
  for (const [a, b] of sameAs) reg.link(a, b);
  return reg.report();
}
