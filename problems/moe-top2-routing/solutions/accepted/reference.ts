/**
 * Reference. Per token, an insertion-maintained top-k list over the experts in id order (O(E·k) per row; a tie
 * never displaces an earlier, lower id), then a max-subtracted softmax over the k selected logits. With a
 * capacity, one rank-major pass over the selections with a per-expert counter (O(T·k)).
 */
export function route(
  gateLogits: number[][],
  k: number = 2,
  capacity: number | null = null,
): { assignments: Array<Array<[expert: number, weight: number]>>; load: number[] } {
  const T = gateLogits.length;
  if (T === 0) throw new Error('gateLogits has no tokens (T = 0)');
  const E = gateLogits[0]!.length;
  if (E === 0) throw new Error('gateLogits has no experts (E = 0)');
  for (let t = 0; t < T; t++) {
    const row = gateLogits[t]!;
    if (row.length !== E) throw new Error(`row ${t} has ${row.length} logits, row 0 has ${E}`);
    for (let e = 0; e < E; e++) {
      if (!Number.isFinite(row[e])) throw new Error(`gateLogits[${t}][${e}] = ${row[e]} is not finite`);
    }
  }
  if (!Number.isInteger(k) || k < 1 || k > E) throw new Error(`k = ${k} must be an integer in [1, ${E}]`);
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0)) {
    throw new Error(`capacity = ${capacity} must be null or an integer >= 0`);
  }

  // Selection and weights, row by row.
  const experts = new Int32Array(T * k); // experts[t*k + r]: the rank-r expert of token t
  const weights = new Float64Array(T * k);
  const top = new Int32Array(k);
  for (let t = 0; t < T; t++) {
    const row = gateLogits[t]!;
    let n = 0;
    for (let e = 0; e < E; e++) {
      const x = row[e]!;
      if (n === k && !(x > row[top[k - 1]!]!)) continue;
      // Shift strictly smaller logits down; an equal logit has a lower id and stays ahead.
      let i = n < k ? n++ : k - 1;
      while (i > 0 && x > row[top[i - 1]!]!) {
        top[i] = top[i - 1]!;
        i--;
      }
      top[i] = e;
    }
    const m = row[top[0]!]!;
    let z = 0;
    for (let r = 0; r < k; r++) {
      const w = Math.exp(row[top[r]!]! - m);
      weights[t * k + r] = w;
      experts[t * k + r] = top[r]!;
      z += w;
    }
    for (let r = 0; r < k; r++) weights[t * k + r] = weights[t * k + r]! / z;
  }

  // Capacity: rank-major, token order within a rank.
  const load: number[] = new Array<number>(E).fill(0);
  const kept = new Uint8Array(T * k);
  for (let r = 0; r < k; r++) {
    for (let t = 0; t < T; t++) {
      const e = experts[t * k + r]!;
      if (capacity === null || load[e]! < capacity) {
        load[e]!++;
        kept[t * k + r] = 1;
      }
    }
  }

  const assignments: Array<Array<[number, number]>> = [];
  for (let t = 0; t < T; t++) {
    const a: Array<[number, number]> = [];
    for (let r = 0; r < k; r++) if (kept[t * k + r]) a.push([experts[t * k + r]!, weights[t * k + r]!]);
    assignments.push(a);
  }
  return { assignments, load };
}
