// Accepted, style: written fast under time pressure: correct, not polished. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
function toBytes(s: string): number[] {
  const res: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 128) res.push(c);
    else if (c < 2048) res.push(192 | (c >> 6), 128 | (c & 63));
    else if (c < 65536) res.push(224 | (c >> 12), 128 | ((c >> 6) & 63), 128 | (c & 63));
    else res.push(240 | (c >> 18), 128 | ((c >> 12) & 63), 128 | ((c >> 6) & 63), 128 | (c & 63));
  }
  return res;
}

function doMerge(ids: number[], p: number[], idx: number): number[] {
  const res = [];
  let i = 0;
  while (i < ids.length) {
    if (i < ids.length - 1 && ids[i] == p[0] && ids[i + 1] == p[1]) {
      res.push(idx);
      i += 2;
    } else {
      res.push(ids[i]);
      i++;
    }
  }
  return res;
}

export function bpeTrain(text: string, vocabSize: number): Array<[number, number]> {
  let ids = toBytes(text);
  const merges: Array<[number, number]> = [];
  for (let i = 0; i < vocabSize - 256; i++) {
    if (ids.length < 2) break;
    const cnt: Map<string, number> = new Map();
    for (let j = 0; j < ids.length - 1; j++) {
      const k = ids[j] + ',' + ids[j + 1];
      cnt.set(k, (cnt.get(k) || 0) + 1);
    }
    // Map keeps insertion order -> first max is the leftmost one
    let best: string | null = null;
    for (const k of cnt.keys()) {
      if (best === null || cnt.get(k)! > cnt.get(best)!) best = k;
    }
    const p = best!.split(',').map((x) => parseInt(x));
    merges.push([p[0], p[1]]);
    ids = doMerge(ids, p, 256 + i);
  }
  return merges;
}

export function bpeEncode(text: string, merges: Array<[number, number]>): number[] {
  const ranks: Map<string, number> = new Map();
  merges.forEach((m, i) => ranks.set(m[0] + ',' + m[1], i));
  let ids = toBytes(text);
  while (ids.length >= 2) {
    let best = -1;
    for (let j = 0; j < ids.length - 1; j++) {
      const r = ranks.get(ids[j] + ',' + ids[j + 1]);
      if (r !== undefined && (best < 0 || r < best)) best = r;
    }
    if (best < 0) break;
    ids = doMerge(ids, merges[best], 256 + best);
  }
  return ids;
}
