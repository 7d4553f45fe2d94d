// Accepted, style: written in 30 minutes: map/filter/sort/spread, export const, built-ins where handy. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
type StepFn = (prefix: number[]) => number[];

type Hyp = { tokens: number[]; score: number };

export const beamSearch = (step: StepFn, numBeams: number, maxNewTokens: number, eos: number, alpha: number): Hyp => {
  if (!Number.isInteger(numBeams) || numBeams < 1) throw new Error('bad numBeams');
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1) throw new Error('bad maxNewTokens');
  if (!Number.isInteger(eos) || eos < 0) throw new Error('bad eos');
  if (!Number.isFinite(alpha)) throw new Error('bad alpha');

  let beams = [{ tokens: [] as number[], sum: 0 }];
  let hyps: Hyp[] = [];

  const offer = (tokens: number[], sum: number, len: number) => {
    const score = sum / Math.pow(len, alpha);
    if (hyps.length < numBeams) {
      hyps.push({ tokens, score });
      return;
    }
    const min = Math.min(...hyps.map((h) => h.score));
    if (score > min) {
      const idx = hyps.findIndex((h) => h.score === min);
      hyps = [...hyps.slice(0, idx), ...hyps.slice(idx + 1), { tokens, score }];
    }
  };

  let done = false;
  for (let t = 1; t <= maxNewTokens && !done && beams.length > 0; t++) {
    const cands = beams
      .flatMap((beam, b) => step(beam.tokens).map((lp, v) => ({ score: beam.sum + lp, b, v })))
      .sort((x, y) => y.score - x.score || x.b - y.b || x.v - y.v)
      .slice(0, 2 * numBeams);

    const next: typeof beams = [];
    for (const [r, c] of cands.entries()) {
      if (next.length === numBeams) break;
      const tokens = [...beams[c.b].tokens, c.v];
      if (c.v === eos) {
        if (r < numBeams) offer(tokens, c.score, t);
      } else {
        next.push({ tokens, sum: c.score });
      }
    }
    beams = next;
    done = hyps.length === numBeams;
  }

  if (!done) beams.forEach((b) => offer(b.tokens, b.sum, b.tokens.length));

  return hyps.reduce((best, h) => (h.score >= best.score ? h : best));
};
