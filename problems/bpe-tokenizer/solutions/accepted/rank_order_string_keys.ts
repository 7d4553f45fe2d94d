/**
 * Accepted alternative. Training counts pairs in a Map with string keys "a,b" and remembers each pair's first
 * position explicitly; encoding applies every merge once, in rank order. For a well-formed merge list that is the
 * same as repeatedly merging the lowest-ranked pair present: a pair of rank r can only be created by merges of rank
 * < r (both its parts are < 256 + r), so once the ranks pass r, pair r never reappears.
 */

function toUtf8(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return bytes;
}

function replacePair(ids: number[], a: number, b: number, id: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i + 1 < ids.length && ids[i] === a && ids[i + 1] === b) {
      out.push(id);
      i++;
    } else {
      out.push(ids[i]!);
    }
  }
  return out;
}

export function bpeTrain(text: string, vocabSize: number): Array<[number, number]> {
  let ids = toUtf8(text);
  const merges: Array<[number, number]> = [];
  while (merges.length < vocabSize - 256 && ids.length >= 2) {
    const stats = new Map<string, { count: number; first: number; a: number; b: number }>();
    for (let i = 0; i + 1 < ids.length; i++) {
      const key = `${ids[i]},${ids[i + 1]}`;
      const s = stats.get(key);
      if (s) s.count++;
      else stats.set(key, { count: 1, first: i, a: ids[i]!, b: ids[i + 1]! });
    }
    let best: { count: number; first: number; a: number; b: number } | null = null;
    for (const s of stats.values()) {
      if (!best || s.count > best.count || (s.count === best.count && s.first < best.first)) best = s;
    }
    merges.push([best!.a, best!.b]);
    ids = replacePair(ids, best!.a, best!.b, 256 + merges.length - 1);
  }
  return merges;
}

export function bpeEncode(text: string, merges: Array<[number, number]>): number[] {
  let ids = toUtf8(text);
  for (let r = 0; r < merges.length && ids.length >= 2; r++) {
    const [a, b] = merges[r]!;
    ids = replacePair(ids, a, b, 256 + r);
  }
  return ids;
}
