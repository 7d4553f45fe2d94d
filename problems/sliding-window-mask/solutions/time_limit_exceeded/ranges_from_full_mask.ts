// TIME LIMIT EXCEEDED (was memory_limit_exceeded/): swaRanges materialises the whole nQ × nK boolean mask and
// reads each row's first and last `true` with indexOf/lastIndexOf. That is O(nQ · nK) time as well as memory, and
// native `fill`/`indexOf` are charged one tick per element, so the step budget runs out long before the heap does:
// first on generated "swaRanges nQ=nK=2000, W=100" (4·10^6 cells, ~32 MB, within the memory limit, ~100x the
// reference's steps). The larger tests (the scale group up to nQ = nK = 5·10^4, 500 queries at nK = 10^6) would
// also exceed 256 MB, but only after hundreds of times the budget: its verdict is TLE, like scanning the keys.

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
  const mask: boolean[][] = [];
  for (let r = 0; r < nQ; r++) {
    const q = nK - nQ + r;
    mask.push(new Array<boolean>(nK).fill(false).fill(true, Math.max(0, q - W + 1), q + 1));
  }
  return mask.map((row): [number, number] => [row.indexOf(true), row.lastIndexOf(true)]);
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
