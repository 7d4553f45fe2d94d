/** The nQ × nK sliding-window mask: mask[r][j] is true iff query row r (position nK − nQ + r) may attend to key j. */
export function swaMask(nQ: number, nK: number, W: number): boolean[][] {
  throw new Error('not implemented');
}

/** For each query row r, the inclusive range [lo, hi] of keys it may attend to. */
export function swaRanges(nQ: number, nK: number, W: number): Array<[number, number]> {
  throw new Error('not implemented');
}

/** The W-slot rolling KV cache after positions 0..numTokens−1 were written (position p into slot p mod W). */
export function rollingBuffer(W: number, numTokens: number): { slots: number[]; chronological: number[] } {
  throw new Error('not implemented');
}
