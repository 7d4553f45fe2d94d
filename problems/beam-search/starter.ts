/** step(prefix) returns the log-probabilities of the next token (indexed by token id) after the tokens `prefix`. */
type StepFn = (prefix: number[]) => number[];

interface BeamResult {
  tokens: number[];
  score: number;
}

export function beamSearch(
  step: StepFn,
  numBeams: number,
  maxNewTokens: number,
  eos: number,
  alpha: number,
): BeamResult {
  throw new Error('not implemented');
}
