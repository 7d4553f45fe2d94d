/**
 * Accepted alternative, written the way Hugging Face's warpers are: top-k via a sorted copy, top-p via an ASCENDING
 * sort and "remove the tokens whose cumulative mass is <= 1 - topP, except the last minTokensToKeep". Ties are sorted
 * (prob asc, id desc), so the kept suffix holds the lower ids of a tied group, as the rule requires.
 */

function softmax(s: number[], keep: boolean[]): number[] {
  let m = -Infinity;
  s.forEach((x, i) => {
    if (keep[i] && x > m) m = x;
  });
  const e = s.map((x, i) => (keep[i] && x !== -Infinity ? Math.exp(x - m) : 0));
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
  if (temperature === 0) {
    let best = 0;
    logits.forEach((x, i) => {
      if (x > logits[best]!) best = i;
    });
    return logits.map((_, i) => (i === best ? 1 : 0));
  }
  const s = logits.map((x) => x / temperature);
  const keep = s.map((x) => x !== -Infinity);

  if (topK !== 0 && topK < V) {
    const k = Math.min(Math.max(topK, minTokensToKeep), V);
    const kth = [...s].sort((a, b) => b - a)[k - 1]!;
    s.forEach((x, i) => {
      if (x < kth) keep[i] = false;
    });
  }

  if (topP < 1) {
    const p = softmax(s, keep);
    const asc = s
      .map((_, i) => i)
      .filter((i) => keep[i])
      .sort((a, b) => p[a]! - p[b]! || b - a);
    const protect = Math.min(minTokensToKeep, asc.length);
    let cum = 0;
    for (const i of asc.slice(0, asc.length - protect)) {
      cum += p[i]!;
      if (cum > 1 - topP) break;
      keep[i] = false;
    }
  }
  return softmax(s, keep);
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
  let answer = -1;
  for (const [i, qi] of q.entries()) {
    if (qi > 0) {
      answer = i;
      c += qi;
      if (u < c) break;
    }
  }
  return answer;
}
