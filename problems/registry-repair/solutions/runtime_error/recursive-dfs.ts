// RUNTIME ERROR: finds the classes with a recursive DFS; on a path of 1.6·10^4 records the recursion is
// 1.6·10^4 deep (the stack holds about 10,900 frames): stack overflow.
// Caught by edge tests "a long path given in order (i, i+1)" and "a long path with reversed edges (i+1, i)".

interface RegRec { id: string; version: string; checksum: string }
interface Conflict { canonical: string; version: string; checksums: string[] }

/** A key whose string order is the version's numeric order: each component padded to 10 digits. */
function versionKey(v: string): string {
  return v
    .split('.')
    .map((c) => c.padStart(10, '0'))
    .join('.');
}

export function repairRegistry(
  records: RegRec[],
  sameAs: Array<[string, string]>,
): { canonical: string[]; conflicts: Conflict[]; danglingEdges: number } {
  const n = records.length;
  const indexOf = new Map<string, number>();
  records.forEach((r, i) => {
    if (indexOf.has(r.id)) throw new Error(`duplicate id ${r.id}`);
    indexOf.set(r.id, i);
  });

  const adj: number[][] = Array.from({ length: n }, () => []);
  let danglingEdges = 0;
  for (const [a, b] of sameAs) {
    const ia = indexOf.get(a);
    const ib = indexOf.get(b);
    if (ia === undefined || ib === undefined) {
      danglingEdges++;
      continue;
    }
    adj[ia].push(ib);
    adj[ib].push(ia);
  }

  const key = records.map((r) => versionKey(r.version));
  const canonical = new Array<string>(n);
  const seen = new Uint8Array(n);
  const conflicts: Conflict[] = [];
  for (let s = 0; s < n; s++) {
    if (seen[s]) continue;
    const members: number[] = [];
    const visit = (u: number): void => {
      seen[u] = 1;
      members.push(u);
      for (const v of adj[u]) if (!seen[v]) visit(v);
    };
    visit(s);

    let best = s;
    for (const i of members) {
      if (key[i] > key[best] || (key[i] === key[best] && records[i].id < records[best].id)) best = i;
    }
    const canon = records[best].id;
    for (const i of members) canonical[i] = canon;

    if (members.length < 2) continue;
    members.sort((i, j) => {
      if (key[i] !== key[j]) return key[i] < key[j] ? -1 : 1;
      const x = records[i].checksum;
      const y = records[j].checksum;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    for (let lo = 0; lo < members.length; ) {
      let hi = lo + 1;
      const version = records[members[lo]].version;
      const sums = [records[members[lo]].checksum];
      while (hi < members.length && records[members[hi]].version === version) {
        const sum = records[members[hi]].checksum;
        if (sum !== sums[sums.length - 1]) sums.push(sum);
        hi++;
      }
      if (sums.length >= 2) conflicts.push({ canonical: canon, version, checksums: sums });
      lo = hi;
    }
  }

  // Within one class the conflicts were produced in version order, and a stable sort keeps it.
  conflicts.sort((p, q) => (p.canonical < q.canonical ? -1 : p.canonical > q.canonical ? 1 : 0));
  return { canonical, conflicts, danglingEdges };
}
