/**
 * Scale-out benchmark: one API process and 1, 2, then 3 grader processes (ROLE=grader, one grading worker each) on
 * one PostgreSQL, the same burst of submissions for each, every one followed live through the API. Prints the
 * throughput and its ratio to one grader (with 2 cores the ideal is 2x; a third process only shares them), the
 * submit → verdict latency p50/p99, and the NOTIFY wake-up delay (insert to claim, both on the database's clock,
 * with the graders idle), and where the CPU went during the burst: CPU milliseconds per submission in the API process, in
 * the grader processes, in PostgreSQL (all its processes) and in this client (from /proc, Linux only).
 *
 *   eval "$(bash .ci/postgres.sh)"; npm run bench:scale [-- --quick]
 *
 * Uses TEST_DATABASE_URL (or BENCH_DATABASE_URL): each configuration works in a schema of its own, dropped after.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Client, ROOT, startServerProcess, type ServerProcess } from '../tests/helpers/server-process.ts';

const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? '';
if (!base) {
  console.error('bench:scale needs a PostgreSQL: eval "$(bash .ci/postgres.sh)" sets TEST_DATABASE_URL');
  process.exit(2);
}
const quick = process.argv.includes('--quick');
const slug = process.env.BENCH_PROBLEM ?? 'sliding-window-mask';
const burst = quick ? 16 : 40;
const code = readFileSync(path.join(ROOT, 'problems', slug, 'solutions', 'accepted', 'reference.ts'), 'utf8');
const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))] ?? NaN;
const line = (label: string, value: string): void => console.log(`${label.padEnd(70)} ${value}`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Figures {
  graders: number;
  perSecond: number;
  p50: number;
  p99: number;
  wakeP50: number;
  wakeMax: number;
  /** CPU milliseconds per submission during the burst, by role. */
  cpu: { api: number; graders: number; postgres: number; client: number };
}

/** CPU time (user + system, all threads) a process has used, in ms; 0 when it cannot be read. */
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim() || 100);
function cpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    // /proc/<pid>/stat: the command may contain spaces, so count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS; // utime, stime
  } catch {
    return 0;
  }
}
/**
 * CPU time of every PostgreSQL process of this machine (the server and one backend per connection), by pid: a burst's
 * share is the growth of each process alive at its end (a backend started during the burst counts from zero; one
 * that ended during it is missed, so the figure is a lower bound).
 */
function postgresMs(): Map<number, number> {
  let pids: number[];
  try {
    pids = execFileSync('pgrep', ['-x', 'postgres']).toString().trim().split('\n').map(Number);
  } catch {
    return new Map();
  }
  return new Map(pids.map((pid) => [pid, cpuMs(pid)]));
}
const postgresSince = (before: Map<number, number>): number =>
  [...postgresMs()].reduce((sum, [pid, ms]) => sum + Math.max(0, ms - (before.get(pid) ?? 0)), 0);

