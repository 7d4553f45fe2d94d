/**
 * Accepted alternative: a literal port of minbpe (`get_stats` builds a fresh stats Map every round, keys are
 * strings "a,b"; training takes the first maximal entry, encoding takes the entry with the smallest rank).
 * Checks that a faithful, unoptimised port stays within the time budget.
 */

function encodeUtf8(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp <= 0x7f) {
      bytes.push(cp);
    } else if (cp <= 0x7ff) {
      bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    } else if (cp <= 0xffff) {
      bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    } else {
      bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    }
  }
  return bytes;
}

function getStats(ids: number[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < ids.length; i++) {
    const key = ids[i] + ',' + ids[i + 1];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return counts;
}

function merge(ids: number[], pair: [number, number], idx: number): number[] {
  const newIds: number[] = [];
  let i = 0;
  while (i < ids.length) {
    if (ids[i] === pair[0] && i < ids.length - 1 && ids[i + 1] === pair[1]) {
      newIds.push(idx);
      i += 2;
    } else {
      newIds.push(ids[i]!);
      i += 1;
    }
  }
  return newIds;
}

const parse = (key: string): [number, number] => key.split(',').map(Number) as [number, number];

export function bpeTrain(text: string, vocabSize: number): Array<[number, number]> {
  let ids = encodeUtf8(text);
  const merges: Array<[number, number]> = [];
  for (let i = 0; i < vocabSize - 256; i++) {
    if (ids.length < 2) break;
    const stats = getStats(ids);
    let bestKey = '';
    let bestCount = -1;
    stats.forEach((count, key) => {
      if (count > bestCount) {
        bestCount = count;
        bestKey = key;
      }
    });
    const pair = parse(bestKey);
    ids = merge(ids, pair, 256 + i);
    merges.push(pair);
  }
  return merges;
}

export function bpeEncode(text: string, merges: Array<[number, number]>): number[] {
  const ranks = new Map<string, number>();
  for (let i = 0; i < merges.length; i++) ranks.set(merges[i]![0] + ',' + merges[i]![1], i);
  let ids = encodeUtf8(text);
  while (ids.length >= 2) {
    const stats = getStats(ids);
    let bestKey: string | null = null;
    let bestRank = Infinity;
    for (const key of stats.keys()) {
      const r = ranks.get(key);
      if (r !== undefined && r < bestRank) {
        bestRank = r;
        bestKey = key;
      }
    }
    if (bestKey === null) break;
    ids = merge(ids, parse(bestKey), 256 + bestRank);
  }
  return ids;
}
