// Accepted: arrow-function entry, functional style (slice, filter, Set, map), validation up front.

const isTokenId = (V: number) => (t: number): boolean => Number.isInteger(t) && t >= 0 && t < V;

export const repetitionPenalty = (
  logits: number[],
  contextIds: number[],
  penalty: number,
  promptIgnoreLength = 0,
): number[] => {
  if (!(Number.isFinite(penalty) && penalty > 0)) throw new Error(`invalid penalty ${penalty}`);
  if (!(Number.isInteger(promptIgnoreLength) && promptIgnoreLength >= 0)) {
    throw new Error(`invalid promptIgnoreLength ${promptIgnoreLength}`);
  }
  const considered = contextIds.slice(promptIgnoreLength);
  const invalid = considered.filter((t) => !isTokenId(logits.length)(t));
  if (invalid.length > 0) throw new Error(`invalid token id ${invalid[0]}`);
  const penalised = new Set(considered);
  return logits.map((x, t) => (penalised.has(t) ? (x < 0 ? x * penalty : x / penalty) : x));
};
