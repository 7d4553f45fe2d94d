// Accepted, style: plain loops and arrays. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
/** Rotates the pairs of the head vector x by the angles of position pos (RoPE); returns a new array. */
export function rope(x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] {
  const d = x.length;
  if (d === 0 || d % 2 !== 0) {
    throw new Error('x must have a positive even length');
  }
  if (style !== 'interleaved' && style !== 'half') {
    throw new Error('unknown style: ' + style);
  }
  const h = d / 2;
  const out: number[] = new Array(d);
  for (let i = 0; i < h; i++) {
    const theta = pos / Math.pow(base, (2 * i) / d);
    const c = Math.cos(theta);
    const s = Math.sin(theta);
    let a: number;
    let b: number;
    if (style === 'interleaved') {
      a = 2 * i;
      b = 2 * i + 1;
    } else {
      a = i;
      b = i + h;
    }
    out[a] = x[a] * c - x[b] * s;
    out[b] = x[b] * c + x[a] * s;
  }
  return out;
}
