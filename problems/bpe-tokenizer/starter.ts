/** Learns up to vocabSize − 256 merges from the UTF-8 bytes of `text`; merges[i] creates token 256 + i. */
export function bpeTrain(text: string, vocabSize: number): Array<[number, number]> {
  throw new Error('not implemented');
}

/** Encodes `text` (UTF-8 bytes) by repeatedly merging the lowest-ranked pair present; returns the token ids. */
export function bpeEncode(text: string, merges: Array<[number, number]>): number[] {
  throw new Error('not implemented');
}
