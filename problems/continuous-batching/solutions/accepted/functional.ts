// Accepted: functional style: validation with every/some, the admission order with spread + sort comparators,
// the run as a reduce over the sorted requests. Each request's admission step is the first event time at which
// it (the head, since admission is in order) fits: max(arrival, previous admission), then the next release times.
// Running requests are an immutable list sorted by finish, rebuilt with filter / spread on every change.
type Req = { id: number; arrival: number; prompt: number; output: number };
type Running = { finish: number; need: number };

const isIntIn = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;

export const schedule = (requests: Req[], maxBatch: number, maxKV: number): number[] => {
  if (!isIntIn(maxBatch, 1, Infinity) || !isIntIn(maxKV, 1, Infinity)) throw new Error('maxBatch and maxKV must be >= 1');
  const valid = requests.every(({ id, arrival, prompt, output }) =>
    Number.isInteger(id) && isIntIn(arrival, 0, 1e9) && isIntIn(prompt, 1, 1e9) && isIntIn(output, 1, 1e9) && prompt + output <= maxKV);
  if (!valid) throw new Error('invalid request');
  if (new Set(requests.map(({ id }) => id)).size !== requests.length) throw new Error('duplicate id');

  const sorted = [...requests.entries()].sort(([, a], [, b]) => a.arrival - b.arrival || a.id - b.id);
  const usedBy = (run: Running[]) => run.reduce((s, r) => s + r.need, 0);

  const { finish } = sorted.reduce(
    (state, [index, { arrival, prompt, output }]) => {
      const need = prompt + output;
      let t = Math.max(state.t, arrival);
      let running = state.running.filter(({ finish }) => finish >= t);
      let used = usedBy(running);
      while (running.length >= maxBatch || used + need > maxKV) {
        t = running[0]!.finish + 1; // the earliest release
        const freed = running.filter(({ finish }) => finish < t);
        running = running.slice(freed.length);
        used -= usedBy(freed);
      }
      const mine: Running = { finish: t + output - 1, need };
      const at = running.findIndex(({ finish }) => finish > mine.finish);
      const next = at < 0 ? [...running, mine] : [...running.slice(0, at), mine, ...running.slice(at)];
      return { t, running: next, finish: state.finish.set(index, mine.finish) };
    },
    { t: 0, running: [] as Running[], finish: new Map<number, number>() },
  );
  return requests.map((_, i) => finish.get(i)!);
};
