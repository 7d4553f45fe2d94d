/**
 * WRONG ANSWER: the widely copied nucleus mask: sort descending, `remove = cumsum > topP`, shift the mask right by
 * one (so the first token over the line stays), always keep the first `minKeep`. It keeps a token when the sum
 * BEFORE it is <= topP, so when a prefix sums to exactly topP it keeps one token too many (the rule here: the sum
 * before it must be < topP).
 * Caught by the sample "exact-sum boundary: uniform logits, topP = 0.5 keeps 2 tokens" ([1,1,1,1] → keeps 3 tokens
 * instead of 2), and by the hidden "exact-sum boundary" edge tests.
 */

function softmax(s: number[], ids: number[]): number[] {
  let m = -Infinity;
  for (const i of ids) m = Math.max(m, s[i]!);
  const e = ids.map((i) => Math.exp(s[i]! - m));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

export function filterProbs(
  logits: number[],
  temperature: number,
  topK: number,
  topP: number,
  minTokensToKeep = 1,
): number[] {
  const V = logits.length;
  const out = new Array<number>(V).fill(0);
  if (temperature === 0) {
    let best = 0;
    for (let i = 1; i < V; i++) if (logits[i]! > logits[best]!) best = i;
    out[best] = 1;
    return out;
  }
  const s = logits.map((x) => x / temperature);
  let ids = s.map((_, i) => i).filter((i) => s[i] !== -Infinity);
  if (topK > 0 && topK < V) {
    const k = Math.min(Math.max(topK, minTokensToKeep), V);
    const tau = [...s].sort((a, b) => b - a)[k - 1]!;
    ids = ids.filter((i) => s[i]! >= tau);
  }
  if (topP < 1) {
    const p = softmax(s, ids);
    const order = ids.map((id, j) => ({ id, p: p[j]! })).sort((a, b) => b.p - a.p || a.id - b.id);
    const cum: number[] = [];
    let c = 0;
    for (const t of order) cum.push((c += t.p));
    const remove = cum.map((x) => x > topP);
    for (let j = remove.length - 1; j > 0; j--) remove[j] = remove[j - 1]!; // shift right
    if (remove.length > 0) remove[0] = false;
    for (let j = 0; j < Math.min(minTokensToKeep, remove.length); j++) remove[j] = false;
    ids = order.filter((_, j) => !remove[j]).map((t) => t.id);
  }
  const q = softmax(s, ids);
  ids.forEach((id, j) => (out[id] = q[j]!));
  return out;
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
  let last = -1;
  for (let i = 0; i < q.length; i++) {
    if (q[i] === 0) continue;
    c += q[i]!;
    last = i;
    if (u < c) return i;
  }
  return last;
}
