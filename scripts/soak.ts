/**
 * Soak and overload test of the server as `npm start` runs it (issue 14): not part of `npm test`.
 *
 *   npm run soak                                  # 2,000 submissions from 16 concurrent learners, 10% hostile
 *   npm run soak -- --n 300 --clients 12          # a smaller run (the machine is shared)
 *   npm run soak -- --n 150 --overload --seconds 20 --env QUEUE_LIMIT=60
 *   npm run soak -- --n 400 --clients 12 --profile  # CPU profiles of the server's threads into .tmp/prof/
 *
 * The server starts on a free port with a temporary data directory and the default settings (`--env KEY=VALUE`
 * overrides one). Every client is a learner with its own cookie and its own loopback address (127.0.x.y), as
 * different people would be. Normal traffic is the problems' stored solutions, whose folder is their expected verdict
 * (accepted, wrong_answer, runtime_error, time_limit_exceeded); hostile traffic defines every entry of a problem as a
 * busy loop, a swallowed interrupt, a memory bomb, array growth, string doubling, deep recursion, a console flood, a
 * stalling native call (a huge `repeat`, a giant `join`, a catastrophic regex), each with the verdicts it may get. A probe loaded into the server (scripts/soak-probe.mjs) samples its
 * RSS and event-loop delay every second.
 *
 * Prints throughput, submit → verdict p50/p99, RSS first/max/last, event-loop delay, stuck or lost submissions and
 * wrong verdicts (both must be 0; the exit code says whether they are). With --overload, a second phase sends at twice
 * the throughput the first phase sustained, open loop, for --seconds (default 60): every refusal must be a 429 or 503
 * with Retry-After, memory must stay bounded, and nothing accepted may be lost.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request, type IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startServerProcess } from '../tests/helpers/server-process.ts';

// ---- options ----------------------------------------------------------------------------------------------------

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}
const N = Math.floor(option('n', 2000));
const CLIENTS = Math.floor(option('clients', 16));
const HOSTILE = option('hostile', 0.1);
const OVERLOAD = process.argv.includes('--overload');
const OVERLOAD_SECONDS = option('seconds', 60);
/** Profile the server's threads (`--cpu-prof`); summarise with `node --import tsx scripts/profile-summary.ts`. */
const PROFILE = process.argv.includes('--profile');
const PROFILE_DIR = path.join(ROOT, '.tmp', 'prof');
const EXTRA_ENV: Record<string, string> = {};
process.argv.forEach((a, i) => {
  if (a !== '--env') return;
  const [k, ...v] = (process.argv[i + 1] ?? '').split('=');
  if (!k || v.length === 0) throw new Error('--env needs KEY=VALUE');
  EXTRA_ENV[k] = v.join('=');
});

// ---- the workload -----------------------------------------------------------------------------------------------

interface Job {
  problem: string;
  code: string;
  /** Verdicts this submission may get. */
  expect: string[];
  kind: string;
  hostile: boolean;
}

const problemsDir = path.join(ROOT, 'problems');
const problems = readdirSync(problemsDir).filter((d) => existsSync(path.join(problemsDir, d, 'problem.json')));
const entriesOf = (slug: string): string[] =>
  (
    JSON.parse(readFileSync(path.join(problemsDir, slug, 'problem.json'), 'utf8')) as {
      entries: Array<{ name: string }>;
    }
  ).entries.map((e) => e.name);

/** Stored solutions by expected verdict: the folder a solution sits in is its verdict. */
const FOLDERS: Array<[folder: string, verdict: string, weight: number]> = [
  ['accepted', 'AC', 0.6],
  ['wrong_answer', 'WA', 0.25],
  ['time_limit_exceeded', 'TLE', 0.1],
  ['runtime_error', 'RE', 0.05],
];
const stored = new Map<string, Array<{ problem: string; code: string }>>();
for (const [folder] of FOLDERS) {
  const list: Array<{ problem: string; code: string }> = [];
  for (const slug of problems) {
    const dir = path.join(problemsDir, slug, 'solutions', folder);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts')))
      list.push({ problem: slug, code: readFileSync(path.join(dir, f), 'utf8') });
  }
  stored.set(folder, list);
}

