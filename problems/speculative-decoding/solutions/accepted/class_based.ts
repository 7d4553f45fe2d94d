// Accepted: a verifier class that validates in its constructor and exposes the steps as methods.

class Distribution {
  constructor(private readonly mass: number[]) {}

  /** Inverse CDF in increasing id; falls back to the last id with mass when the walk is exhausted. */
  draw(u: number): number {
    let c = 0;
    let lastWithMass = -1;
    for (let j = 0; j < this.mass.length; j++) {
      const m = this.mass[j]!;
      if (m > 0) lastWithMass = j;
      c += m;
      if (u < c) return j;
    }
    return lastWithMass;
  }
}

class SpeculativeVerifier {
  readonly gamma: number;
  readonly vocab: number;

  constructor(
    private readonly draft: number[],
    private readonly q: number[][],
    private readonly p: number[][],
    private readonly r: number[],
    private readonly u: number,
  ) {
    this.gamma = draft.length;
    if (q.length !== this.gamma || p.length !== this.gamma + 1 || r.length !== this.gamma) {
      throw new RangeError('q, p and r must have γ, γ + 1 and γ entries');
    }
    this.vocab = p[0]!.length;
    if (this.vocab < 1) throw new RangeError('empty vocabulary');
    q.forEach((row) => this.checkRow(row, false));
    p.forEach((row) => this.checkRow(row, true));
    draft.forEach((x, i) => {
      if (!Number.isInteger(x) || x < 0 || x >= this.vocab) throw new RangeError(`draft[${i}] out of range`);
      if (q[i]![x] === 0) throw new RangeError(`q[${i}] gives draft[${i}] no probability`);
    });
    for (const v of [...r, u]) if (!(v >= 0 && v < 1)) throw new RangeError('uniforms must be in [0, 1)');
  }

  private checkRow(row: number[], needsMass: boolean): void {
    if (row.length !== this.vocab) throw new RangeError('rows differ in length');
    let mass = false;
    for (const x of row) {
      if (!(x >= 0 && x <= 1)) throw new RangeError('entry outside [0, 1]');
      mass ||= x > 0;
    }
    if (needsMass && !mass) throw new RangeError('a p row has no mass');
  }

  acceptedPrefix(): number {
    for (let i = 0; i < this.gamma; i++) {
      const x = this.draft[i]!;
      if (this.r[i]! > this.p[i]![x]! / this.q[i]![x]!) return i;
    }
    return this.gamma;
  }

  correction(n: number): Distribution {
    const target = this.p[n]!;
    if (n === this.gamma) return new Distribution(target);
    const residual = target.map((pj, j) => Math.max(0, pj - this.q[n]![j]!));
    let s = 0;
    for (const w of residual) s += w;
    return new Distribution(s > 0 ? residual.map((w) => w / s) : target);
  }

  run(): { accepted: number; tokens: number[] } {
    const n = this.acceptedPrefix();
    const tokens = this.draft.slice(0, n);
    tokens.push(this.correction(n).draw(this.u));
    return { accepted: n, tokens };
  }
}

export function speculativeAccept(draft: number[], q: number[][], p: number[][], r: number[], u: number) {
  return new SpeculativeVerifier(draft, q, p, r, u).run();
}
