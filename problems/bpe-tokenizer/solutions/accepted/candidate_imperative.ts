// Accepted, style: plain loops and arrays. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
function utf8Bytes(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++; // surrogate pair consumed two code units
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

const SHIFT = 65536; // token ids stay below 256 + 5000

function mergePair(ids: number[], x: number, y: number, id: number): number[] {
  const out: number[] = [];
  let i = 0;
  const n = ids.length;
  while (i < n) {
    if (i + 1 < n && ids[i] === x && ids[i + 1] === y) {
      out.push(id);
      i += 2;
    } else {
      out.push(ids[i]);
      i += 1;
    }
  }
  return out;
}

export function bpeTrain(text: string, vocabSize: number): Array<[number, number]> {
  let ids = utf8Bytes(text);
  const merges: Array<[number, number]> = [];
  const numMerges = vocabSize - 256;
  for (let m = 0; m < numMerges; m++) {
    if (ids.length < 2) break;
    const counts = new Map<number, number>(); // insertion order = first occurrence order
    for (let i = 0; i + 1 < ids.length; i++) {
      const key = ids[i] * SHIFT + ids[i + 1];
      const c = counts.get(key);
      counts.set(key, c === undefined ? 1 : c + 1);
    }
    let bestKey = -1;
    let bestCount = 0;
    for (const [key, c] of counts) {
      if (c > bestCount) {
        bestCount = c;
        bestKey = key;
      }
    }
    const a = Math.floor(bestKey / SHIFT);
    const b = bestKey % SHIFT;
    merges.push([a, b]);
    ids = mergePair(ids, a, b, 256 + m);
  }
  return merges;
}

export function bpeEncode(text: string, merges: Array<[number, number]>): number[] {
  let ids = utf8Bytes(text);
  const rank = new Map<number, number>();
  for (let r = 0; r < merges.length; r++) {
    rank.set(merges[r][0] * SHIFT + merges[r][1], r);
  }
  while (ids.length >= 2) {
    let best = -1;
    for (let i = 0; i + 1 < ids.length; i++) {
      const r = rank.get(ids[i] * SHIFT + ids[i + 1]);
      if (r !== undefined && (best === -1 || r < best)) best = r;
    }
    if (best === -1) break;
    ids = mergePair(ids, merges[best][0], merges[best][1], 256 + best);
  }
  return ids;
}
