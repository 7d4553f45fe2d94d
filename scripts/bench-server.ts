/**
 * Server benchmark on the embedded defaults (PGlite, one grading worker per CPU), with clients on loopback.
 * Prints submit→verdict latency p50/p99 at low load, sustained submissions per second under concurrent clients,
 * and the engine's own throughput on the same work, measured in the same run, so the ratio is meaningful.
 *
 *   npm run bench:server [-- --quick]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gradeToEnd } from '../harness/src/grade.ts';
import { nodeEsbuild, warmNodeEsbuild } from '../harness/src/node/esbuild.ts';
import { WorkerPool } from '../harness/src/node/pool.ts';
import { sha256 } from '../harness/src/problem/build.ts';
import { loadProblem, suiteTests } from '../harness/src/problem/load.ts';
import { Client, ROOT, startServerProcess } from '../tests/helpers/server-process.ts';

const quick = process.argv.includes('--quick');
const slug = process.env.BENCH_PROBLEM ?? 'sliding-window-mask';
const code = readFileSync(path.join(ROOT, 'problems', slug, 'solutions', 'accepted', 'reference.ts'), 'utf8');
const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))] ?? NaN;
const line = (label: string, value: string): void => console.log(`${label.padEnd(60)} ${value}`);

async function submitAndWait(c: Client): Promise<number> {
  const t = performance.now();
  const r = await c.request('POST', '/api/submissions', { problem: slug, code });
  if (r.status !== 202) throw new Error(`submit failed: ${r.status} ${r.text}`);
  const { events } = await c.events(r.json.id);
  const done = events.find((e) => e.event === 'done');
  if (done?.data.summary.verdict !== 'AC') throw new Error(`unexpected verdict ${JSON.stringify(done?.data.summary)}`);
  return performance.now() - t;
}

console.log(`## server on embedded defaults, problem ${slug} (reference solution)`);
const server = await startServerProcess({
  SUBMIT_RATE_PER_MINUTE: '100000',
  SUBMIT_RATE_PER_ADDRESS_PER_MINUTE: '100000',
  QUEUE_LIMIT: '100000',
});
try {
  const c = new Client(server.url);
  for (let i = 0; i < 3; i++) await submitAndWait(c);
  const lat: number[] = [];
  for (let i = 0; i < (quick ? 10 : 30); i++) lat.push(await submitAndWait(c));
  line('submit → verdict at low load (one client), p50', `${pct(lat, 0.5).toFixed(0)} ms`);
  line('submit → verdict at low load (one client), p99', `${pct(lat, 0.99).toFixed(0)} ms`);

  const clients = 8;
  const total = quick ? 24 : 64;
  let next = 0;
  const t = performance.now();
  const loaded: number[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const cc = new Client(server.url);
      while (next < total) {
        next++;
        loaded.push(await submitAndWait(cc));
      }
    }),
  );
  const serverRate = total / ((performance.now() - t) / 1000);
  line(`sustained, ${clients} concurrent clients, ${total} submissions`, `${serverRate.toFixed(2)} submissions/s`);
  line(
    'submit → verdict under that load, p50 / p99',
    `${pct(loaded, 0.5).toFixed(0)} / ${pct(loaded, 0.99).toFixed(0)} ms`,
  );
  await server.stop();

  // The engine alone, same machine, same work, same number of workers.
  await warmNodeEsbuild();
  const esbuild = await nodeEsbuild();
  const problem = await loadProblem(path.join(ROOT, 'problems', slug), esbuild);
  const tests = suiteTests(problem, 'all');
  const pool = new WorkerPool();
  await pool.ready();
  const grade = () => gradeToEnd({ source: code, problem, tests, esbuild, executor: pool, digest: sha256 });
  for (let i = 0; i < 2; i++) await grade();
  const t2 = performance.now();
  let left = total;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (left > 0) {
        left--;
        await grade();
      }
    }),
  );
  const engineRate = total / ((performance.now() - t2) / 1000);
  await pool.close();
  line(`engine alone (${pool.size} workers), same ${total} gradings`, `${engineRate.toFixed(2)} submissions/s`);
  line('server throughput ÷ engine throughput (target ≥ 90%)', `${((serverRate / engineRate) * 100).toFixed(0)}%`);
} finally {
  await server.stop();
}
