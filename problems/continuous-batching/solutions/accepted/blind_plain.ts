// Accepted, style: plain loops and arrays. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
export interface Req {
  id: number;
  arrival: number;
  prompt: number;
  output: number;
}

function isIntIn(v: number, lo: number, hi: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
}

/** The step at which each request emits its last token, in input order. */
export function schedule(requests: Req[], maxBatch: number, maxKV: number): number[] {
  if (!(maxBatch >= 1) || !(maxKV >= 1)) {
    throw new Error('maxBatch and maxKV must be >= 1');
  }
  const n = requests.length;
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    const r = requests[i];
    if (typeof r.id !== 'number' || !Number.isInteger(r.id)) throw new Error('id must be an integer');
    if (seen.has(r.id)) throw new Error('duplicate id ' + r.id);
    seen.add(r.id);
    if (!isIntIn(r.arrival, 0, 1e9)) throw new Error('bad arrival');
    if (!isIntIn(r.prompt, 1, 1e9)) throw new Error('bad prompt');
    if (!isIntIn(r.output, 1, 1e9)) throw new Error('bad output');
    if (r.prompt + r.output > maxKV) throw new Error('request can never fit');
  }

  // queue order: arrival, then id
  const order: number[] = new Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort(function (a, b) {
    const ra = requests[a];
    const rb = requests[b];
    if (ra.arrival !== rb.arrival) return ra.arrival - rb.arrival;
    return ra.id - rb.id;
  });

  const finish: number[] = new Array(n);
  for (let i = 0; i < n; i++) finish[i] = 0;

  // min-heap of running request indices keyed by finish step
  const heap: number[] = [];
  function push(idx: number): void {
    heap.push(idx);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (finish[heap[p]] <= finish[heap[i]]) break;
      const tmp = heap[p];
      heap[p] = heap[i];
      heap[i] = tmp;
      i = p;
    }
  }
  function pop(): number {
    const top = heap[0];
    const last = heap.pop() as number;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      const m = heap.length;
      while (true) {
        const l = 2 * i + 1;
        const r = l + 1;
        let s = i;
        if (l < m && finish[heap[l]] < finish[heap[s]]) s = l;
        if (r < m && finish[heap[r]] < finish[heap[s]]) s = r;
        if (s === i) break;
        const tmp = heap[s];
        heap[s] = heap[i];
        heap[i] = tmp;
        i = s;
      }
    }
    return top;
  }

  let used = 0;
  let head = 0; // position in order[] of the next request not yet admitted
  let t = 0;
  while (head < n) {
    // 1. release
    while (heap.length > 0 && finish[heap[0]] < t) {
      const idx = pop();
      used -= requests[idx].prompt + requests[idx].output;
    }
    // 3. admission, strict head-of-line
    while (head < n) {
      const r = requests[order[head]];
      if (r.arrival > t) break;
      const need = r.prompt + r.output;
      if (heap.length < maxBatch && used + need <= maxKV) {
        finish[order[head]] = t + r.output - 1;
        used += need;
        push(order[head]);
        head++;
      } else {
        break;
      }
    }
    if (head >= n) break;
    // next event: head's arrival (if not yet arrived) or the step after the earliest finish
    let next = Infinity;
    const hr = requests[order[head]];
    if (hr.arrival > t) next = hr.arrival;
    if (heap.length > 0 && finish[heap[0]] + 1 < next) next = finish[heap[0]] + 1;
    t = next;
  }
  return finish;
}
