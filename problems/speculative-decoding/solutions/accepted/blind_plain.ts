// Accepted, style: plain loops and arrays. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
export interface SpeculativeResult {
  accepted: number;
  tokens: number[];
}

function sampleFrom(dist: number[], u: number): number {
  let c = 0;
  for (let j = 0; j < dist.length; j++) {
    c += dist[j];
    if (u < c) return j;
  }
  for (let j = dist.length - 1; j >= 0; j--) {
    if (dist[j] > 0) return j;
  }
  throw new Error('distribution has no positive entry');
}

function inUnit(v: number): boolean {
  return typeof v === 'number' && v >= 0 && v < 1;
}

function checkRow(row: number[], V: number): void {
  if (!Array.isArray(row) || row.length !== V) throw new Error('row length mismatch');
  for (let j = 0; j < V; j++) {
    const v = row[j];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error('probability out of [0, 1]');
  }
}

export function speculativeAccept(draft: number[], q: number[][], p: number[][], r: number[], u: number): SpeculativeResult {
  const gamma = draft.length;
  if (q.length !== gamma || p.length !== gamma + 1 || r.length !== gamma) {
    throw new Error('wrong number of rows');
  }
  const V = p[0].length;
  if (V < 1) throw new Error('empty vocabulary');
  for (let i = 0; i < gamma; i++) checkRow(q[i], V);
  for (let i = 0; i <= gamma; i++) {
    checkRow(p[i], V);
    let positive = false;
    for (let j = 0; j < V; j++) {
      if (p[i][j] > 0) { positive = true; break; }
    }
    if (!positive) throw new Error('p row has no positive entry');
  }
  for (let i = 0; i < gamma; i++) {
    const x = draft[i];
    if (!Number.isInteger(x) || x < 0 || x >= V) throw new Error('bad draft token');
    if (q[i][x] === 0) throw new Error('draft token has zero draft probability');
    if (!inUnit(r[i])) throw new Error('r out of [0, 1)');
  }
  if (!inUnit(u)) throw new Error('u out of [0, 1)');

  let n = 0;
  while (n < gamma) {
    const x = draft[n];
    if (r[n] <= p[n][x] / q[n][x]) n++;
    else break;
  }

  let dist: number[];
  if (n < gamma) {
    const w: number[] = new Array(V);
    let S = 0;
    for (let j = 0; j < V; j++) {
      const d = p[n][j] - q[n][j];
      w[j] = d > 0 ? d : 0;
      S += w[j];
    }
    if (S > 0) {
      for (let j = 0; j < V; j++) w[j] = w[j] / S;
      dist = w;
    } else {
      dist = p[n];
    }
  } else {
    dist = p[gamma];
  }

  const tokens: number[] = [];
  for (let i = 0; i < n; i++) tokens.push(draft[i]);
  tokens.push(sampleFrom(dist, u));
  return { accepted: n, tokens };
}
