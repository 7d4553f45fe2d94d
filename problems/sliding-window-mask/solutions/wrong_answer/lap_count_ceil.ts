// WRONG ANSWER: mishandles n mod W = 0. It computes the slots lap by lap, taking the lap being written as
// ceil(n / W) − 1; when n is a multiple of W that lap is already complete, so every slot is reported one lap
// too old (−1 at n = W). Caught by edge "rollingBuffer n = W (exactly full)" (slots [-1,-1,-1,-1] instead of
// [0,1,2,3]) and by edge "rollingBuffer n = 2W: n mod W = 0".

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
  const lap = Math.ceil(numTokens / W) - 1; // the lap currently being written
  const filled = numTokens % W; // slots 0..filled-1 already hold this lap's positions
  const slots: number[] = [];
  for (let s = 0; s < W; s++) {
    const p = s < filled ? lap * W + s : (lap - 1) * W + s;
    slots.push(p >= 0 ? p : -1);
  }
  const chronological: number[] = [];
  if (numTokens < W) {
    for (let s = 0; s < numTokens; s++) chronological.push(s);
  } else {
    for (let i = 0; i < W; i++) chronological.push((filled + i) % W);
  }
  return { slots, chronological };
}
