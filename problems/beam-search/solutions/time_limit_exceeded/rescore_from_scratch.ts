/**
 * TIME LIMIT EXCEEDED: keeps no running sums; every step it recomputes each beam's log-prob by replaying step()
 * over all the beam's prefixes, O(maxNewTokens² · numBeams · (V + length)). Correct answers. Caught by "long
 * search: rare EOS, V=10, numBeams=8, maxNewTokens=64" (~30x the step calls of the reference, each costing O(length)).
 */

type StepFn = (prefix: number[]) => number[];

interface Beam {
  tokens: number[];
  sum: number;
}
interface Hypothesis {
  tokens: number[];
  score: number;
}
interface Candidate {
  score: number;
  beam: number;
  token: number;
}

export function beamSearch(
  step: StepFn,
  numBeams: number,
  maxNewTokens: number,
  eos: number,
  alpha: number,
): { tokens: number[]; score: number } {
  if (!Number.isInteger(numBeams) || numBeams < 1) throw new Error(`numBeams must be an integer >= 1, got ${numBeams}`);
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1) throw new Error(`maxNewTokens must be an integer >= 1, got ${maxNewTokens}`);
  if (!Number.isInteger(eos) || eos < 0) throw new Error(`eos must be an integer >= 0, got ${eos}`);
  if (!Number.isFinite(alpha)) throw new Error(`alpha must be finite, got ${alpha}`);

  // Finished hypotheses in insertion order, at most numBeams of them.
  const finished: Hypothesis[] = [];
  const offer = (tokens: number[], sum: number, len: number): void => {
    const score = sum / Math.pow(len, alpha);
    if (finished.length < numBeams) {
      finished.push({ tokens, score });
      return;
    }
    let worst = 0; // lowest score, earliest inserted among equals
    for (let i = 1; i < finished.length; i++) if (finished[i]!.score < finished[worst]!.score) worst = i;
    if (score > finished[worst]!.score) {
      finished.splice(worst, 1);
      finished.push({ tokens, score });
    }
  };

  const keep = 2 * numBeams;
  let beams: Beam[] = [{ tokens: [], sum: 0 }];
  let done = false;
  for (let t = 1; t <= maxNewTokens && beams.length > 0; t++) {
    // The best `keep` candidates by (score desc, beam asc, token asc).
    const top: Candidate[] = [];
    for (let b = 0; b < beams.length; b++) {
      const toks = beams[b]!.tokens;
      let base = 0;
      for (let i = 0; i < toks.length; i++) base += step(toks.slice(0, i))[toks[i]!]!;
      const row = step(beams[b]!.tokens);
      for (let v = 0; v < row.length; v++) {
        const score = base + row[v]!;
        if (top.length === keep && !(score > top[keep - 1]!.score)) continue;
        let i = top.length === keep ? keep - 1 : top.length;
        while (i > 0 && top[i - 1]!.score < score) {
          top[i] = top[i - 1]!;
          i--;
        }
        top[i] = { score, beam: b, token: v };
      }
    }

    const next: Beam[] = [];
    for (let r = 0; r < top.length && next.length < numBeams; r++) {
      const c = top[r]!;
      const parent = beams[c.beam]!;
      if (c.token === eos) {
        if (r < numBeams) offer([...parent.tokens, eos], c.score, t);
      } else {
        next.push({ tokens: [...parent.tokens, c.token], sum: c.score });
      }
    }
    beams = next;
    if (finished.length >= numBeams) done = true;
    if (done) break;
  }

  if (!done) for (const b of beams) offer(b.tokens, b.sum, b.tokens.length);

  // Highest score; ties go to the latest inserted.
  let best = finished[0]!;
  for (const h of finished) if (h.score >= best.score) best = h;
  return { tokens: best.tokens, score: best.score };
}
