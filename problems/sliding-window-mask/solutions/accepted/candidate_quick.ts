// Accepted, style: written fast under time pressure: correct, not polished. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
export function swaMask(nQ: number, nK: number, W: number): boolean[][] {
  if (W < 1) throw new Error('bad W');
  const res = [];
  for (let r = 0; r < nQ; r++) {
    const q = nK - nQ + r;
    const row = [];
    for (let j = 0; j < nK; j++) row.push(j <= q && j > q - W);
    res.push(row);
  }
  return res;
}

export function swaRanges(nQ: number, nK: number, W: number): Array<[number, number]> {
  if (W < 1) throw new Error('bad W');
  const res: Array<[number, number]> = [];
  for (let r = 0; r < nQ; r++) {
    const q = nK - nQ + r;
    res.push([q - W + 1 < 0 ? 0 : q - W + 1, q]);
  }
  return res;
}

export function rollingBuffer(W: number, numTokens: number) {
  if (W < 1) throw new Error('bad W');
  const slots: number[] = [];
  const chronological: number[] = [];
  // the last min(W, n) positions are the ones still in the buffer
  for (let s = 0; s < W; s++) slots.push(-1);
  const first = Math.max(0, numTokens - W);
  for (let p = first; p < numTokens; p++) {
    slots[p % W] = p;
    chronological.push(p % W);
  }
  return { slots, chronological };
}
