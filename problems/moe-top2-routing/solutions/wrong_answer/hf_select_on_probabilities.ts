/**
 * WRONG ANSWER: the Hugging Face Mixtral order: softmax over all E experts first, then top-k on the
 * probabilities (ties to the lower id), then renormalise. Probabilities that underflow to exactly 0 tie, and the
 * tie goes by id: for [0, -800, -900, -760] it picks expert 1 instead of expert 3 (logit -760).
 * Caught by sample "selection is on logits: a gap over 745 underflows the weight to 0, but the assignment stays".
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
    const mx = Math.max(...row);
    const ex = row.map((x) => Math.exp(x - mx));
    const zAll = ex.reduce((s, v) => s + v, 0);
    const probs = ex.map((v) => v / zAll);
    const ids = row.map((_, e) => e).sort((a, b) => probs[b]! - probs[a]! || a - b).slice(0, k);
    const kept = ids.reduce((s, e) => s + probs[e]!, 0);
    const ws = ids.map((e) => probs[e]! / kept);
    experts.push(ids);
    weights.push(ws);
  }

  const load: number[] = new Array(E).fill(0);
  const keep: boolean[][] = experts.map((ids) => ids.map(() => false));
  for (let r = 0; r < k; r++) {
    for (let t = 0; t < T; t++) {
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
