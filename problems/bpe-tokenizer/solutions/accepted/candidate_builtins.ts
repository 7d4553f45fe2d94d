// Accepted, style: leans on built-ins. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
// No TextEncoder in the sandbox: encodeURIComponent gives UTF-8 as %XX escapes, unescape turns them into latin-1 chars.
const bytes = (s: string): number[] => Array.from(unescape(encodeURIComponent(s)), (c) => c.charCodeAt(0));

const merge = (ids: number[], a: number, b: number, id: number): number[] => {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] === a && ids[i + 1] === b) out.push(id), i++;
    else out.push(ids[i]);
  }
  return out;
};

export function bpeTrain(text: string, vocabSize: number): Array<[number, number]> {
  let ids = bytes(text);
  const merges: Array<[number, number]> = [];
  for (let id = 256; id < vocabSize && ids.length > 1; id++) {
    const stats = new Map<string, number>();
    for (let i = 1; i < ids.length; i++) {
      const k = ids[i - 1] + ' ' + ids[i];
      stats.set(k, (stats.get(k) ?? 0) + 1);
    }
    let best = '', max = 0;
    stats.forEach((c, k) => c > max && ((max = c), (best = k)));
    const [a, b] = best.split(' ').map(Number);
    merges.push([a, b]);
    ids = merge(ids, a, b, id);
  }
  return merges;
}

export function bpeEncode(text: string, merges: Array<[number, number]>): number[] {
  const rank = new Map(merges.map(([a, b], r) => [a + ' ' + b, r]));
  let ids = bytes(text);
  for (;;) {
    let best = Infinity;
    for (let i = 1; i < ids.length; i++) best = Math.min(best, rank.get(ids[i - 1] + ' ' + ids[i]) ?? Infinity);
    if (best === Infinity) return ids;
    ids = merge(ids, merges[best][0], merges[best][1], 256 + best);
  }
}
