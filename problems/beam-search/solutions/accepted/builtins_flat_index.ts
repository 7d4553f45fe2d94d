// Accepted: leans on built-ins — candidate scores in a Float64Array indexed by the flat id beam·V + token (as
// torch.topk sees them), an index array sorted natively, Math.min/findIndex/findLastIndex for the list.

export function beamSearch(step: (prefix: number[]) => number[], numBeams: number, maxNewTokens: number, eos: number, alpha: number) {
  if (!(Number.isInteger(numBeams) && numBeams > 0 && Number.isInteger(maxNewTokens) && maxNewTokens > 0)) {
    throw new RangeError('numBeams and maxNewTokens must be positive integers');
  }
  if (!Number.isInteger(eos) || eos < 0 || !Number.isFinite(alpha)) throw new RangeError('bad eos or alpha');

  const hyps: { tokens: number[]; score: number }[] = [];
  const offer = (tokens: number[], score: number) => {
    if (hyps.length === numBeams) {
      const worst = Math.min(...hyps.map((h) => h.score));
      if (!(score > worst)) return;
      hyps.splice(hyps.findIndex((h) => h.score === worst), 1);
    }
    hyps.push({ tokens, score });
  };

  let prefixes: number[][] = [[]];
  let sums = [0];
  let done = false;
  for (let t = 1; t <= maxNewTokens && prefixes.length > 0; t++) {
    const rows = prefixes.map((p) => step(p));
    const V = rows[0]!.length;
    const flat = new Float64Array(prefixes.length * V);
    rows.forEach((row, b) => row.forEach((lp, v) => (flat[b * V + v] = sums[b]! + lp)));
    const order = Array.from(flat.keys()).sort((i, j) => flat[j]! - flat[i]! || i - j).slice(0, 2 * numBeams);

    const nextPrefixes: number[][] = [];
    const nextSums: number[] = [];
    for (const [rank, id] of order.entries()) {
      if (nextPrefixes.length === numBeams) break;
      const b = Math.floor(id / V);
      const v = id % V;
      const tokens = prefixes[b]!.concat(v);
      if (v === eos) {
        if (rank < numBeams) offer(tokens, flat[id]! / t ** alpha);
      } else {
        nextPrefixes.push(tokens);
        nextSums.push(flat[id]!);
      }
    }
    prefixes = nextPrefixes;
    sums = nextSums;
    if (hyps.length >= numBeams) {
      done = true;
      break;
    }
  }
  if (!done) prefixes.forEach((p, i) => offer(p, sums[i]! / p.length ** alpha));

  const top = Math.max(...hyps.map((h) => h.score));
  return hyps[hyps.findLastIndex((h) => h.score === top)]!;
}
