// Accepted, style: written in 30 minutes: map/filter/sort/spread, export const, built-ins where handy. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
export const repetitionPenalty = (
  logits: number[],
  contextIds: number[],
  penalty: number,
  promptIgnoreLength: number = 0,
): number[] => {
  if (!Number.isFinite(penalty) || penalty <= 0) throw new Error('bad penalty');
  if (!Number.isInteger(promptIgnoreLength) || promptIgnoreLength < 0) throw new Error('bad promptIgnoreLength');
  const ids = new Set(contextIds.slice(promptIgnoreLength));
  ids.forEach((t) => {
    if (!Number.isInteger(t) || t < 0 || t >= logits.length) throw new Error(`bad id ${t}`);
  });
  const out = [...logits];
  ids.forEach((t) => {
    out[t] = logits[t] < 0 ? logits[t] * penalty : logits[t] / penalty;
  });
  return out;
};
