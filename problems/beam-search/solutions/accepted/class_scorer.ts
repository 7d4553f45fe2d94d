// Accepted: class-based, shaped like Hugging Face's BeamHypotheses / BeamSearchScorer.

type StepFn = (prefix: number[]) => number[];

class BeamHypotheses {
  private beams: Array<{ score: number; tokens: number[] }> = [];
  private worstScore = 1e9;

  constructor(
    private readonly numBeams: number,
    private readonly lengthPenalty: number,
  ) {}

  get size(): number {
    return this.beams.length;
  }

  add(tokens: number[], sumLogprobs: number, generatedLen: number): void {
    const score = sumLogprobs / generatedLen ** this.lengthPenalty;
    if (this.beams.length < this.numBeams || score > this.worstScore) {
      this.beams.push({ score, tokens });
      if (this.beams.length > this.numBeams) {
        const sorted = this.beams.map((b, idx) => [b.score, idx] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        this.beams.splice(sorted[0]![1], 1);
        this.worstScore = sorted[1]![0];
      } else {
        this.worstScore = Math.min(score, this.worstScore);
      }
    }
  }

  /** early_stopping = True */
  isDone(): boolean {
    return this.beams.length >= this.numBeams;
  }

  best(): { tokens: number[]; score: number } {
    // stable ascending sort, then pop(): the latest of equal scores wins
    const sorted = [...this.beams].sort((a, b) => a.score - b.score);
    const top = sorted.pop()!;
    return { tokens: top.tokens, score: top.score };
  }
}

class Beam {
  constructor(
    readonly tokens: number[],
    readonly sum: number,
  ) {}

  extend(token: number, sum: number): Beam {
    return new Beam([...this.tokens, token], sum);
  }
}

class BeamSearcher {
  private beams: Beam[] = [new Beam([], 0)];
  private readonly hyps: BeamHypotheses;
  private done = false;

  constructor(
    private readonly step: StepFn,
    private readonly numBeams: number,
    private readonly eos: number,
    alpha: number,
  ) {
    this.hyps = new BeamHypotheses(numBeams, alpha);
  }

  get finished(): boolean {
    return this.done || this.beams.length === 0;
  }

  advance(t: number): void {
    const cands: Array<{ score: number; beam: number; token: number }> = [];
    this.beams.forEach((beam, b) => {
      const row = this.step(beam.tokens);
      for (let v = 0; v < row.length; v++) cands.push({ score: beam.sum + row[v]!, beam: b, token: v });
    });
    cands.sort((x, y) => y.score - x.score || x.beam - y.beam || x.token - y.token);
    const next: Beam[] = [];
    const n = Math.min(2 * this.numBeams, cands.length);
    for (let rank = 0; rank < n; rank++) {
      const c = cands[rank]!;
      const parent = this.beams[c.beam]!;
      if (c.token === this.eos) {
        if (rank < this.numBeams) this.hyps.add([...parent.tokens, this.eos], c.score, t);
      } else {
        next.push(parent.extend(c.token, c.score));
      }
      if (next.length === this.numBeams) break;
    }
    this.beams = next;
    this.done = this.hyps.isDone();
  }

  finalize(): { tokens: number[]; score: number } {
    if (!this.done) for (const b of this.beams) this.hyps.add(b.tokens, b.sum, b.tokens.length);
    return this.hyps.best();
  }
}

export function beamSearch(step: StepFn, numBeams: number, maxNewTokens: number, eos: number, alpha: number) {
  if (!Number.isInteger(numBeams) || numBeams < 1) throw new Error('numBeams must be a positive integer');
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1) throw new Error('maxNewTokens must be a positive integer');
  if (!Number.isInteger(eos) || eos < 0) throw new Error('eos must be a non-negative integer');
  if (!Number.isFinite(alpha)) throw new Error('alpha must be finite');
  const searcher = new BeamSearcher(step, numBeams, eos, alpha);
  for (let t = 1; t <= maxNewTokens && !searcher.finished; t++) searcher.advance(t);
  return searcher.finalize();
}
