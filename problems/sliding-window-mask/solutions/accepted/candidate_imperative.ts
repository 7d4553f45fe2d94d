// Accepted, style: plain loops and arrays. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
function checkWindow(W: number): void {
  if (!(W >= 1)) throw new Error('W must be >= 1');
}

export function swaMask(nQ: number, nK: number, W: number): boolean[][] {
  checkWindow(W);
  const mask: boolean[][] = new Array(nQ);
  for (let r = 0; r < nQ; r++) {
    const q = nK - nQ + r;
    const row: boolean[] = new Array(nK);
    for (let j = 0; j < nK; j++) {
      row[j] = j <= q && q - j < W;
    }
    mask[r] = row;
  }
  return mask;
}

export function swaRanges(nQ: number, nK: number, W: number): Array<[number, number]> {
  checkWindow(W);
  const out: Array<[number, number]> = new Array(nQ);
  for (let r = 0; r < nQ; r++) {
    const q = nK - nQ + r;
    let lo = q - W + 1;
    if (lo < 0) lo = 0;
    out[r] = [lo, q];
  }
  return out;
}

export function rollingBuffer(W: number, numTokens: number): { slots: number[]; chronological: number[] } {
  checkWindow(W);
  const n = numTokens;
  const slots: number[] = new Array(W);
  for (let s = 0; s < W; s++) {
    if (s >= n) {
      slots[s] = -1;
    } else {
      // largest p < n with p % W == s
      slots[s] = s + W * Math.floor((n - 1 - s) / W);
    }
  }
  const chronological: number[] = [];
  if (n < W) {
    for (let i = 0; i < n; i++) chronological.push(i);
  } else {
    const start = n % W;
    for (let i = 0; i < W; i++) chronological.push((start + i) % W);
  }
  return { slots, chronological };
}
