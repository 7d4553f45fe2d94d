// Accepted alternative: each mask row is filled natively from its key range, and the rolling buffer is
// computed in closed form (largest p < n with p ≡ s mod W; rotation starting at slot n mod W).

function keyRange(q: number, W: number): [number, number] {
  return [q - W + 1 > 0 ? q - W + 1 : 0, q];
}

export function swaMask(nQ: number, nK: number, W: number): boolean[][] {
  if (W < 1 || Number.isNaN(W)) throw new Error('W must be >= 1');
  const out: boolean[][] = [];
  for (let r = 0; r < nQ; r++) {
    const [lo, hi] = keyRange(nK - nQ + r, W);
    out.push(new Array<boolean>(nK).fill(false).fill(true, lo, hi + 1));
  }
  return out;
}

export function swaRanges(nQ: number, nK: number, W: number): Array<[number, number]> {
  if (W < 1 || Number.isNaN(W)) throw new Error('W must be >= 1');
  const out: Array<[number, number]> = [];
  for (let r = 0; r < nQ; r++) out.push(keyRange(nK - nQ + r, W));
  return out;
}

export function rollingBuffer(W: number, numTokens: number): { slots: number[]; chronological: number[] } {
  if (W < 1 || Number.isNaN(W)) throw new Error('W must be >= 1');
  const n = numTokens;
  const slots: number[] = [];
  for (let s = 0; s < W; s++) {
    // largest p < n with p mod W = s: step back from n − 1 to the previous position in slot s
    slots.push(s < n ? n - 1 - ((n - 1 - s) % W) : -1);
  }
  const chronological: number[] = [];
  if (n < W) {
    for (let s = 0; s < n; s++) chronological.push(s);
  } else {
    const start = n % W; // the oldest surviving position, n − W, lives in slot (n − W) mod W = n mod W
    for (let i = 0; i < W; i++) chronological.push((start + i) % W);
  }
  return { slots, chronological };
}
