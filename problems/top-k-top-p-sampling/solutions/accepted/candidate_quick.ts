// Accepted, style: written fast under time pressure: correct, not polished. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
export function filterProbs(
  logits: number[],
  temperature: number,
  topK: number,
  topP: number,
  minTokensToKeep = 1,
): number[] {
  const V = logits.length;
  const res: number[] = [];
  for (let i = 0; i < V; i++) res.push(0);
  if (temperature == 0) {
    let b = 0;
    for (let i = 0; i < V; i++) if (logits[i] > logits[b]) b = i;
    res[b] = 1;
    return res;
  }
  const s = logits.map((x) => x / temperature);
  let alive: number[] = [];
  for (let i = 0; i < V; i++) alive.push(i);

  if (topK > 0 && topK < V) {
    const k = Math.min(Math.max(topK, minTokensToKeep), V);
    const srt = [...s].sort((a, b) => b - a || 0); // -Inf - -Inf is NaN -> treat as equal
    const th = srt[k - 1];
    alive = alive.filter((i) => s[i] >= th);
  }
  alive = alive.filter((i) => s[i] != -Infinity);

  if (topP < 1) {
    let mx = -Infinity;
    for (const i of alive) mx = Math.max(mx, s[i]);
    let z = 0;
    for (const i of alive) z += Math.exp(s[i] - mx);
    const prob = (i: number) => Math.exp(s[i] - mx) / z;
    const sorted = [...alive].sort((a, b) => {
      const d = prob(b) - prob(a);
      if (d != 0) return d;
      return a - b;
    });
    let cum = 0;
    const kept: number[] = [];
    for (const i of sorted) {
      kept.push(i);
      cum += prob(i);
      if (cum >= topP && kept.length >= Math.min(minTokensToKeep, sorted.length)) break;
    }
    alive = kept;
  }

  let mx = -Infinity;
  for (const i of alive) mx = Math.max(mx, s[i]);
  let z = 0;
  for (const i of alive) z += Math.exp(s[i] - mx);
  for (const i of alive) res[i] = Math.exp(s[i] - mx) / z;
  return res;
}

export function sampleToken(
  logits: number[],
  temperature: number,
  topK: number,
  topP: number,
  u: number,
  minTokensToKeep = 1,
): number {
  const q = filterProbs(logits, temperature, topK, topP, minTokensToKeep);
  let c = 0;
  let last = 0;
  for (let i = 0; i < q.length; i++) {
    if (q[i] > 0) {
      c += q[i];
      if (u < c) return i;
      last = i;
    }
  }
  return last;
}