/** Hostile bodies, each defining every entry of a problem, with the verdicts they may get. */
const HOSTILE_KINDS: Array<{ kind: string; body: string; expect: string[] }> = [
  { kind: 'busy loop', body: 'for (;;) {}', expect: ['TLE'] },
  { kind: 'swallowed interrupt', body: 'for (;;) { try { for (;;) {} } catch { /* again */ } }', expect: ['TLE'] },
  {
    kind: 'memory bomb',
    body: 'const xs: Float64Array[] = []; for (;;) xs.push(new Float64Array(1 << 20));',
    expect: ['MLE'],
  },
  // Small allocations are charged steps too: the budget may run out before the heap does.
  {
    kind: 'array growth',
    body: 'const xs: number[][] = []; for (let i = 0; ; i++) xs.push([i, i, i]);',
    expect: ['MLE', 'TLE'],
  },
  { kind: 'string doubling', body: "let s = 'x'; for (;;) s = s + s + '.';", expect: ['MLE', 'RE'] },
  {
    kind: 'deep recursion',
    body: 'const depth = (n: number): number => (n === 0 ? 0 : 1 + depth(n - 1)); return depth(1e7);',
    expect: ['RE'],
  },
  {
    kind: 'console flood',
    body: "for (;;) console.log('flood flood flood flood flood flood flood');",
    expect: ['OLE'],
  },
  { kind: 'stalling native call', body: "return 'x'.repeat(2 ** 28).length;", expect: ['TLE', 'MLE', 'RE'] },
  { kind: 'giant array join', body: "return new Array(2 ** 31).join('x').length;", expect: ['TLE', 'MLE', 'RE'] },
  { kind: 'giant regex', body: "return /(a+)+$/.test('a'.repeat(40) + '!');", expect: ['TLE'] },
];

/** A deterministic stream of jobs (seeded), so two runs send the same traffic. */
function* workload(seed: number): Generator<Job> {
  let x = seed >>> 0 || 1;
  const rand = (): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  for (;;) {
    if (rand() < HOSTILE) {
      const h = pick(HOSTILE_KINDS);
      const problem = pick(problems);
      const code = entriesOf(problem)
        .map((name) => `export function ${name}(...args: any[]): any {\n  ${h.body}\n}`)
        .join('\n');
      yield { problem, code, expect: h.expect, kind: h.kind, hostile: true };
      continue;
    }
    let r = rand();
    const [folder, verdict] = FOLDERS.find(([, , w]) => (r -= w) < 0) ?? FOLDERS[0]!;
    const s = pick(stored.get(folder)!);
    yield { problem: s.problem, code: s.code, expect: [verdict], kind: folder, hostile: false };
  }
}

// ---- HTTP as a learner ------------------------------------------------------------------------------------------

interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  json: any;
}

class Learner {
  private readonly cookies = new Map<string, string>();
  private readonly agent: Agent;
  constructor(
    private readonly port: number,
    readonly address: string,
  ) {
    this.agent = new Agent({ keepAlive: true, localAddress: address, maxSockets: 8 });
  }

