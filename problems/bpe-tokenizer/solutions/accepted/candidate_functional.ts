// Accepted, style: map/filter/reduce, spread, destructuring, export const entries. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
type Pair = [number, number];

const encodeCodePoint = (cp: number): number[] =>
  cp < 0x80
    ? [cp]
    : cp < 0x800
      ? [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)]
      : cp < 0x10000
        ? [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)]
        : [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];

// string iteration walks code points, so a surrogate pair is one element
const toBytes = (text: string): number[] => [...text].flatMap((ch) => encodeCodePoint(ch.codePointAt(0)!));

const key = (a: number, b: number): string => `${a},${b}`;

const pairKeys = (ids: number[]): string[] => ids.slice(1).map((b, i) => key(ids[i], b));

const countPairs = (ids: number[]): Map<string, number> =>
  pairKeys(ids).reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());

const merge = (ids: number[], [x, y]: Pair, id: number): number[] =>
  ids.reduce<{ out: number[]; skip: boolean }>(
    (acc, t, i) => {
      if (acc.skip) return { out: acc.out, skip: false };
      if (t === x && ids[i + 1] === y && i + 1 < ids.length) {
        acc.out.push(id);
        return { out: acc.out, skip: true };
      }
      acc.out.push(t);
      return acc;
    },
    { out: [], skip: false },
  ).out;

const parseKey = (k: string): Pair => {
  const [a, b] = k.split(',').map(Number);
  return [a, b];
};

export const bpeTrain = (text: string, vocabSize: number): Pair[] => {
  const rounds = Array.from({ length: Math.max(0, vocabSize - 256) }, (_, i) => i);
  const { merges } = rounds.reduce<{ ids: number[]; merges: Pair[]; done: boolean }>(
    (state, i) => {
      if (state.done || state.ids.length < 2) return { ...state, done: true };
      // Map iteration order is first-occurrence order; keep the first entry with the max count
      const [bestKey] = [...countPairs(state.ids)].reduce((best, cur) => (cur[1] > best[1] ? cur : best));
      const pair = parseKey(bestKey);
      return { ids: merge(state.ids, pair, 256 + i), merges: [...state.merges, pair], done: false };
    },
    { ids: toBytes(text), merges: [], done: false },
  );
  return merges;
};

export const bpeEncode = (text: string, merges: Pair[]): number[] => {
  const ranks = new Map(merges.map(([a, b], r) => [key(a, b), r] as const));
  const step = (ids: number[]): number[] | null => {
    const present = pairKeys(ids)
      .map((k) => ranks.get(k))
      .filter((r): r is number => r !== undefined);
    if (present.length === 0) return null;
    const best = present.reduce((a, b) => Math.min(a, b));
    return merge(ids, merges[best], 256 + best);
  };
  let ids = toBytes(text);
  for (let next = step(ids); next !== null; next = step(ids)) ids = next;
  return ids;
};
