// Accepted: functional style, written the way HF computes it: cos/sin over cat(freqs, freqs) and
// out = x·cos + rotate_half(x)·sin for "half"; adjacent pairs via a complex multiply for "interleaved".
const STYLES = ['interleaved', 'half'];

const invFreqs = (d: number, base: number): number[] => Array.from({ length: d / 2 }, (_, i) => 1 / base ** ((2 * i) / d));

const rotateHalf = (x: number[]): number[] => {
  const h = x.length / 2;
  return [...x.slice(h).map((v) => -v), ...x.slice(0, h)];
};

export const rope = (x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] => {
  if (x.length === 0 || x.length % 2 !== 0) throw new RangeError(`length ${x.length} is not a positive even number`);
  if (!STYLES.includes(style)) throw new TypeError(`style ${style}`);
  const angles = invFreqs(x.length, base).map((f) => pos * f);
  if (style === 'half') {
    const emb = [...angles, ...angles];
    const rot = rotateHalf(x);
    return x.map((v, j) => v * Math.cos(emb[j]!) + rot[j]! * Math.sin(emb[j]!));
  }
  return angles.flatMap((t, i) => {
    const [re, im] = [x[2 * i]!, x[2 * i + 1]!];
    const [c, s] = [Math.cos(t), Math.sin(t)];
    return [re * c - im * s, re * s + im * c];
  });
};
