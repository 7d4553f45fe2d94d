/**
 * TIME LIMIT EXCEEDED: correct, but merges in place with `ids.splice(i, 2, id)`. Each splice shifts the whole tail of
 * the array, so one merge round costs O(occurrences × n) instead of O(n): O(n²) per round on ordinary text, where
 * the most frequent pair occurs in a fixed share of the positions. `splice` is native, but the judge charges it one
 * tick per element it moves.
 * Caught by the scale group ("scale n=...: train on words, 1 merge", n = 2,500 ... 20,000 bytes) and the
 * 20,000-byte encode test.
 */

function mergeInPlace(ids: number[], a: number, b: number, id: number): void {
  for (let i = 0; i + 1 < ids.length; i++) {
    if (ids[i] === a && ids[i + 1] === b) ids.splice(i, 2, id);
  }
}

function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

export function bpeTrain(text: string, vocabSize: number): Array<[number, number]> {
  const ids = utf8(text);
  const merges: Array<[number, number]> = [];
  for (let id = 256; id < vocabSize && ids.length >= 2; id++) {
    const counts = new Map<string, number>();
    for (let i = 0; i + 1 < ids.length; i++) {
      const key = ids[i] + ',' + ids[i + 1];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    let best = '';
    let bestCount = 0;
    counts.forEach((c, key) => {
      if (c > bestCount) {
        best = key;
        bestCount = c;
      }
    });
    const [a, b] = best.split(',').map(Number) as [number, number];
    merges.push([a, b]);
    mergeInPlace(ids, a, b, id);
  }
  return merges;
}

export function bpeEncode(text: string, merges: Array<[number, number]>): number[] {
  const rank = new Map<string, number>();
  merges.forEach(([a, b], r) => rank.set(a + ',' + b, r));
  const ids = utf8(text);
  while (ids.length >= 2) {
    let best = Infinity;
    for (let i = 0; i + 1 < ids.length; i++) {
      const r = rank.get(ids[i] + ',' + ids[i + 1]);
      if (r !== undefined && r < best) best = r;
    }
    if (best === Infinity) break;
    mergeInPlace(ids, merges[best]![0], merges[best]![1], 256 + best);
  }
  return ids;
}
