/**
 * WRONG ANSWER: fills the capacity token by token (all of token 0's choices, then token 1's, ...) instead of
 * rank by rank, so an early token's second choice takes a slot a later token's first choice needed.
 * Caught by sample "capacity is filled rank by rank, not token by token": token 0 keeps both experts and
 * token 1 gets nothing.
 */
export function route(gateLogits: number[][], k: number = 2, capacity: number | null = null) {
  const T = gateLogits.length;
  if (T === 0) throw new Error('no tokens');
  const E = gateLogits[0]!.length;
  if (E === 0) throw new Error('no experts');
  for (const row of gateLogits) {
    if (row.length !== E) throw new Error('ragged rows');
    for (const x of row) if (!Number.isFinite(x)) throw new Error('non-finite logit');
  }
  if (!Number.isInteger(k) || k < 1 || k > E) throw new Error('bad k');
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0)) throw new Error('bad capacity');

  // ranked choices of every token
  const experts: number[][] = [];
  const weights: number[][] = [];
  for (const row of gateLogits) {
    const ids = row.map((_, e) => e).sort((a, b) => row[b]! - row[a]! || a - b).slice(0, k);
    const m = row[ids[0]!]!;
    const ex = ids.map((e) => Math.exp(row[e]! - m));
    const z = ex.reduce((s, v) => s + v, 0);
    const ws = ex.map((v) => v / z);
    experts.push(ids);
    weights.push(ws);
  }

  const load: number[] = new Array(E).fill(0);
  const keep: boolean[][] = experts.map((ids) => ids.map(() => false));
  for (let t = 0; t < T; t++) {
    for (let r = 0; r < k; r++) {
      const e = experts[t]![r]!;
      if (capacity === null || load[e]! < capacity) {
        load[e]!++;
        keep[t]![r] = true;
      }
    }
  }
  const assignments = experts.map((ids, t) =>
    ids.flatMap((e, r) => (keep[t]![r] ? [[e, weights[t]![r]!] as [number, number]] : [])),
  );
  return { assignments, load };
}
