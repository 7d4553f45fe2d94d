// Accepted: functional style — flatMap/sort/reduce, spread and destructuring, an arrow-function entry.

type Step = (prefix: number[]) => number[];
type Beam = { tokens: number[]; sum: number };
type Hyp = { tokens: number[]; score: number };

const lengthPenalty = (sum: number, len: number, alpha: number): number => sum / Math.pow(len, alpha);

/** HF BeamHypotheses.add: append while not full, else only if strictly better than the worst (which is removed). */
const addHyp = (list: Hyp[], hyp: Hyp, cap: number): Hyp[] => {
  if (list.length < cap) return [...list, hyp];
  const worst = list.reduce((w, h, i) => (h.score < list[w]!.score ? i : w), 0);
  return hyp.score > list[worst]!.score ? [...list.filter((_, i) => i !== worst), hyp] : list;
};

export const beamSearch = (step: Step, numBeams: number, maxNewTokens: number, eos: number, alpha: number): Hyp => {
  const checks: Array<[boolean, string]> = [
    [Number.isInteger(numBeams) && numBeams >= 1, 'numBeams'],
    [Number.isInteger(maxNewTokens) && maxNewTokens >= 1, 'maxNewTokens'],
    [Number.isInteger(eos) && eos >= 0, 'eos'],
    [Number.isFinite(alpha), 'alpha'],
  ];
  const bad = checks.find(([ok]) => !ok);
  if (bad) throw new RangeError(`invalid ${bad[1]}`);

  let beams: Beam[] = [{ tokens: [], sum: 0 }];
  let finished: Hyp[] = [];
  let done = false;

  for (let t = 1; t <= maxNewTokens && beams.length > 0 && !done; t++) {
    const ranked = beams
      .flatMap(({ tokens, sum }, b) => step(tokens).map((lp, v) => ({ score: sum + lp, b, v })))
      .sort((x, y) => y.score - x.score || x.b - y.b || x.v - y.v)
      .slice(0, 2 * numBeams);

    const { next, hyps } = ranked.reduce(
      (acc, { score, b, v }, rank) => {
        if (acc.next.length >= numBeams) return acc;
        const tokens = [...beams[b]!.tokens, v];
        if (v !== eos) return { ...acc, next: [...acc.next, { tokens, sum: score }] };
        if (rank >= numBeams) return acc;
        return { ...acc, hyps: addHyp(acc.hyps, { tokens, score: lengthPenalty(score, t, alpha) }, numBeams) };
      },
      { next: [] as Beam[], hyps: finished },
    );
    beams = next;
    finished = hyps;
    done = finished.length >= numBeams;
  }

  if (!done) {
    finished = beams.reduce((list, { tokens, sum }) => addHyp(list, { tokens, score: lengthPenalty(sum, tokens.length, alpha) }, numBeams), finished);
  }
  // ties go to the latest: keep the later one when scores are equal
  return finished.reduce((best, h) => (h.score >= best.score ? h : best));
};
