// Accepted, style: written in 30 minutes: map/filter/sort/spread, export const, built-ins where handy. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
export interface Req {
  id: number;
  arrival: number;
  prompt: number;
  output: number;
}

class MinHeap<T> {
  a: T[] = [];
  constructor(private key: (x: T) => number) {}
  get size() {
    return this.a.length;
  }
  peek() {
    return this.a[0];
  }
  push(x: T) {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.key(a[p]) <= this.key(a[i])) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop() {
    const a = this.a;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        let s = i;
        for (const c of [2 * i + 1, 2 * i + 2]) if (c < a.length && this.key(a[c]) < this.key(a[s])) s = c;
        if (s === i) break;
        [a[s], a[i]] = [a[i], a[s]];
        i = s;
      }
    }
    return top;
  }
}

const intIn = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;

export const schedule = (requests: Req[], maxBatch: number, maxKV: number): number[] => {
  if (!(maxBatch >= 1 && maxKV >= 1)) throw new Error('bad limits');
  if (new Set(requests.map((r) => r.id)).size !== requests.length) throw new Error('duplicate id');
  for (const r of requests) {
    if (!Number.isInteger(r.id)) throw new Error('bad id');
    if (!intIn(r.arrival, 0, 1e9) || !intIn(r.prompt, 1, 1e9) || !intIn(r.output, 1, 1e9)) throw new Error('bad req');
    if (r.prompt + r.output > maxKV) throw new Error('never fits');
  }

  const queue = requests.map((r, i) => ({ ...r, i, need: r.prompt + r.output, finish: 0 }));
  queue.sort((a, b) => a.arrival - b.arrival || a.id - b.id);
  const running = new MinHeap<(typeof queue)[number]>((r) => r.finish);
  const finish = new Array<number>(requests.length).fill(0);

  let used = 0;
  let t = 0;
  let q = 0;
  while (q < queue.length) {
    while (running.size && running.peek().finish < t) used -= running.pop().need;
    while (q < queue.length && queue[q].arrival <= t && running.size < maxBatch && used + queue[q].need <= maxKV) {
      const r = queue[q++];
      r.finish = finish[r.i] = t + r.output - 1;
      used += r.need;
      running.push(r);
    }
    if (q === queue.length) break;
    const candidates = [queue[q].arrival > t ? queue[q].arrival : Infinity];
    if (running.size) candidates.push(running.peek().finish + 1);
    t = Math.min(...candidates);
  }
  return finish;
};
