// Accepted, style: leans on built-ins. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
export function filterProbs(logits: number[], temperature: number, topK: number, topP: number, minKeep = 1): number[] {
  const V = logits.length;
  const out = new Array<number>(V).fill(0);
  if (temperature === 0) {
    out[logits.indexOf(logits.reduce((a, b) => Math.max(a, b)))] = 1;
    return out;
  }
  const s = logits.map((x) => x / temperature);
  let ids = s.map((_, i) => i);
  if (topK > 0 && topK < V) {
    const tau = Float64Array.from(s).sort().at(-Math.min(Math.max(topK, minKeep), V))!;
    ids = ids.filter((i) => s[i] >= tau);
  }
  ids = ids.filter((i) => s[i] > -Infinity);
  const softmax = (ids: number[]) => {
    const m = ids.reduce((acc, i) => Math.max(acc, s[i]), -Infinity);
    const w = ids.map((i) => Math.exp(s[i] - m));
    const z = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / z);
  };
  if (topP < 1) {
    const p = softmax(ids);
    const order = ids.map((_, j) => j).sort((a, b) => p[b] - p[a] || ids[a] - ids[b]);
    let cum = 0;
    const n = order.findIndex((j, t) => (cum += p[j]) >= topP && t + 1 >= minKeep);
    ids = order.slice(0, n < 0 ? order.length : n + 1).map((j) => ids[j]);
  }
  const q = softmax(ids);
  ids.forEach((i, j) => (out[i] = q[j]));
  return out;
}

export function sampleToken(logits: number[], temperature: number, topK: number, topP: number, u: number, minKeep = 1): number {
  const q = filterProbs(logits, temperature, topK, topP, minKeep);
  let c = 0;
  const i = q.findIndex((x) => x > 0 && u < (c += x));
  return i >= 0 ? i : q.findLastIndex((x) => x > 0);
}
