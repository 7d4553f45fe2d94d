// RE: the event loop written as recursion, one call per event (an arrival or a release). Correct, but the
// recursion depth is the number of events: the largest hidden test ("scale n=5000", about 10^4 events)
// overflows QuickJS's stack (InternalError: stack overflow). Smaller tests pass.
interface Req { id: number; arrival: number; prompt: number; output: number }

export function schedule(requests: Req[], maxBatch: number, maxKV: number): number[] {
  if (!Number.isInteger(maxBatch) || maxBatch < 1 || !Number.isInteger(maxKV) || maxKV < 1) throw new Error('bad limits');
  const seen = new Set<number>();
  for (const r of requests) {
    if (!Number.isInteger(r.id) || seen.has(r.id)) throw new Error('bad id');
    seen.add(r.id);
    if (!Number.isInteger(r.arrival) || r.arrival < 0 || r.arrival > 1e9) throw new Error('bad arrival');
    if (!Number.isInteger(r.prompt) || r.prompt < 1 || r.prompt > 1e9) throw new Error('bad prompt');
    if (!Number.isInteger(r.output) || r.output < 1 || r.output > 1e9) throw new Error('bad output');
    if (r.prompt + r.output > maxKV) throw new Error('never fits');
  }
  const order = requests.map((_, i) => i).sort((a, b) => requests[a]!.arrival - requests[b]!.arrival || requests[a]!.id - requests[b]!.id);
  const finish = new Array<number>(requests.length);
  const running: Array<{ f: number; need: number }> = []; // sorted by finish, earliest first

  function run(t: number, next: number, used: number): void {
    if (next === order.length) return;
    while (running.length > 0 && running[0]!.f < t) used -= running.shift()!.need;
    const r = requests[order[next]!]!;
    if (r.arrival > t) return run(r.arrival, next, used);
    const need = r.prompt + r.output;
    if (running.length >= maxBatch || used + need > maxKV) return run(running[0]!.f + 1, next, used);
    const f = t + r.output - 1;
    finish[order[next]!] = f;
    let at = running.length;
    while (at > 0 && running[at - 1]!.f > f) at--;
    running.splice(at, 0, { f, need });
    return run(t, next + 1, used + need);
  }

  run(0, 0, 0);
  return finish;
}
