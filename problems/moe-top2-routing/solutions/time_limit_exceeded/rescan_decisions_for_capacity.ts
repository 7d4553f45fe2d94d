/**
 * TIME LIMIT EXCEEDED: correct answers, but the capacity check recounts an expert's load by scanning the list of
 * every decision made so far (one loop over up to T·k entries for each of the T·k assignments: O((T·k)^2)),
 * instead of keeping a counter per expert. Caught by "T=512, E=8, every expert ranked (k = E), integer ties,
 * C=400" (4096 assignments, about 8·10^6 loop iterations).
 */
export function route(gateLogits: number[][], k: number = 2, capacity: number | null = null) {
  const T = gateLogits.length;
  if (T === 0) throw new Error('no tokens');
  const E = gateLogits[0]!.length;
  if (E === 0) throw new Error('no experts');
  for (const row of gateLogits) {
    if (row.length !== E) throw new Error('ragged');
    for (const x of row) if (!Number.isFinite(x)) throw new Error('non-finite');
  }
  if (!Number.isInteger(k) || k < 1 || k > E) throw new Error('bad k');
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0)) throw new Error('bad capacity');

  const experts: number[][] = [];
  const weights: number[][] = [];
  for (const row of gateLogits) {
    const ids = row.map((_, e) => e).sort((a, b) => row[b]! - row[a]! || a - b).slice(0, k);
    const m = row[ids[0]!]!;
    const ex = ids.map((e) => Math.exp(row[e]! - m));
    let z = 0;
    for (const v of ex) z += v;
    experts.push(ids);
    weights.push(ex.map((v) => v / z));
  }

  // every decision so far, in rank-major order: [expert, kept]
  const decisions: Array<[number, boolean]> = [];
  const keep: boolean[][] = experts.map((ids) => ids.map(() => false));
  for (let r = 0; r < k; r++) {
    for (let t = 0; t < T; t++) {
      const e = experts[t]![r]!;
      let used = 0;
      for (let i = 0; i < decisions.length; i++) {
        const [e2, kept] = decisions[i]!;
        if (kept && e2 === e) used++;
      }
      const ok = capacity === null || used < capacity;
      decisions.push([e, ok]);
      keep[t]![r] = ok;
    }
  }

  const load: number[] = new Array(E).fill(0);
  for (const [e, kept] of decisions) if (kept) load[e]!++;
  return {
    assignments: experts.map((ids, t) => ids.flatMap((e, r) => (keep[t]![r] ? [[e, weights[t]![r]!] as [number, number]] : []))),
    load,
  };
}
