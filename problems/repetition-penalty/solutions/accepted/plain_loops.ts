// Accepted: plain top-level function, imperative loops, a boolean array of ids already penalised.

function repetitionPenalty(logits: number[], contextIds: number[], penalty: number, promptIgnoreLength?: number): number[] {
  if (typeof penalty !== 'number' || penalty <= 0 || penalty !== penalty || penalty === Infinity) {
    throw new Error('bad penalty');
  }
  let start = 0;
  if (promptIgnoreLength !== undefined) {
    if (Math.floor(promptIgnoreLength) !== promptIgnoreLength || promptIgnoreLength < 0) {
      throw new Error('bad promptIgnoreLength');
    }
    start = promptIgnoreLength;
  }
  const V = logits.length;
  const result: number[] = [];
  for (let i = 0; i < V; i++) result.push(logits[i]);
  const seen: boolean[] = [];
  for (let i = 0; i < V; i++) seen.push(false);
  for (let i = start; i < contextIds.length; i++) {
    const id = contextIds[i];
    if (Math.floor(id) !== id || id < 0 || id >= V) throw new Error('bad token id ' + id);
    if (seen[id]) continue;
    seen[id] = true;
    if (logits[id] < 0) result[id] = logits[id] * penalty;
    else result[id] = logits[id] / penalty;
  }
  return result;
}