async function measure(graders: number): Promise<Figures> {
  const schema = `judge_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const env = {
    DATABASE_URL: url.toString(),
    SUBMIT_RATE_PER_MINUTE: '100000',
    QUEUE_LIMIT: '100000',
    QUEUED_PER_OWNER: '100000',
  };
  const procs: ServerProcess[] = [];
  try {
    const api = await startServerProcess({ ...env, ROLE: 'api' }, undefined, { startTimeoutMs: 300_000 });
    procs.push(api);
    for (let i = 0; i < graders; i++)
      procs.push(
        await startServerProcess({ ...env, ROLE: 'grader', GRADER_WORKERS: '1' }, undefined, { waitHealthy: false }),
      );
    const c = new Client(api.url);
    for (;;) {
      const h = (await c.request('GET', '/api/health')).json;
      if (h?.queue?.graders === graders) break;
      await sleep(200);
    }
    const submitAndWait = async (): Promise<{ ms: number; id: string }> => {
      const t = performance.now();
      const r = await c.request('POST', '/api/submissions', { problem: slug, code });
      if (r.status !== 202) throw new Error(`submit failed: ${r.status} ${r.text}`);
      const { events } = await c.follow(r.json.id, [api.url]);
      const verdict = events.at(-1)?.data.summary.verdict;
      if (verdict !== 'AC') throw new Error(`unexpected verdict ${verdict}`);
      return { ms: performance.now() - t, id: r.json.id };
    };
    // Warm-up (every grader's first submissions are slower), then the wake-up delay one at a time, graders idle.
    for (let i = 0; i < 2 * graders; i++) await submitAndWait();
    const wakeIds: string[] = [];
    for (let i = 0; i < (quick ? 5 : 10); i++) {
      wakeIds.push((await submitAndWait()).id);
      await sleep(300);
    }
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    const wake = (
      await db.query<{ ms: number }>(
        `SELECT extract(epoch FROM (started_at - created_at)) * 1000 AS ms FROM submissions WHERE id = ANY($1)`,
        [wakeIds],
      )
    ).rows.map((r) => Number(r.ms));
    await db.end();

    // The burst: every submission at once, each followed live.
    const apiPid = api.child.pid;
    const graderPids = procs.slice(1).map((p) => p.child.pid);
    const before = {
      api: cpuMs(apiPid),
      graders: graderPids.reduce((a: number, pid) => a + cpuMs(pid), 0),
      postgres: postgresMs(),
      client: process.cpuUsage(),
    };
    const t = performance.now();
    const lat = await Promise.all(Array.from({ length: burst }, () => submitAndWait().then((r) => r.ms)));
    const perSecond = burst / ((performance.now() - t) / 1000);
    const client = process.cpuUsage(before.client);
    const cpu = {
      api: (cpuMs(apiPid) - before.api) / burst,
      graders: (graderPids.reduce((a: number, pid) => a + cpuMs(pid), 0) - before.graders) / burst,
      postgres: postgresSince(before.postgres) / burst,
      client: (client.user + client.system) / 1000 / burst,
    };
    return {
      cpu,
      graders,
      perSecond,
      p50: pct(lat, 0.5),
      p99: pct(lat, 0.99),
      wakeP50: pct(wake, 0.5),
      wakeMax: Math.max(...wake),
    };
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

console.log(
  `## scale-out on one PostgreSQL: 1 API process, 1-3 grader processes (1 worker each), ${burst} submissions of ` +
    `${slug} (reference), ${os.availableParallelism()} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}`,
);
const results: Figures[] = [];
for (const n of [1, 2, 3]) {
  const f = await measure(n);
  results.push(f);
  const ratio = f.perSecond / results[0]!.perSecond;
  // With C cores the ideal for n processes is min(n, C) times one process.
  const ideal = Math.min(n, os.availableParallelism());
  line(
    `${n} grader${n > 1 ? 's' : ' '}: throughput, ratio to 1, efficiency vs ideal ${ideal}x`,
    `${f.perSecond.toFixed(2)} /s, ${ratio.toFixed(2)}x, ${((100 * ratio) / ideal).toFixed(0)}%`,
  );
  line(
    `${n} grader${n > 1 ? 's' : ' '}: submit → verdict in the burst, p50 / p99`,
    `${f.p50.toFixed(0)} / ${f.p99.toFixed(0)} ms`,
  );
  line(
    `${n} grader${n > 1 ? 's' : ' '}: NOTIFY wake-up (insert → claim, idle graders), p50 / max`,
    `${f.wakeP50.toFixed(1)} / ${f.wakeMax.toFixed(1)} ms`,
  );
  const { api, graders, postgres, client } = f.cpu;
  line(
    `${n} grader${n > 1 ? 's' : ' '}: CPU ms per submission: API / graders / PostgreSQL / client (sum)`,
    `${api.toFixed(0)} / ${graders.toFixed(0)} / ${postgres.toFixed(0)} / ${client.toFixed(0)} (${(api + graders + postgres + client).toFixed(0)})`,
  );
}
console.log(`load average after: ${os.loadavg()[0]!.toFixed(1)} (the machine is shared: compare within one run)`);
