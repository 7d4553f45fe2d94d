// Accepted: a class-based streaming (online) log-sum-exp, as flash attention keeps it: one pass, the running sum
// rescaled whenever a new maximum appears. GQA mapping as a small class with a validating constructor.

class GqaLayout {
  readonly groupSize: number;

  constructor(readonly nQ: number, readonly nKV: number) {
    if (!Number.isInteger(nQ) || !Number.isInteger(nKV) || nQ < 1 || nKV < 1) throw new Error('invalid head counts');
    if (nQ % nKV !== 0) throw new Error('nQ must be a multiple of nKV');
    this.groupSize = nQ / nKV;
  }

  kvHead(h: number): number {
    if (!Number.isInteger(h) || h < 0 || h >= this.nQ) throw new Error('invalid query head');
    return Math.floor(h / this.groupSize);
  }
}

class OnlineLogSumExp {
  private max = -Infinity;
  private sum = 0; // Σ exp(x − max) over the values seen

  push(v: number): void {
    if (v === -Infinity) return;
    if (v > this.max) {
      this.sum = this.sum * Math.exp(this.max - v) + 1; // exp(-Infinity) = 0 on the first finite value
      this.max = v;
    } else {
      this.sum += Math.exp(v - this.max);
    }
  }

  get value(): number {
    return this.max === -Infinity ? -Infinity : this.max + Math.log(this.sum);
  }
}

export function kvHeadFor(h: number, nQ: number, nKV: number): number {
  return new GqaLayout(nQ, nKV).kvHead(h);
}

export function logSumExp(x: number[]): number {
  const acc = new OnlineLogSumExp();
  for (const v of x) acc.push(v);
  return acc.value;
}

export function softmax(x: number[]): number[] {
  const lse = logSumExp(x);
  if (lse === -Infinity) throw new RangeError('softmax needs a finite entry');
  return x.map((v) => Math.exp(v - lse));
}
