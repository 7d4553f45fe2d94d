/**
 * WRONG ANSWER: stops only once the running sum is strictly greater than topP (`cum > p`), so when a prefix sums
 * to exactly topP it keeps one token too many (the nucleus is the smallest set with mass >= p). Same answers as the
 * widely copied "cumsum > topP, shift the mask right by one" rule (see cumsum_mask_shift_right.ts).
 * Caught by the sample "exact-sum boundary: uniform logits, topP = 0.5 keeps 2 tokens" ([1,1,1,1] → keeps 3 tokens
 * instead of 2).
 */

/** Softmax of s[i] over the given ids, max-subtracted so that logits like ±1e6 cannot overflow. */
function softmaxOver(s: number[], ids: number[]): Float64Array {
  const probs = new Float64Array(s.length); // indexed by token id; 0 for ids not listed
  let m = -Infinity;
  for (const i of ids) m = Math.max(m, s[i]!);
  let z = 0;
  for (const i of ids) {
    probs[i] = Math.exp(s[i]! - m);
    z += probs[i]!;
  }
  for (const i of ids) probs[i] = probs[i]! / z;
  return probs;
}

/** Probabilities after temperature, top-k and top-p; removed tokens are exactly 0. */
export function filterProbs(
  logits: number[],
  temperature: number,
  topK: number,
  topP: number,
  minTokensToKeep = 1,
): number[] {
  const V = logits.length;
  const out: number[] = new Array<number>(V).fill(0);

  // 1. Greedy: temperature 0 keeps only the argmax (lowest id on ties); top-k/top-p/minTokensToKeep are ignored.
  if (temperature === 0) {
    let best = 0;
    for (let i = 1; i < V; i++) if (logits[i]! > logits[best]!) best = i;
    out[best] = 1;
    return out;
  }
  const s = logits.map((x) => x / temperature);

  // `alive[i]`: token i still survives the filters. -Infinity tokens never get any mass, so we drop them now.
  const alive: boolean[] = s.map((x) => x !== -Infinity);

  // 2. Top-k: remove every token strictly below the k'-th largest scaled logit (ties at the threshold all stay).
  if (topK > 0 && topK < V) {
    const k = Math.min(Math.max(topK, minTokensToKeep), V);
    const tau = s.slice().sort((a, b) => b - a)[k - 1]!; // k'-th largest; (-Inf) - (-Inf) = NaN sorts as a tie
    s.forEach((x, i) => {
      if (x < tau) alive[i] = false;
    });
  }

  // 3. Top-p over the survivors, renormalised after top-k.
  if (topP < 1) {
    const ids: number[] = [];
    alive.forEach((a, i) => {
      if (a) ids.push(i);
    });
    const probs = softmaxOver(s, ids);
    ids.sort((a, b) => probs[b]! - probs[a]! || a - b); // prob desc, then id asc
    const minKeep = Math.min(minTokensToKeep, ids.length);
    // Keep adding tokens until the running sum exceeds topP, but at least minKeep tokens
    // (all of them if rounding keeps the total just below topP); remove everything after it.
    let kept = 0;
    let cum = 0;
    for (const i of ids) {
      if (kept >= minKeep && cum > topP) {
        alive[i] = false;
      } else {
        cum += probs[i]!;
        kept++;
      }
    }
  }

  // 4. Renormalise over the kept tokens; everything else stays exactly 0.
  const kept: number[] = [];
  alive.forEach((a, i) => {
    if (a) kept.push(i);
  });
  const q = softmaxOver(s, kept);
  for (const i of kept) out[i] = q[i]!;
  return out;
}

/** Inverse-CDF sample: walk the kept tokens in ascending id and return the first i with u < cumulative mass. */
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
  let last = -1;
  for (let i = 0; i < q.length; i++) {
    const qi = q[i]!;
    if (qi === 0) continue;
    c += qi;
    last = i;
    if (u < c) return i;
  }
  return last; // rounding left the total just below u: take the largest id with q > 0
}
