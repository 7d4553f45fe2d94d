/**
 * Accepted: plain loops. The top-k is found by k passes of argmax over the experts not yet taken (O(T·k·E));
 * a strict `>` keeps the lowest id among equal logits. Capacity uses a per-expert counter, rank by rank.
 */
function route(gateLogits: number[][], k?: number, capacity?: number | null) {
  if (k === undefined) k = 2;
  if (capacity === undefined) capacity = null;
  const T = gateLogits.length;
  if (T === 0) throw new Error('no tokens');
  const E = gateLogits[0].length;
  if (E === 0) throw new Error('no experts');
  for (let t = 0; t < T; t++) {
    if (gateLogits[t].length !== E) throw new Error('ragged gate logits');
    for (let e = 0; e < E; e++) {
      const x = gateLogits[t][e];
      if (typeof x !== 'number' || x !== x || x === Infinity || x === -Infinity) throw new Error('non-finite logit');
    }
  }
  if (Math.floor(k) !== k || k < 1 || k > E) throw new Error('bad k');
  if (capacity !== null && (Math.floor(capacity) !== capacity || capacity < 0)) throw new Error('bad capacity');

  const chosen: number[][] = [];
  const gates: number[][] = [];
  for (let t = 0; t < T; t++) {
    const row = gateLogits[t];
    const taken: boolean[] = [];
    for (let e = 0; e < E; e++) taken.push(false);
    const ids: number[] = [];
    for (let r = 0; r < k; r++) {
      let best = -1;
      for (let e = 0; e < E; e++) {
        if (taken[e]) continue;
        if (best === -1 || row[e] > row[best]) best = e;
      }
      taken[best] = true;
      ids.push(best);
    }
    const top = row[ids[0]];
    const ex: number[] = [];
    let sum = 0;
    for (let r = 0; r < k; r++) {
      ex.push(Math.exp(row[ids[r]] - top));
      sum += ex[r];
    }
    for (let r = 0; r < k; r++) ex[r] = ex[r] / sum;
    chosen.push(ids);
    gates.push(ex);
  }

  const load: number[] = [];
  for (let e = 0; e < E; e++) load.push(0);
  const keep: boolean[][] = [];
  for (let t = 0; t < T; t++) keep.push([]);
  for (let r = 0; r < k; r++) {
    for (let t = 0; t < T; t++) {
      const e = chosen[t][r];
      if (capacity === null || load[e] < capacity) {
        load[e] = load[e] + 1;
        keep[t][r] = true;
      } else {
        keep[t][r] = false;
      }
    }
  }
  const assignments: Array<Array<[number, number]>> = [];
  for (let t = 0; t < T; t++) {
    const list: Array<[number, number]> = [];
    for (let r = 0; r < k; r++) {
      if (keep[t][r]) list.push([chosen[t][r], gates[t][r]]);
    }
    assignments.push(list);
  }
  return { assignments, load };
}
