// Accepted, style: written in 30 minutes: map/filter/sort/spread, export const, built-ins where handy. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
export const rope = (x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] => {
  const d = x.length;
  if (!d || d % 2) throw new Error('bad length');
  if (!['interleaved', 'half'].includes(style)) throw new Error('bad style');
  const h = d / 2;
  const out = [...x];
  for (let i = 0; i < h; i++) {
    const theta = pos / base ** ((2 * i) / d);
    const [c, s] = [Math.cos(theta), Math.sin(theta)];
    const [a, b] = style === 'interleaved' ? [2 * i, 2 * i + 1] : [i, i + h];
    out[a] = x[a] * c - x[b] * s;
    out[b] = x[b] * c + x[a] * s;
  }
  return out;
};
