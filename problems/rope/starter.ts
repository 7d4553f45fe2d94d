/** Rotates the pairs of the head vector x by the angles of position pos (RoPE); returns a new array. */
export function rope(x: number[], pos: number, base: number, style: 'interleaved' | 'half'): number[] {
  throw new Error('not implemented');
}
