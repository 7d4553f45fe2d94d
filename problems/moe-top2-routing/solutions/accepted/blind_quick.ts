// Accepted, style: written in 30 minutes: map/filter/sort/spread, export const, built-ins where handy. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
export const route = (gateLogits: number[][], k = 2, capacity: number | null = null) => {
  const T = gateLogits.length;
  const E = T ? gateLogits[0].length : 0;
  if (!T || !E) throw new Error('empty logits');
  if (gateLogits.some((row) => row.length !== E)) throw new Error('ragged logits');
  if (gateLogits.some((row) => row.some((x) => !Number.isFinite(x)))) throw new Error('non-finite logit');
  if (!Number.isInteger(k) || k < 1 || k > E) throw new Error('bad k');
  if (capacity != null && (!Number.isInteger(capacity) || capacity < 0)) throw new Error('bad capacity');

  const picks = gateLogits.map((row) => {
    const top = row
      .map((x, e) => ({ x, e }))
      .sort((a, b) => b.x - a.x || a.e - b.e)
      .slice(0, k);
    const ex = top.map((p) => Math.exp(p.x - top[0].x));
    const s = ex.reduce((a, b) => a + b, 0);
    return top.map((p, r) => ({ expert: p.e, weight: ex[r] / s, kept: false }));
  });

  const load = new Array(E).fill(0);
  for (let r = 0; r < k; r++) {
    picks.forEach((p) => {
      const a = p[r];
      if (capacity == null || load[a.expert] < capacity) {
        load[a.expert]++;
        a.kept = true;
      }
    });
  }

  const assignments = picks.map((p) => p.filter((a) => a.kept).map((a) => [a.expert, a.weight] as [number, number]));
  return { assignments, load };
};
