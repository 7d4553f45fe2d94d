// Accepted, style: class-based. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
class SlidingWindow {
  constructor(readonly W: number) {
    if (!(W >= 1)) throw new Error(`window must be at least 1, got ${W}`);
  }

  /** Inclusive key range visible from query position q. */
  range(q: number): [number, number] {
    return [Math.max(0, q - this.W + 1), q];
  }

  visible(q: number, j: number): boolean {
    return j <= q && q - j < this.W;
  }
}

class RollingKVCache {
  private readonly W: number;
  private written = 0;

  constructor(W: number) {
    if (!(W >= 1)) throw new Error(`window must be at least 1, got ${W}`);
    this.W = W;
  }

  /** Pretends positions 0..n-1 have been written (O(1)). */
  advanceTo(n: number): this {
    this.written = n;
    return this;
  }

  slotOf(p: number): number {
    return p % this.W;
  }

  /** Position currently held by slot s, or -1. */
  positionIn(s: number): number {
    const n = this.written;
    if (s >= n) return -1;
    return s + this.W * Math.floor((n - 1 - s) / this.W);
  }

  slots(): number[] {
    const out: number[] = [];
    for (let s = 0; s < this.W; s++) out.push(this.positionIn(s));
    return out;
  }

  chronological(): number[] {
    const n = this.written;
    const out: number[] = [];
    const oldest = Math.max(0, n - this.W);
    for (let p = oldest; p < n; p++) out.push(this.slotOf(p));
    return out;
  }
}

export function swaMask(nQ: number, nK: number, W: number): boolean[][] {
  const win = new SlidingWindow(W);
  const rows: boolean[][] = [];
  for (let r = 0; r < nQ; r++) {
    const q = nK - nQ + r;
    const row: boolean[] = [];
    for (let j = 0; j < nK; j++) row.push(win.visible(q, j));
    rows.push(row);
  }
  return rows;
}

export function swaRanges(nQ: number, nK: number, W: number): Array<[number, number]> {
  const win = new SlidingWindow(W);
  const out: Array<[number, number]> = [];
  for (let r = 0; r < nQ; r++) out.push(win.range(nK - nQ + r));
  return out;
}

export function rollingBuffer(W: number, numTokens: number): { slots: number[]; chronological: number[] } {
  const cache = new RollingKVCache(W).advanceTo(numTokens);
  return { slots: cache.slots(), chronological: cache.chronological() };
}
