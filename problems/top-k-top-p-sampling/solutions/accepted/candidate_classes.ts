// Accepted, style: class-based. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
class Candidate {
  constructor(
    readonly id: number,
    readonly s: number,
    public prob = 0,
  ) {}
}

class LogitsProcessor {
  private readonly cands: Candidate[];
  private kept: Candidate[];

  constructor(logits: number[], temperature: number) {
    this.cands = logits.map((x, i) => new Candidate(i, x / temperature));
    this.kept = this.cands.slice();
  }

  topK(topK: number, minKeep: number): this {
    const V = this.cands.length;
    if (topK === 0 || topK >= V) return this;
    const k = Math.min(Math.max(topK, minKeep), V);
    const values = Float64Array.from(this.cands, (c) => c.s).sort();
    const tau = values[V - k];
    this.kept = this.kept.filter((c) => c.s >= tau);
    return this;
  }

  topP(topP: number, minKeep: number): this {
    if (topP >= 1) return this;
    const finite = this.kept.filter((c) => c.s !== -Infinity);
    LogitsProcessor.normalise(finite);
    finite.sort((a, b) => (a.prob !== b.prob ? b.prob - a.prob : a.id - b.id));
    const need = Math.min(minKeep, finite.length);
    let cum = 0;
    let count = finite.length;
    for (let i = 0; i < finite.length; i++) {
      cum += finite[i].prob;
      if (i + 1 >= need && cum >= topP) {
        count = i + 1;
        break;
      }
    }
    this.kept = finite.slice(0, count);
    return this;
  }

  /** Softmax over the given candidates (in place), subtracting the max. */
  static normalise(cs: Candidate[]): void {
    let m = -Infinity;
    for (const c of cs) if (c.s > m) m = c.s;
    let z = 0;
    for (const c of cs) {
      c.prob = Math.exp(c.s - m);
      z += c.prob;
    }
    for (const c of cs) c.prob /= z;
  }

  probs(): number[] {
    const finite = this.kept.filter((c) => c.s !== -Infinity);
    LogitsProcessor.normalise(finite);
    const out = new Array<number>(this.cands.length).fill(0);
    for (const c of finite) out[c.id] = c.prob;
    return out;
  }
}

class Sampler {
  constructor(
    private readonly temperature: number,
    private readonly topK: number,
    private readonly topP: number,
    private readonly minKeep: number,
  ) {}

  distribution(logits: number[]): number[] {
    if (this.temperature === 0) {
      let best = 0;
      logits.forEach((x, i) => {
        if (x > logits[best]) best = i;
      });
      const out = new Array<number>(logits.length).fill(0);
      out[best] = 1;
      return out;
    }
    return new LogitsProcessor(logits, this.temperature)
      .topK(this.topK, this.minKeep)
      .topP(this.topP, this.minKeep)
      .probs();
  }

  sample(logits: number[], u: number): number {
    const q = this.distribution(logits);
    let c = 0;
    let last = -1;
    for (let i = 0; i < q.length; i++) {
      if (q[i] <= 0) continue;
      c += q[i];
      last = i;
      if (u < c) return i;
    }
    return last;
  }
}

export function filterProbs(
  logits: number[],
  temperature: number,
  topK: number,
  topP: number,
  minTokensToKeep = 1,
): number[] {
  return new Sampler(temperature, topK, topP, minTokensToKeep).distribution(logits);
}

export function sampleToken(
  logits: number[],
  temperature: number,
  topK: number,
  topP: number,
  u: number,
  minTokensToKeep = 1,
): number {
  return new Sampler(temperature, topK, topP, minTokensToKeep).sample(logits, u);
}
