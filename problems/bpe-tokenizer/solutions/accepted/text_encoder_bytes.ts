/**
 * Accepted: the reference's algorithm, with the UTF-8 bytes taken from the sandbox's `TextEncoder`
 * (`new TextEncoder().encode(text)` returns a Uint8Array; `Array.from` turns it into plain ids), as most candidates
 * write it. Checks that the TextEncoder path gives the same bytes as hand encoding on every test (emoji, ZWJ
 * sequences, the U+007F/U+0080/U+07FF/U+0800/U+FFFF/U+10000/U+10FFFF boundaries) and stays within budget.
 */

const encoder = new TextEncoder();

function merge(ids: number[], a: number, b: number, id: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i + 1 < ids.length && ids[i] === a && ids[i + 1] === b) {
      out.push(id);
      i++;
    } else out.push(ids[i]!);
  }
  return out;
}

export function bpeTrain(text: string, vocabSize: number): Array<[number, number]> {
  let ids = Array.from(encoder.encode(text));
  const merges: Array<[number, number]> = [];
  for (let id = 256; id < vocabSize && ids.length >= 2; id++) {
    const counts = new Map<string, number>();
    for (let i = 0; i + 1 < ids.length; i++) {
      const key = `${ids[i]},${ids[i + 1]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    let best = '';
    let bestCount = 0;
    for (const [key, c] of counts) {
      if (c > bestCount) {
        best = key;
        bestCount = c;
      }
    }
    const [a, b] = best.split(',').map(Number) as [number, number];
    merges.push([a, b]);
    ids = merge(ids, a, b, id);
  }
  return merges;
}

export function bpeEncode(text: string, merges: Array<[number, number]>): number[] {
  const rank = new Map<string, number>();
  merges.forEach(([a, b], r) => rank.set(`${a},${b}`, r));
  let ids = [...new TextEncoder().encode(text)];
  while (ids.length >= 2) {
    let best = Infinity;
    for (let i = 0; i + 1 < ids.length; i++) {
      const r = rank.get(`${ids[i]},${ids[i + 1]}`);
      if (r !== undefined && r < best) best = r;
    }
    if (best === Infinity) break;
    const [a, b] = merges[best]!;
    ids = merge(ids, a, b, 256 + best);
  }
  return ids;
}
