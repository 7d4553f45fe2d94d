/**
 * Accepted: leans on built-ins, and computes the weights the Hugging Face way: a (max-subtracted) softmax over
 * all E experts, then the selected probabilities renormalised to sum to 1. The weights equal the softmax over
 * the k selected logits up to rounding. Selection is still on the logits (a stable sort by logit descending
 * keeps ids ascending among ties), as the statement requires.
 */
export function route(gateLogits: number[][], k: number = 2, capacity: number | null = null) {
  if (!Array.isArray(gateLogits) || gateLogits.length === 0) throw new RangeError('T must be >= 1');
  const E = gateLogits[0]!.length;
  if (E === 0 || !gateLogits.every((r) => r.length === E)) throw new RangeError('bad shape');
  if (!gateLogits.flat().every(Number.isFinite)) throw new RangeError('non-finite logit');
  if (!Number.isInteger(k) || k < 1 || k > E) throw new RangeError('bad k');
  if (capacity !== null && (!Number.isSafeInteger(capacity) || capacity < 0)) throw new RangeError('bad capacity');

  const picks = gateLogits.map((row) => {
    const m = Math.max(...row);
    const ex = row.map((x) => Math.exp(x - m));
    const z = ex.reduce((a, b) => a + b);
    const probs = ex.map((v) => v / z);
    const ids = Array.from(row.keys()).sort((a, b) => row[b]! - row[a]!).slice(0, k);
    const s = ids.reduce((acc, e) => acc + probs[e]!, 0);
    return ids.map((e) => [e, probs[e]! / s] as [number, number]);
  });

  const load = Array<number>(E).fill(0);
  const keep = picks.map((p) => p.map(() => true));
  if (capacity !== null) {
    for (let r = 0; r < k; r++) {
      picks.forEach((p, t) => {
        const [e] = p[r]!;
        if (load[e]! < capacity) load[e]!++;
        else keep[t]![r] = false;
      });
    }
  } else {
    picks.flat().forEach(([e]) => load[e]!++);
  }
  return { assignments: picks.map((p, t) => p.filter((_, r) => keep[t]![r])), load };
}
