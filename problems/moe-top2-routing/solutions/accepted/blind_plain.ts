// Accepted, style: plain loops and arrays. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
export function route(
  gateLogits: number[][],
  k: number = 2,
  capacity: number | null = null,
): { assignments: Array<Array<[expert: number, weight: number]>>; load: number[] } {
  const T = gateLogits.length;
  if (T === 0) throw new Error('no tokens');
  const E = gateLogits[0].length;
  if (E === 0) throw new Error('no experts');
  for (let t = 0; t < T; t++) {
    const row = gateLogits[t];
    if (row.length !== E) throw new Error('row ' + t + ' has the wrong length');
    for (let e = 0; e < E; e++) {
      if (!Number.isFinite(row[e])) throw new Error('logit not finite at ' + t + ',' + e);
    }
  }
  if (!Number.isInteger(k) || k < 1 || k > E) throw new Error('bad k');
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0)) throw new Error('bad capacity');

  // selection: for each token, k best experts by logit desc, id asc (selection by repeated scan)
  const chosen: number[][] = new Array(T);
  const weights: number[][] = new Array(T);
  const used: boolean[] = new Array(E);
  for (let t = 0; t < T; t++) {
    const row = gateLogits[t];
    for (let e = 0; e < E; e++) used[e] = false;
    const sel: number[] = new Array(k);
    for (let r = 0; r < k; r++) {
      let best = -1;
      for (let e = 0; e < E; e++) {
        if (used[e]) continue;
        if (best === -1 || row[e] > row[best]) best = e; // strict > keeps the lower id on ties
      }
      used[best] = true;
      sel[r] = best;
    }
    const top = row[sel[0]];
    const w: number[] = new Array(k);
    let sum = 0;
    for (let r = 0; r < k; r++) {
      w[r] = Math.exp(row[sel[r]] - top);
      sum += w[r];
    }
    for (let r = 0; r < k; r++) w[r] = w[r] / sum;
    chosen[t] = sel;
    weights[t] = w;
  }

  // capacity: visit rank by rank, token by token
  const load: number[] = new Array(E);
  for (let e = 0; e < E; e++) load[e] = 0;
  const kept: boolean[][] = new Array(T);
  for (let t = 0; t < T; t++) {
    kept[t] = new Array(k);
    for (let r = 0; r < k; r++) kept[t][r] = false;
  }
  for (let r = 0; r < k; r++) {
    for (let t = 0; t < T; t++) {
      const e = chosen[t][r];
      if (capacity === null || load[e] < capacity) {
        load[e]++;
        kept[t][r] = true;
      }
    }
  }

  const assignments: Array<Array<[number, number]>> = new Array(T);
  for (let t = 0; t < T; t++) {
    const list: Array<[number, number]> = [];
    for (let r = 0; r < k; r++) {
      if (kept[t][r]) list.push([chosen[t][r], weights[t][r]]);
    }
    assignments[t] = list;
  }
  return { assignments, load };
}
