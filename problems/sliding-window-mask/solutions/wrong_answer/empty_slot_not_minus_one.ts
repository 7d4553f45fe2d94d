// WRONG ANSWER: computes each slot in closed form as base + s or base − W + s (base = n − n mod W) but never
// maps "no position yet" to −1, so before the buffer is full the empty slots hold negative positions s − W
// (which happens to be −1 for the last slot only). Caught by edge "rollingBuffer numTokens = 0" (slots
// [-4,-3,-2,-1] instead of [-1,-1,-1,-1]) and edge "rollingBuffer n < W, two empty slots".

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
    for (let j = 0; j < nK; j++) row.push(j <= q && q - j < W);
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
    ranges.push([Math.max(0, q - W + 1), q]); // the window is clamped at key 0
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
  const base = numTokens - (numTokens % W); // first position of the current lap
  const slots: number[] = [];
  for (let s = 0; s < W; s++) slots.push(s < numTokens % W ? base + s : base - W + s);
  const chronological: number[] = [];
  for (let p = Math.max(0, numTokens - W); p < numTokens; p++) chronological.push(p % W);
  return { slots, chronological };
}
