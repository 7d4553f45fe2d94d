/**
 * WRONG ANSWER: `capacity` has no default, and the routing tests `capacity === null` strictly, so an omitted
 * capacity (undefined) is used as a limit: `load < undefined` is false and every assignment is dropped.
 * Caught by sample "k = 2 by default; a tie between experts 1 and 2 goes to the lower id" (no capacity argument).
 */
export function route(gateLogits: number[][], k = 2, capacity?: number | null) {
  const T = gateLogits.length;
  if (T === 0) throw new Error('no tokens');
  const E = gateLogits[0]!.length;
  if (E === 0) throw new Error('no experts');
  for (const row of gateLogits) {
    if (row.length !== E) throw new Error('ragged rows');
    for (const x of row) if (!Number.isFinite(x)) throw new Error('non-finite logit');
  }
  if (!Number.isInteger(k) || k < 1 || k > E) throw new Error('bad k');
  if (capacity != null && (!Number.isInteger(capacity) || capacity < 0)) throw new Error('bad capacity');

  const ranked = gateLogits.map((row) => {
    const ids = row.map((_, e) => e).sort((a, b) => row[b]! - row[a]! || a - b).slice(0, k);
    const m = row[ids[0]!]!;
    const ex = ids.map((e) => Math.exp(row[e]! - m));
    const z = ex.reduce((s, v) => s + v, 0);
    return ids.map((e, r) => ({ e, w: ex[r]! / z, kept: false }));
  });
  const load: number[] = new Array(E).fill(0);
  for (let r = 0; r < k; r++) {
    for (const choices of ranked) {
      const c = choices[r]!;
      if (capacity === null || load[c.e]! < (capacity as number)) {
        load[c.e]!++;
        c.kept = true;
      }
    }
  }
  return {
    assignments: ranked.map((choices) => choices.filter((c) => c.kept).map((c) => [c.e, c.w] as [number, number])),
    load,
  };
}
