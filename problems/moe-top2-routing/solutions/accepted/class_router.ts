/**
 * Accepted: class-based. A Router validates its configuration once, a TokenRoute holds one token's ranked
 * choices, and an ExpertPool hands out capacity slots (unbounded when capacity is null).
 */
class ExpertPool {
  readonly load: number[];
  constructor(
    numExperts: number,
    private readonly capacity: number | null,
  ) {
    this.load = new Array(numExperts).fill(0);
  }
  tryTake(expert: number): boolean {
    if (this.capacity !== null && this.load[expert]! >= this.capacity) return false;
    this.load[expert]!++;
    return true;
  }
}

class TokenRoute {
  readonly experts: number[] = [];
  readonly weights: number[] = [];
  readonly kept: boolean[] = [];

  constructor(logits: number[], k: number) {
    // insertion into a ranked list of at most k experts
    for (let e = 0; e < logits.length; e++) {
      let pos = this.experts.length;
      while (pos > 0 && logits[e]! > logits[this.experts[pos - 1]!]!) pos--;
      if (pos < k) {
        this.experts.splice(pos, 0, e);
        if (this.experts.length > k) this.experts.pop();
      }
    }
    const max = logits[this.experts[0]!]!;
    let total = 0;
    for (const e of this.experts) {
      const w = Math.exp(logits[e]! - max);
      this.weights.push(w);
      total += w;
    }
    for (let r = 0; r < this.weights.length; r++) this.weights[r] = this.weights[r]! / total;
  }

  keptPairs(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    this.experts.forEach((e, r) => {
      if (this.kept[r]) out.push([e, this.weights[r]!]);
    });
    return out;
  }
}

class Router {
  readonly numExperts: number;

  constructor(
    private readonly logits: number[][],
    private readonly k: number,
    private readonly capacity: number | null,
  ) {
    if (logits.length === 0) throw new Error('T = 0');
    this.numExperts = logits[0]!.length;
    if (this.numExperts === 0) throw new Error('E = 0');
    for (const row of logits) {
      if (row.length !== this.numExperts) throw new Error('ragged rows');
      for (const x of row) if (!Number.isFinite(x)) throw new Error('non-finite logit');
    }
    if (!Number.isInteger(k) || k < 1 || k > this.numExperts) throw new Error('k out of range');
    if (capacity !== null && !(Number.isInteger(capacity) && capacity >= 0)) throw new Error('bad capacity');
  }

  run(): { assignments: Array<Array<[number, number]>>; load: number[] } {
    const routes = this.logits.map((row) => new TokenRoute(row, this.k));
    const pool = new ExpertPool(this.numExperts, this.capacity);
    for (let r = 0; r < this.k; r++) {
      for (const tr of routes) tr.kept[r] = pool.tryTake(tr.experts[r]!);
    }
    return { assignments: routes.map((tr) => tr.keptPairs()), load: pool.load };
  }
}

export function route(gateLogits: number[][], k = 2, capacity: number | null = null) {
  return new Router(gateLogits, k, capacity).run();
}
