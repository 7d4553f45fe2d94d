/**
 * WRONG ANSWER: uses `>=` when scanning for the maximum, so a tie goes to the pair whose first occurrence is the
 * LATEST instead of the earliest.
 * Caught by the samples "training: merge the most frequent pair" (round 2 ties (256,97) with (97,98)) and "tie goes
 * to the earliest pair" ("babab", 258 → [[98,97],[256,256]]; this returns [[97,98],...]).
 */

/**
 * Pair (a, b) as one number, a * PAIR_BASE + b: unique because every id is below 256 + 5000 < PAIR_BASE. The base is
 * deliberately not a power of two: with a * 2^16 + b the low bits of the key depend on b alone, which makes hash
 * tables (QuickJS's Map among them) collide heavily.
 */
const PAIR_BASE = 8191;

/** UTF-8 bytes of a string, by hand (what `new TextEncoder().encode(text)` produces). */
function utf8Bytes(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) as number;
    if (cp > 0xffff) i++; // a surrogate pair is one code point: skip its low half
    if (cp < 0x80) {
      out.push(cp);
    } else if (cp < 0x800) {
      out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    } else {
      out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    }
  }
  return out;
}

/** Replaces every non-overlapping occurrence of (a, b), scanning left to right, with `id`. */
function mergePair(ids: number[], a: number, b: number, id: number): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < ids.length) {
    if (i + 1 < ids.length && ids[i] === a && ids[i + 1] === b) {
      out.push(id);
      i += 2;
    } else {
      out.push(ids[i] as number);
      i += 1;
    }
  }
  return out;
}

/** Learns up to vocabSize − 256 merges; merges[i] creates token 256 + i. */
export function bpeTrain(text: string, vocabSize: number): Array<[number, number]> {
  let ids = utf8Bytes(text);
  const merges: Array<[number, number]> = [];
  for (let i = 0; i < vocabSize - 256; i++) {
    if (ids.length < 2) break; // no pair left to merge: stop early
    // Overlapping pair counts. A Map iterates in insertion order, i.e. by first occurrence in `ids`.
    const counts = new Map<number, number>();
    for (let j = 0; j + 1 < ids.length; j++) {
      const key = (ids[j] as number) * PAIR_BASE + (ids[j + 1] as number);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    // Strict `>` keeps the earliest-occurring pair among those tied at the maximum (Python's max()).
    let best = -1;
    let bestCount = 0;
    for (const [key, count] of counts) {
      if (count >= bestCount) {
        best = key;
        bestCount = count;
      }
    }
    const a = Math.floor(best / PAIR_BASE);
    const b = best % PAIR_BASE;
    merges.push([a, b]);
    ids = mergePair(ids, a, b, 256 + i);
  }
  return merges;
}

/** Encodes text by repeatedly merging the lowest-ranked pair present (all its occurrences at once). */
export function bpeEncode(text: string, merges: Array<[number, number]>): number[] {
  const rank = new Map<number, number>();
  merges.forEach(([a, b], r) => rank.set(a * PAIR_BASE + b, r));
  let ids = utf8Bytes(text);
  while (ids.length >= 2) {
    let bestRank = Infinity;
    for (let j = 0; j + 1 < ids.length; j++) {
      const r = rank.get((ids[j] as number) * PAIR_BASE + (ids[j + 1] as number));
      if (r !== undefined && r < bestRank) bestRank = r;
    }
    if (bestRank === Infinity) break; // no mergeable pair left
    const [a, b] = merges[bestRank] as [number, number];
    ids = mergePair(ids, a, b, 256 + bestRank);
  }
  return ids;
}