  private headers(body: boolean): Record<string, string> {
    const h: Record<string, string> = {};
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body) h['content-type'] = 'application/json';
    return h;
  }

  private open(method: string, url: string, body?: unknown): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: this.port, agent: this.agent, method, path: url, headers: this.headers(!!body) },
        (res) => {
          for (const c of res.headers['set-cookie'] ?? []) {
            const [pair] = c.split(';');
            const i = pair!.indexOf('=');
            this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
          }
          resolve(res);
        },
      );
      req.setTimeout(120_000, () => req.destroy(new Error(`timeout: ${method} ${url}`)));
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }

  async call(method: string, url: string, body?: unknown): Promise<Reply> {
    const res = await this.open(method, url, body);
    let text = '';
    res.setEncoding('utf8');
    for await (const c of res) text += c;
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.statusCode ?? 0, headers: res.headers, json };
  }

  /** Follows the live events to the verdict; falls back to reading the submission when the stream ends early. */
  async verdict(id: string, stuckAfterMs = 5 * 60_000): Promise<string> {
    const until = Date.now() + stuckAfterMs;
    try {
      const res = await this.open('GET', `/api/submissions/${id}/events`);
      res.setEncoding('utf8');
      let buf = '';
      for await (const chunk of res) {
        buf += chunk;
        const m = /event: done\ndata: (.*)\n/.exec(buf);
        if (m) {
          res.destroy();
          return (JSON.parse(m[1]!) as { summary: { verdict: string } }).summary.verdict;
        }
      }
    } catch {
      // the stream broke: read instead
    }
    for (;;) {
      const r = await this.call('GET', `/api/submissions/${id}`);
      if (r.status === 200 && r.json.status === 'done') return r.json.verdict as string;
      if (r.status === 404) return 'LOST';
      if (Date.now() > until) return 'STUCK';
      await sleep(500);
    }
  }

  close(): void {
    this.agent.destroy();
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))] ?? NaN;
const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MB`;
const line = (label: string, value: string): void => console.log(`${label.padEnd(44)} ${value}`);

let nextAddress = 0;
/** 127.0.x.y, a new one per learner (Linux routes all of 127/8 to loopback). */
function newAddress(): string {
  nextAddress++;
  return `127.0.${Math.floor(nextAddress / 250) + 1}.${(nextAddress % 250) + 2}`;
}

// ---- probe samples ----------------------------------------------------------------------------------------------

interface Sample {
  t: number;
  rssBytes: number;
  loopP99Ms: number;
  loopMaxMs: number;
}
function samples(file: string, from: number, to = Infinity): Sample[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Sample)
    .filter((s) => s.t >= from && s.t <= to);
}
function printServer(file: string, from: number, to: number): void {
  const xs = samples(file, from, to);
  if (xs.length === 0) return line('server samples', 'none (the probe wrote nothing)');
  const rss = xs.map((s) => s.rssBytes);
  line('server RSS first / max / last', `${mb(rss[0]!)} / ${mb(Math.max(...rss))} / ${mb(rss.at(-1)!)}`);
  line(
    'event-loop delay p99 (median of seconds) / max',
    `${pct(
      xs.map((s) => s.loopP99Ms),
      0.5,
    ).toFixed(1)} ms / ${Math.max(...xs.map((s) => s.loopMaxMs)).toFixed(0)} ms`,
  );
}

// ---- the run ----------------------------------------------------------------------------------------------------

interface Outcome {
  id: string;
  job: Job;
  verdict: string;
  ms: number;
}

function report(outcomes: Outcome[], ids: string[], seconds: number): { wrong: Outcome[]; lost: number } {
  const lat = outcomes.map((o) => o.ms);
  const wrong = outcomes.filter((o) => !['LOST', 'STUCK'].includes(o.verdict) && !o.job.expect.includes(o.verdict));
  const lost =
    outcomes.filter((o) => o.verdict === 'LOST' || o.verdict === 'STUCK').length + (ids.length - outcomes.length);
  line('graded', `${outcomes.length} (${outcomes.filter((o) => o.job.hostile).length} hostile)`);
  line('throughput', `${(outcomes.length / seconds).toFixed(2)} submissions/s`);
  line('submit → verdict p50 / p99', `${pct(lat, 0.5).toFixed(0)} ms / ${pct(lat, 0.99).toFixed(0)} ms`);
  const hostile = outcomes.filter((o) => o.job.hostile).map((o) => o.ms);
  if (hostile.length)
    line('  hostile only, p50 / p99', `${pct(hostile, 0.5).toFixed(0)} ms / ${pct(hostile, 0.99).toFixed(0)} ms`);
  line('stuck or lost submissions', String(lost));
  line('wrong verdicts', String(wrong.length));
  for (const w of wrong.slice(0, 10))
    console.log(`  ${w.id} ${w.job.problem} ${w.job.kind}: ${w.verdict}, expected ${w.job.expect.join('|')}`);
  return { wrong, lost };
}

const probeFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'judge-soak-')), 'probe.jsonl');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'judge-soak-data-'));
console.log(`## soak: ${N} submissions from ${CLIENTS} learners, ${Math.round(HOSTILE * 100)}% hostile`);
const server = await startServerProcess({ SOAK_PROBE_FILE: probeFile, LOG_LEVEL: 'error', ...EXTRA_ENV }, dataDir, {
  nodeArgs: [
    '--import',
    './scripts/soak-probe.mjs',
    ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
  ],
  startTimeoutMs: 600_000,
});
const port = Number(new URL(server.url).port);
let failed = false;
try {
  const jobs = workload(20_260_101);
  let sent = 0;
  const outcomes: Outcome[] = [];
  const ids: string[] = [];
  type Refusals = { 429: number; 503: number; other: number };
  const count = (r: Refusals, status: number): void => {
    if (status === 429 || status === 503) r[status]++;
    else r.other++;
  };
  let refused: Refusals = { 429: 0, 503: 0, other: 0 };
  const started = Date.now();
  const deadline = (ms: number) => Date.now() + ms;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const me = new Learner(port, newAddress());
      while (sent < N) {
        sent++;
        const job = jobs.next().value as Job;
        const until = deadline(10 * 60_000);
        for (;;) {
          const r = await me.call('POST', '/api/submissions', { problem: job.problem, code: job.code });
          if (r.status === 202) {
            const t = Date.now();
            ids.push(r.json.id);
            outcomes.push({ id: r.json.id, job, verdict: await me.verdict(r.json.id), ms: Date.now() - t });
            break;
          }
          count(refused, r.status);
          if (Date.now() > until || !(r.status === 429 || r.status === 503)) {
            console.log(`  refused for good: ${r.status} ${JSON.stringify(r.json)}`);
            break;
          }
          await sleep(Number(r.headers['retry-after'] ?? 1) * 1000);
        }
      }
      me.close();
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const first = report(outcomes, ids, seconds);
  line('refused then retried (429 / 503 / other)', `${refused[429]} / ${refused[503]} / ${refused.other}`);
  printServer(probeFile, started, Date.now());
  failed ||= first.wrong.length > 0 || first.lost > 0;
  const sustained = outcomes.length / seconds;

  if (OVERLOAD) {
    const rate = 2 * sustained;
    console.log(
      `\n## overload: ${rate.toFixed(2)} submissions/s (twice the above) for ${OVERLOAD_SECONDS} s, open loop`,
    );
    refused = { 429: 0, 503: 0, other: 0 };
    let withoutRetryAfter = 0;
    const learners = Array.from({ length: 64 }, () => new Learner(port, newAddress()));
    const pending: Array<Promise<Outcome>> = [];
    const overloadIds: string[] = [];
    const t0 = Date.now();
    let accepted = 0;
    for (let i = 0; Date.now() - t0 < OVERLOAD_SECONDS * 1000; i++) {
      const due = t0 + (i * 1000) / rate;
      if (due > Date.now()) await sleep(due - Date.now());
      const job = jobs.next().value as Job;
      const me = learners[i % learners.length]!;
      pending.push(
        (async (): Promise<Outcome> => {
          const r = await me.call('POST', '/api/submissions', { problem: job.problem, code: job.code });
          if (r.status !== 202) {
            count(refused, r.status);
            if (!r.headers['retry-after']) withoutRetryAfter++;
            return { id: '', job, verdict: 'REFUSED', ms: 0 };
          }
          accepted++;
          overloadIds.push(r.json.id);
          const t = Date.now();
          return { id: r.json.id, job, verdict: await me.verdict(r.json.id), ms: Date.now() - t };
        })(),
      );
    }
    const sendEnded = Date.now();
    const all = (await Promise.all(pending)).filter((o) => o.verdict !== 'REFUSED');
    const drained = Date.now();
    line('offered', `${pending.length} in ${((sendEnded - t0) / 1000).toFixed(0)} s`);
    line('accepted (202)', String(accepted));
    line('refused 429 / 503 / other', `${refused[429]} / ${refused[503]} / ${refused.other}`);
    line('refusals without Retry-After', String(withoutRetryAfter));
    line('queue drained', `${((drained - sendEnded) / 1000).toFixed(0)} s after the last offer`);
    const second = report(all, overloadIds, (drained - t0) / 1000);
    printServer(probeFile, t0, drained);
    for (const l of learners) l.close();
    failed ||= second.wrong.length > 0 || second.lost > 0 || refused.other > 0 || withoutRetryAfter > 0;
  }
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(path.dirname(probeFile), { recursive: true, force: true });
}
if (PROFILE) console.log(`\nCPU profiles in ${PROFILE_DIR} (scripts/profile-summary.ts summarises one)`);
console.log(failed ? '\nFAILED' : '\nOK');
process.exit(failed ? 1 : 0);
