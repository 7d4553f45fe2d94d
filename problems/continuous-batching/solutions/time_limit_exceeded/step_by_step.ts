// TLE: simulates every integer step t = 0, 1, 2, … (release, arrivals, admission, one token each), exactly as the
// rules are written. Correct, but the cost grows with the number of steps, not with n: the sample "jump over
// idle time: arrivals 10^9 steps apart" needs 2·10^9 iterations.
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
  let running: Array<{ f: number; need: number }> = [];
  let used = 0;
  let next = 0; // order[next] is the head of the queue (if it has arrived)
  let done = 0;
  for (let t = 0; done < requests.length; t++) {
    const still: Array<{ f: number; need: number }> = [];
    for (const x of running) {
      if (x.f < t) used -= x.need;
      else still.push(x);
    }
    running = still;
    while (next < order.length) {
      const r = requests[order[next]!]!;
      if (r.arrival > t || running.length >= maxBatch || used + r.prompt + r.output > maxKV) break;
      used += r.prompt + r.output;
      finish[order[next]!] = t + r.output - 1;
      running.push({ f: t + r.output - 1, need: r.prompt + r.output });
      next++;
      done++;
    }
  }
  return finish;
}
