// Accepted, style: plain loops and arrays. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
function computeProbs(
  logits: number[],
  temperature: number,
  topK: number,
  topP: number,
  minKeep: number,
): number[] {
  const V = logits.length;
  const q: number[] = new Array(V);
  for (let i = 0; i < V; i++) q[i] = 0;

  if (temperature === 0) {
    let best = 0;
    for (let i = 1; i < V; i++) {
      if (logits[i] > logits[best]) best = i;
    }
    q[best] = 1;
    return q;
  }

  const s = new Float64Array(V);
  const keep: boolean[] = new Array(V);
  for (let i = 0; i < V; i++) {
    s[i] = logits[i] / temperature;
    keep[i] = true;
  }

  // top-k
  if (topK > 0 && topK < V) {
    let k = topK > minKeep ? topK : minKeep;
    if (k > V) k = V;
    const sorted = Float64Array.from(s);
    sorted.sort(); // ascending, numeric
    const tau = sorted[V - k];
    for (let i = 0; i < V; i++) {
      if (s[i] < tau) keep[i] = false;
    }
  }

  // top-p
  if (topP < 1) {
    const idx: number[] = [];
    let m = -Infinity;
    for (let i = 0; i < V; i++) {
      if (keep[i] && s[i] !== -Infinity) {
        idx.push(i);
        if (s[i] > m) m = s[i];
      }
    }
    const p = new Float64Array(V);
    let z = 0;
    for (let t = 0; t < idx.length; t++) {
      const i = idx[t];
      p[i] = Math.exp(s[i] - m);
      z += p[i];
    }
    for (let t = 0; t < idx.length; t++) p[idx[t]] /= z;
    idx.sort((a, b) => {
      if (p[a] !== p[b]) return p[b] - p[a];
      return a - b;
    });
    const minCount = minKeep < idx.length ? minKeep : idx.length;
    let count = idx.length;
    let cum = 0;
    for (let t = 0; t < idx.length; t++) {
      cum += p[idx[t]];
      if (cum >= topP && t + 1 >= minCount) {
        count = t + 1;
        break;
      }
    }
    for (let t = count; t < idx.length; t++) keep[idx[t]] = false;
  }

  // renormalise
  let m = -Infinity;
  for (let i = 0; i < V; i++) {
    if (keep[i] && s[i] !== -Infinity && s[i] > m) m = s[i];
  }
  let z = 0;
  for (let i = 0; i < V; i++) {
    if (keep[i] && s[i] !== -Infinity) {
      q[i] = Math.exp(s[i] - m);
      z += q[i];
    }
  }
  for (let i = 0; i < V; i++) {
    if (q[i] !== 0) q[i] = q[i] / z;
  }
  return q;
}

export function filterProbs(
  logits: number[],
  temperature: number,
  topK: number,
  topP: number,
  minTokensToKeep = 1,
): number[] {
  return computeProbs(logits, temperature, topK, topP, minTokensToKeep);
}

export function sampleToken(
  logits: number[],
  temperature: number,
  topK: number,
  topP: number,
  u: number,
  minTokensToKeep = 1,
): number {
  const q = computeProbs(logits, temperature, topK, topP, minTokensToKeep);
  let c = 0;
  let last = -1;
  for (let i = 0; i < q.length; i++) {
    if (q[i] > 0) {
      c += q[i];
      last = i;
      if (u < c) return i;
    }
  }
  return last;
}
