// Accepted: a plain imperative solution with one loop per layout and θ = pos / base^(2i/d).
function rope(x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] {
  const d = x.length;
  if (d === 0 || d % 2 === 1) throw new Error('bad length');
  const out: number[] = [];
  for (let j = 0; j < d; j++) out.push(0);
  if (style === 'interleaved') {
    for (let i = 0; i < d / 2; i++) {
      const t = pos / Math.pow(base, (2 * i) / d);
      const re = x[2 * i]!;
      const im = x[2 * i + 1]!;
      out[2 * i] = re * Math.cos(t) - im * Math.sin(t);
      out[2 * i + 1] = im * Math.cos(t) + re * Math.sin(t);
    }
  } else if (style === 'half') {
    const h = d / 2;
    for (let i = 0; i < h; i++) {
      const t = pos / Math.pow(base, (2 * i) / d);
      out[i] = x[i]! * Math.cos(t) - x[i + h]! * Math.sin(t);
      out[i + h] = x[i + h]! * Math.cos(t) + x[i]! * Math.sin(t);
    }
  } else {
    throw new Error('unknown style: ' + style);
  }
  return out;
}
