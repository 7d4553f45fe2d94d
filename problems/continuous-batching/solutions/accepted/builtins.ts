// Accepted: leans on built-ins: Array.prototype.sort for the admission order and for the running set (kept as an
// array re-sorted by finish after every admission), findIndex / splice to release, Math.min over a spread.
export function schedule(requests: { id: number; arrival: number; prompt: number; output: number }[], maxBatch: number, maxKV: number) {
  const ok = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
  if (!ok(maxBatch, 1, Number.MAX_SAFE_INTEGER) || !ok(maxKV, 1, Number.MAX_SAFE_INTEGER)) throw new RangeError('maxBatch / maxKV');
  if (requests.some((r) => !Number.isInteger(r.id) || !ok(r.arrival, 0, 1e9) || !ok(r.prompt, 1, 1e9) || !ok(r.output, 1, 1e9))) {
    throw new RangeError('request field out of range');
  }
  if (requests.some((r) => r.prompt + r.output > maxKV)) throw new RangeError('a request larger than maxKV');
  const ids = requests.map((r) => r.id).sort((a, b) => a - b);
  if (ids.some((id, i) => i > 0 && id === ids[i - 1])) throw new RangeError('duplicate id');

  const queue = requests.map((r, index) => ({ ...r, index })).sort((a, b) => a.arrival - b.arrival || a.id - b.id);
  const finish = new Array<number>(requests.length);
  let running: Array<{ finish: number; need: number }> = [];
  let used = 0;
  let t = 0;
  for (const r of queue) {
    t = Math.max(t, r.arrival);
    const need = r.prompt + r.output;
    for (;;) {
      const still = running.findIndex((x) => x.finish >= t);
      const gone = still < 0 ? running : running.slice(0, still);
      used -= gone.reduce((s, x) => s + x.need, 0);
      running.splice(0, gone.length);
      if (running.length < maxBatch && used + need <= maxKV) break;
      t = Math.min(...running.map((x) => x.finish)) + 1;
    }
    finish[r.index] = t + r.output - 1;
    used += need;
    running.push({ finish: finish[r.index]!, need });
    running.sort((a, b) => a.finish - b.finish);
  }
  return finish;
}
