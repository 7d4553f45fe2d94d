// Accepted: class-based: a generic MinHeap, a KvPool that tracks the reservation, and a Scheduler that jumps
// from event to event.
interface Req {
  id: number;
  arrival: number;
  prompt: number;
  output: number;
}

class MinHeap<T> {
  private items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(x: T): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = Math.floor((i - 1) / 2);
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      while (true) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

class KvPool {
  private used = 0;
  constructor(private readonly capacity: number) {}
  fits(need: number): boolean {
    return this.used + need <= this.capacity;
  }
  reserve(need: number): void {
    this.used += need;
  }
  free(need: number): void {
    this.used -= need;
  }
}

interface Job {
  finish: number;
  need: number;
}

class Scheduler {
  private readonly running = new MinHeap<Job>((a, b) => a.finish < b.finish);
  private readonly kv: KvPool;
  private now = 0;

  constructor(private readonly maxBatch: number, maxKV: number) {
    this.kv = new KvPool(maxKV);
  }

  private releaseBefore(t: number): void {
    while (this.running.size > 0 && this.running.peek()!.finish < t) this.kv.free(this.running.pop()!.need);
  }

  private canAdmit(need: number): boolean {
    return this.running.size < this.maxBatch && this.kv.fits(need);
  }

  /** Admits r as the head of the queue: at the first event time ≥ its arrival at which it fits. */
  admit(r: Req): number {
    this.now = Math.max(this.now, r.arrival);
    this.releaseBefore(this.now);
    const need = r.prompt + r.output;
    while (!this.canAdmit(need)) {
      this.now = this.running.peek()!.finish + 1;
      this.releaseBefore(this.now);
    }
    const finish = this.now + r.output - 1;
    this.kv.reserve(need);
    this.running.push({ finish, need });
    return finish;
  }
}

class InvalidInput extends Error {}

function check(cond: boolean, message: string): void {
  if (!cond) throw new InvalidInput(message);
}

export function schedule(requests: Req[], maxBatch: number, maxKV: number): number[] {
  check(Number.isInteger(maxBatch) && maxBatch >= 1, 'maxBatch must be a positive integer');
  check(Number.isInteger(maxKV) && maxKV >= 1, 'maxKV must be a positive integer');
  const ids = new Set<number>();
  for (const r of requests) {
    check(Number.isInteger(r.id) && !ids.has(r.id), `bad or duplicate id ${r.id}`);
    ids.add(r.id);
    check(Number.isInteger(r.arrival) && r.arrival >= 0 && r.arrival <= 1e9, 'arrival out of range');
    check(Number.isInteger(r.prompt) && r.prompt >= 1 && r.prompt <= 1e9, 'prompt out of range');
    check(Number.isInteger(r.output) && r.output >= 1 && r.output <= 1e9, 'output out of range');
    check(r.prompt + r.output <= maxKV, 'request larger than the KV cache');
  }
  const scheduler = new Scheduler(maxBatch, maxKV);
  const queue = requests.map((r, i) => ({ r, i })).sort((a, b) => a.r.arrival - b.r.arrival || a.r.id - b.r.id);
  const out = new Array<number>(requests.length);
  for (const { r, i } of queue) out[i] = scheduler.admit(r);
  return out;
}
