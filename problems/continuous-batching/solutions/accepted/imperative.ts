// Accepted: plain imperative style, a plain top-level function. Running requests are kept in an array sorted by
// finish step (binary search + shift loop on insert), so the earliest finish is always at the front. Releases
// walk a front pointer instead of removing elements.
function schedule(requests: { id: number; arrival: number; prompt: number; output: number }[], maxBatch: number, maxKV: number): number[] {
  if (!(Number.isInteger(maxBatch) && maxBatch >= 1)) throw new Error('maxBatch must be >= 1');
  if (!(Number.isInteger(maxKV) && maxKV >= 1)) throw new Error('maxKV must be >= 1');
  const n = requests.length;
  const ids = new Set();
  for (let i = 0; i < n; i++) {
    const r = requests[i];
    if (!Number.isInteger(r.id)) throw new Error('id must be an integer');
    if (ids.has(r.id)) throw new Error('duplicate id');
    ids.add(r.id);
    if (!Number.isInteger(r.arrival) || r.arrival < 0 || r.arrival > 1e9) throw new Error('bad arrival');
    if (!Number.isInteger(r.prompt) || r.prompt < 1 || r.prompt > 1e9) throw new Error('bad prompt');
    if (!Number.isInteger(r.output) || r.output < 1 || r.output > 1e9) throw new Error('bad output');
    if (r.prompt + r.output > maxKV) throw new Error('request can never fit');
  }

  const order = [];
  for (let i = 0; i < n; i++) order.push(i);
  order.sort(function (a, b) {
    if (requests[a].arrival !== requests[b].arrival) return requests[a].arrival - requests[b].arrival;
    return requests[a].id - requests[b].id;
  });

  const result = new Array(n).fill(0);
  // running requests, sorted by finish: runFinish[lo..hi) and runNeed[lo..hi)
  const runFinish = [];
  const runNeed = [];
  let lo = 0;
  let used = 0;
  let t = 0;
  let k = 0;
  while (k < n) {
    if (requests[order[k]].arrival > t) t = requests[order[k]].arrival;
    while (lo < runFinish.length && runFinish[lo] < t) {
      used -= runNeed[lo];
      lo++;
    }
    while (k < n) {
      const r = requests[order[k]];
      const need = r.prompt + r.output;
      if (r.arrival > t) break;
      if (runFinish.length - lo >= maxBatch) break;
      if (used + need > maxKV) break;
      const f = t + r.output - 1;
      result[order[k]] = f;
      used += need;
      // insert f into the sorted part: find the first position with a larger finish
      let a = lo;
      let b = runFinish.length;
      while (a < b) {
        const m = (a + b) >> 1;
        if (runFinish[m] <= f) a = m + 1;
        else b = m;
      }
      runFinish.push(0);
      runNeed.push(0);
      for (let j = runFinish.length - 1; j > a; j--) {
        runFinish[j] = runFinish[j - 1];
        runNeed[j] = runNeed[j - 1];
      }
      runFinish[a] = f;
      runNeed[a] = need;
      k++;
    }
    if (k < n && requests[order[k]].arrival <= t) t = runFinish[lo] + 1; // blocked: wait for the next release
  }
  return result;
}
