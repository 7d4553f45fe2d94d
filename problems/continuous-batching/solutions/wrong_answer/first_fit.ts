// WRONG: first-fit admission: when the head does not fit, it keeps scanning the queue and admits any later request
// that fits (vLLM-style skipping), instead of stopping at the head. Caught by the sample "strict head-of-line:
// nothing overtakes a blocked head": request 2 finishes at 2 instead of 4. (Scanning the whole queue at every
// step is also O(n^2).)
interface Req { id: number; arrival: number; prompt: number; output: number }

export function schedule(requests: Req[], maxBatch: number, maxKV: number): number[] {
  if (!Number.isInteger(maxBatch) || maxBatch < 1 || !Number.isInteger(maxKV) || maxKV < 1) throw new Error('bad limits');
  const seen = new Set<number>();
  for (const r of requests) {
    if (!Number.isInteger(r.id) || seen.has(r.id)) throw new Error('bad id');
    seen.add(r.id);
    if (!Number.isInteger(r.arrival) || r.arrival < 0 || r.arrival > 1e9) throw new Error('bad arrival');
    if (!Number.isInteger(r.prompt) || r.prompt < 1 || r.prompt > 1e9) throw new Error('bad prompt');
    if (!Number.isInteger(r.output) || r.output < 1 || r.output > 1e9) throw new Error('bad output');
    if (r.prompt + r.output > maxKV) throw new Error('never fits');
  }
  const order = requests.map((_, i) => i).sort((a, b) => requests[a]!.arrival - requests[b]!.arrival || requests[a]!.id - requests[b]!.id);
  const finish = new Array<number>(requests.length);
  const waiting: number[] = [];
  let running: Array<{ f: number; need: number }> = [];
  let used = 0;
  let next = 0;
  let t = 0;
  let left = requests.length;
  while (left > 0) {
    running = running.filter((x) => {
      if (x.f < t) used -= x.need;
      return x.f >= t;
    });
    while (next < order.length && requests[order[next]!]!.arrival <= t) waiting.push(order[next++]!);
    for (let k = 0; k < waiting.length; ) {
      const r = requests[waiting[k]!]!;
      const need = r.prompt + r.output;
      if (running.length < maxBatch && used + need <= maxKV) {
        finish[waiting[k]!] = t + r.output - 1;
        used += need;
        running.push({ f: t + r.output - 1, need });
        waiting.splice(k, 1);
        left--;
      } else {
        k++; // skip the request that does not fit and try the next one
      }
    }
    // next event: an arrival, or the step after the earliest finish
    let nt = next < order.length ? requests[order[next]!]!.arrival : Infinity;
    for (const x of running) nt = Math.min(nt, x.f + 1);
    t = Math.max(t + 1, nt);
  }
  return finish;
}
