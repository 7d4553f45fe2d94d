// WRONG: frees a reservation on the finish step itself (finish <= t) instead of the step after. Caught by the
// sample "a reservation is freed on the step after the finish": [2, 3] instead of [2, 4].
export interface Req {
  id: number;
  arrival: number;
  prompt: number;
  output: number;
}

function requireInt(what: string, v: unknown, lo: number, hi: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw new RangeError(`${what} must be an integer in [${lo}, ${hi}], got ${String(v)}`);
}

/** Binary min-heap of running requests: finish steps and reservations in parallel arrays. */
class FinishHeap {
  private finish: number[] = [];
  private kv: number[] = [];

  get size(): number {
    return this.finish.length;
  }

  minFinish(): number {
    return this.finish[0]!;
  }

  push(f: number, kv: number): void {
    const fs = this.finish;
    const ks = this.kv;
    let i = fs.length;
    fs.push(f);
    ks.push(kv);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (fs[p]! <= f) break;
      fs[i] = fs[p]!;
      ks[i] = ks[p]!;
      i = p;
    }
    fs[i] = f;
    ks[i] = kv;
  }

  /** Removes the request with the smallest finish step; returns its reservation. */
  pop(): number {
    const fs = this.finish;
    const ks = this.kv;
    const top = ks[0]!;
    const f = fs.pop()!;
    const kv = ks.pop()!;
    const n = fs.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && fs[c + 1]! < fs[c]!) c++;
        if (fs[c]! >= f) break;
        fs[i] = fs[c]!;
        ks[i] = ks[c]!;
        i = c;
      }
      fs[i] = f;
      ks[i] = kv;
    }
    return top;
  }
}

export function schedule(requests: Req[], maxBatch: number, maxKV: number): number[] {
  requireInt('maxBatch', maxBatch, 1, Infinity);
  requireInt('maxKV', maxKV, 1, Infinity);
  const n = requests.length;
  const seen = new Set<number>();
  for (const r of requests) {
    requireInt('id', r.id, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    requireInt('arrival', r.arrival, 0, 1e9);
    requireInt('prompt', r.prompt, 1, 1e9);
    requireInt('output', r.output, 1, 1e9);
    if (seen.has(r.id)) throw new RangeError(`duplicate id ${r.id}`);
    seen.add(r.id);
    if (r.prompt + r.output > maxKV) throw new RangeError(`request ${r.id} needs ${r.prompt + r.output} > maxKV = ${maxKV}`);
  }

  // Admission order: (arrival, id), ids compared as numbers.
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => requests[a]!.arrival - requests[b]!.arrival || requests[a]!.id - requests[b]!.id);

  const finish: number[] = new Array(n);
  const running = new FinishHeap();
  let used = 0;
  let t = 0;
  let next = 0; // order[next] is the head of the queue once it has arrived
  while (next < n) {
    const head = requests[order[next]!]!;
    if (head.arrival > t) t = head.arrival; // the queue is empty: jump to the next arrival
    while (running.size > 0 && running.minFinish() <= t) used -= running.pop();
    // Strict head-of-line admission: stop at the first request that does not fit.
    while (next < n) {
      const i = order[next]!;
      const r = requests[i]!;
      const need = r.prompt + r.output;
      if (r.arrival > t || running.size >= maxBatch || used + need > maxKV) break;
      used += need;
      finish[i] = t + r.output - 1; // the admission step emits the first token
      running.push(finish[i]!, need);
      next++;
    }
    // If the head has arrived it is blocked, and only a release can unblock it. The heap is not empty then:
    // every request fits on its own (need ≤ maxKV, maxBatch ≥ 1).
    if (next < n && requests[order[next]!]!.arrival <= t) t = running.minFinish();
  }
  return finish;
}
