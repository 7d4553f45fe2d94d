// Accepted, style: leans on built-ins. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
const check = (W: number) => {
  if (!(W >= 1)) throw new Error('W < 1');
};

export function swaMask(nQ: number, nK: number, W: number): boolean[][] {
  check(W);
  return Array.from({ length: nQ }, (_, r) => {
    const q = nK - nQ + r;
    const lo = Math.max(0, q - W + 1);
    const row = new Array<boolean>(nK).fill(false);
    return row.fill(true, lo, q + 1);
  });
}

export function swaRanges(nQ: number, nK: number, W: number): Array<[number, number]> {
  check(W);
  return Array.from({ length: nQ }, (_, r): [number, number] => {
    const q = nK - nQ + r;
    return [Math.max(0, q - W + 1), q];
  });
}

export function rollingBuffer(W: number, numTokens: number) {
  check(W);
  const n = numTokens;
  const slots = Array.from({ length: W }, (_, s) => (s < n ? s + W * Math.floor((n - 1 - s) / W) : -1));
  const all = Array.from({ length: Math.min(n, W) }, (_, i) => i);
  const k = n < W ? 0 : n % W;
  return { slots, chronological: [...all.slice(k), ...all.slice(0, k)] };
}
