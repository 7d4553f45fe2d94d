/**
 * Accepted: functional style. Each row's expert ids are sorted with a comparator (logit desc, id asc) and
 * sliced; weights by map/reduce; capacity as a reduce over the rank-major list of (token, rank) pairs.
 */
type Pair = [expert: number, weight: number];

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);

const topK = (row: number[], k: number): number[] =>
  row
    .map((_, e) => e)
    .sort((a, b) => row[b]! - row[a]! || a - b)
    .slice(0, k);

const softmax = (xs: number[]): number[] => {
  const m = Math.max(...xs);
  const ex = xs.map((x) => Math.exp(x - m));
  const z = ex.reduce((s, v) => s + v, 0);
  return ex.map((v) => v / z);
};

export const route = (
  gateLogits: number[][],
  k = 2,
  capacity: number | null = null,
): { assignments: Pair[][]; load: number[] } => {
  const [first] = gateLogits;
  if (!first || first.length === 0) throw new Error('gateLogits must be a non-empty T × E matrix');
  const E = first.length;
  if (gateLogits.some((row) => row.length !== E)) throw new Error('rows have different lengths');
  if (gateLogits.some((row) => row.some((x) => !Number.isFinite(x)))) throw new Error('non-finite logit');
  if (!isInt(k) || k < 1 || k > E) throw new Error(`k must be an integer in [1, ${E}]`);
  if (capacity !== null && (!isInt(capacity) || capacity < 0)) throw new Error('capacity must be null or an integer >= 0');

  const routed = gateLogits.map((row) => {
    const ids = topK(row, k);
    const ws = softmax(ids.map((e) => row[e]!));
    return ids.map((e, r): Pair => [e, ws[r]!]);
  });

  const order = Array.from({ length: k }, (_, r) => gateLogits.map((_, t) => [t, r] as const)).flat();
  const { kept, load } = order.reduce(
    (acc, [t, r]) => {
      const [e] = routed[t]![r]!;
      if (capacity === null || acc.load[e]! < capacity) {
        acc.load[e]!++;
        acc.kept.add(t * k + r);
      }
      return acc;
    },
    { kept: new Set<number>(), load: new Array<number>(E).fill(0) },
  );

  const assignments = routed.map((pairs, t) => pairs.filter((_, r) => kept.has(t * k + r)));
  return { assignments, load };
};
