// Accepted, style: map/filter/reduce, spread, destructuring, export const entries. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
type Tok = { id: number; s: number };

const isFinite_ = ({ s }: Tok): boolean => s !== -Infinity;

const softmax = (toks: Tok[]): Array<Tok & { p: number }> => {
  const m = toks.reduce((acc, { s }) => Math.max(acc, s), -Infinity);
  const ws = toks.map((t) => ({ ...t, w: Math.exp(t.s - m) }));
  const z = ws.reduce((acc, { w }) => acc + w, 0);
  return ws.map(({ id, s, w }) => ({ id, s, p: w / z }));
};

const greedy = (logits: number[]): number[] => {
  const best = logits.reduce((b, x, i) => (x > logits[b] ? i : b), 0);
  return logits.map((_, i) => (i === best ? 1 : 0));
};

const applyTopK = (toks: Tok[], topK: number, minKeep: number): Tok[] => {
  const V = toks.length;
  if (topK === 0 || topK >= V) return toks;
  const k = Math.min(Math.max(topK, minKeep), V);
  const tau = toks.map(({ s }) => s).sort((a, b) => (a === b ? 0 : a > b ? -1 : 1))[k - 1];
  return toks.filter(({ s }) => s >= tau);
};

const applyTopP = (toks: Tok[], topP: number, minKeep: number): Tok[] => {
  if (topP >= 1) return toks;
  const ranked = softmax(toks.filter(isFinite_)).sort((a, b) => b.p - a.p || a.id - b.id);
  const need = Math.min(minKeep, ranked.length);
  const { count } = ranked.reduce(
    (acc, { p }, i) => {
      if (acc.count > 0) return acc;
      const cum = acc.cum + p;
      return { cum, count: cum >= topP && i + 1 >= need ? i + 1 : 0 };
    },
    { cum: 0, count: 0 },
  );
  return ranked.slice(0, count || ranked.length).map(({ id, s }) => ({ id, s }));
};

export const filterProbs = (
  logits: number[],
  temperature: number,
  topK: number,
  topP: number,
  minTokensToKeep = 1,
): number[] => {
  if (temperature === 0) return greedy(logits);
  const scaled: Tok[] = logits.map((x, id) => ({ id, s: x / temperature }));
  const kept = applyTopP(applyTopK(scaled, topK, minTokensToKeep), topP, minTokensToKeep);
  const probs = new Map(softmax(kept.filter(isFinite_)).map(({ id, p }) => [id, p] as const));
  return logits.map((_, id) => probs.get(id) ?? 0);
};

export const sampleToken = (
  logits: number[],
  temperature: number,
  topK: number,
  topP: number,
  u: number,
  minTokensToKeep = 1,
): number => {
  const support = filterProbs(logits, temperature, topK, topP, minTokensToKeep)
    .map((q, id) => ({ q, id }))
    .filter(({ q }) => q > 0);
  const cdf = support.map(
    (
      (c) =>
      ({ q }) =>
        (c += q)
    )(0),
  );
  const hit = cdf.findIndex((c) => u < c);
  return support[hit === -1 ? support.length - 1 : hit].id;
};
