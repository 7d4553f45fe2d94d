// Accepted, style: plain loops and arrays. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
type StepFn = (prefix: number[]) => number[];

interface BeamResult {
  tokens: number[];
  score: number;
}

export function beamSearch(step: StepFn, numBeams: number, maxNewTokens: number, eos: number, alpha: number): BeamResult {
  if (!Number.isInteger(numBeams) || numBeams < 1) throw new Error('numBeams must be an integer >= 1');
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1) throw new Error('maxNewTokens must be an integer >= 1');
  if (!Number.isInteger(eos) || eos < 0) throw new Error('eos must be an integer >= 0');
  if (typeof alpha !== 'number' || !Number.isFinite(alpha)) throw new Error('alpha must be finite');

  // live beams
  let beamTokens: number[][] = [[]];
  let beamSums: number[] = [0];

  // finished hypotheses, in insertion order
  const hypTokens: number[][] = [];
  const hypScores: number[] = [];

  function offer(tokens: number[], sum: number, len: number): void {
    const score = sum / Math.pow(len, alpha);
    if (hypScores.length < numBeams) {
      hypTokens.push(tokens);
      hypScores.push(score);
      return;
    }
    let worst = 0;
    for (let i = 1; i < hypScores.length; i++) {
      if (hypScores[i] < hypScores[worst]) worst = i;
    }
    if (score > hypScores[worst]) {
      hypTokens.splice(worst, 1);
      hypScores.splice(worst, 1);
      hypTokens.push(tokens);
      hypScores.push(score);
    }
  }

  let done = false;
  for (let t = 1; t <= maxNewTokens; t++) {
    const nb = beamTokens.length;
    let V = 0;
    const candScore: number[] = [];
    const candBeam: number[] = [];
    const candTok: number[] = [];
    for (let b = 0; b < nb; b++) {
      const lp = step(beamTokens[b]);
      V = lp.length;
      for (let v = 0; v < V; v++) {
        candScore.push(beamSums[b] + lp[v]);
        candBeam.push(b);
        candTok.push(v);
      }
    }
    const nc = candScore.length;
    const order: number[] = new Array(nc);
    for (let i = 0; i < nc; i++) order[i] = i;
    // candidates were pushed in flat index order (beam*V + token), so a stable sort on the score
    // alone would do; compare all three keys anyway to be explicit.
    order.sort(function (a, b) {
      if (candScore[a] !== candScore[b]) return candScore[a] > candScore[b] ? -1 : 1;
      if (candBeam[a] !== candBeam[b]) return candBeam[a] - candBeam[b];
      return candTok[a] - candTok[b];
    });

    const keep = Math.min(2 * numBeams, nc);
    const newTokens: number[][] = [];
    const newSums: number[] = [];
    for (let r = 0; r < keep; r++) {
      const c = order[r];
      const b = candBeam[c];
      const v = candTok[c];
      if (v === eos) {
        if (r >= numBeams) continue;
        const seq = beamTokens[b].slice();
        seq.push(eos);
        offer(seq, candScore[c], t);
      } else {
        const seq = beamTokens[b].slice();
        seq.push(v);
        newTokens.push(seq);
        newSums.push(candScore[c]);
      }
      if (newTokens.length === numBeams) break;
    }
    beamTokens = newTokens;
    beamSums = newSums;

    if (hypScores.length === numBeams) {
      done = true;
      break;
    }
    if (beamTokens.length === 0) break;
  }

  if (!done) {
    for (let b = 0; b < beamTokens.length; b++) {
      offer(beamTokens[b], beamSums[b], beamTokens[b].length);
    }
  }

  let best = -1;
  for (let i = 0; i < hypScores.length; i++) {
    if (best === -1 || hypScores[i] >= hypScores[best]) best = i; // >= : the latest among equals
  }
  if (best === -1) throw new Error('no hypothesis');
  return { tokens: hypTokens[best], score: hypScores[best] };
}
