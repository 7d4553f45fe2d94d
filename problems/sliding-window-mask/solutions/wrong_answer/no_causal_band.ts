// WRONG ANSWER: drops the causal condition and uses the symmetric band |q − j| < W (Longformer-style local
// attention), so queries also see up to W − 1 future keys. Caught by sample "swaMask(5,5,3): W keys per row,
// including the query itself" (row 0 becomes 11100).

function checkWindow(W: number): void {
  if (!(W >= 1)) throw new RangeError(`window size must be at least 1, got ${W}`);
}

/** The nQ × nK boolean mask: mask[r][j] is true iff query row r may attend to key j. O(nQ · nK). */
export function swaMask(nQ: number, nK: number, W: number): boolean[][] {
  checkWindow(W);
  const mask: boolean[][] = [];
  for (let r = 0; r < nQ; r++) {
    const q = nK - nQ + r; // absolute position of query row r (bottom-right alignment)
    const row: boolean[] = [];
    for (let j = 0; j < nK; j++) row.push(Math.abs(q - j) < W);
    mask.push(row);
  }
  return mask;
}

/** For each query row, the inclusive range [lo, hi] of keys it may attend to. O(nQ). */
export function swaRanges(nQ: number, nK: number, W: number): Array<[number, number]> {
  checkWindow(W);
  const ranges: Array<[number, number]> = [];
  for (let r = 0; r < nQ; r++) {
    const q = nK - nQ + r;
    ranges.push([Math.max(0, q - W + 1), Math.min(nK - 1, q + W - 1)]); // the window is clamped at both ends
  }
  return ranges;
}

/**
 * The rolling-buffer cache after positions 0..numTokens−1 were written, position p into slot p mod W.
 * Only the last min(numTokens, W) positions survive; writing exactly those, oldest first, yields both the
 * slot contents (later writes overwrite earlier ones) and the chronological slot order. O(W).
 */
export function rollingBuffer(W: number, numTokens: number): { slots: number[]; chronological: number[] } {
  checkWindow(W);
  const slots = new Array<number>(W).fill(-1);
  const chronological: number[] = [];
  for (let p = Math.max(0, numTokens - W); p < numTokens; p++) {
    slots[p % W] = p;
    chronological.push(p % W);
  }
  return { slots, chronological };
}
