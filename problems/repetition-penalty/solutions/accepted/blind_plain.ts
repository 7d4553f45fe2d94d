// Accepted, style: plain loops and arrays. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
export function repetitionPenalty(
  logits: number[],
  contextIds: number[],
  penalty: number,
  promptIgnoreLength?: number,
): number[] {
  if (typeof penalty !== 'number' || !Number.isFinite(penalty) || penalty <= 0) {
    throw new Error('penalty must be a finite number > 0');
  }
  let start = 0;
  if (promptIgnoreLength !== undefined) {
    if (typeof promptIgnoreLength !== 'number' || !Number.isInteger(promptIgnoreLength) || promptIgnoreLength < 0) {
      throw new Error('promptIgnoreLength must be an integer >= 0');
    }
    start = promptIgnoreLength;
  }
  const V = logits.length;
  const out: number[] = new Array(V);
  for (let i = 0; i < V; i++) out[i] = logits[i];
  const seen = new Uint8Array(V);
  for (let k = start; k < contextIds.length; k++) {
    const t = contextIds[k];
    if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t >= V) {
      throw new Error('invalid token id ' + t);
    }
    if (seen[t] === 1) continue;
    seen[t] = 1;
    const x = logits[t];
    if (x < 0) out[t] = x * penalty;
    else out[t] = x / penalty;
  }
  return out;
}
