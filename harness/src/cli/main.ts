/**
 * The `judge` command line: run a solution, build and check problem packages, scaffold a new one.
 * Exit codes: `run` exits 0 iff the verdict is AC; `check`/`build` exit 0 iff every package passed; `publish` exits 0
 * once the package is live, 1 when it was refused, 3 when it waits for the author's decision (verdicts would flip);
 * 2 = misuse.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { JudgeError } from '../errors.ts';
import { gradeSubmission, type GradeEvent, type TestResult } from '../grade.ts';
import { DEFAULT_ENGINE, ENGINES, type EngineName } from '../node/engine.ts';
import { nodeEsbuild } from '../node/esbuild.ts';
import { WorkerPool } from '../node/pool.ts';
import { buildProblem, sha256 } from '../problem/build.ts';
import { readProblemFolder } from '../problem/folder.ts';
import { checkProblem } from '../problem/verify-package.ts';
import { loadSets } from '../problem/sets.ts';
import { loadProblem, suiteTests } from '../problem/load.ts';
import { scaffoldProblem } from '../problem/scaffold.ts';
import { VERDICT_NAMES } from '../verdict.ts';

const USAGE = `usage:
  judge run <problem-dir> <solution.ts> [--json] [--samples-only] [--engine quickjs|quickjs-ng]
  judge build <problem-dir>...          write tests/suite.json from the reference solution
  judge check [<problem-dir>...] [--mutants [--max-mutants N]]
                                        verify packages (default: every folder in ./problems); --mutants also
                                        grades mutants of each reference and prints the mutation score
  judge new <slug> [--dir problems]     scaffold a new problem package
  judge publish <problem-dir> --server URL --user NAME [--visibility listed|unlisted|screens-only] [--note TEXT] [--yes]
                                        send a package to a running server: it is checked there, stored submissions
                                        are re-graded, and it goes live (with --yes, even when verdicts would change)
  judge publish --server URL --user NAME --confirm <revision> | --discard <revision>
                                        (password: JUDGE_PASSWORD, or the first line of standard input)`;

class UsageError extends Error {}

function fmtBytes(n: number): string {
  return `${(n / 1048576).toFixed(1)} MiB`;
}

function describeResult(r: TestResult): string {
  const head = `${r.group === 'sample' ? 'sample' : 'hidden'} #${r.index + 1}${r.name ? ` ${r.name}` : ''}`;
  const cost = `${r.steps}${r.stepBudget ? `/${r.stepBudget}` : ''} steps, ${fmtBytes(r.memoryBytes ?? 0)}`;
  const lines = [`${r.verdict.padEnd(3)} ${head} (${cost})`];
  if (r.message) lines.push(`    ${r.message}`);
  if (r.mismatch)
    lines.push(
      `    at ${r.mismatch.path}: expected ${JSON.stringify(r.mismatch.expected)}, got ${JSON.stringify(r.mismatch.actual)}`,
    );
  if (r.error?.stack)
    lines.push(
      ...r.error.stack
        .split('\n')
        .slice(0, 6)
        .map((l) => `    ${l.trim()}`),
    );
  if (r.console)
    lines.push(
      ...r.console
        .trimEnd()
        .split('\n')
        .slice(0, 10)
        .map((l) => `    | ${l}`),
    );
  return lines.join('\n');
}

function engineOpt(value: string | undefined): EngineName {
  const e = value ?? DEFAULT_ENGINE;
  if (!(e in ENGINES)) throw new UsageError(`unknown engine "${e}" (${Object.keys(ENGINES).join(', ')})`);
  return e as EngineName;
}

async function cmdRun(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, 'samples-only': { type: 'boolean' }, engine: { type: 'string' } },
  });
  const [dir, file] = positionals;
  if (!dir || !file) throw new UsageError('judge run needs <problem-dir> and <solution.ts>');
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const engine = engineOpt(values.engine);
  const esbuild = await nodeEsbuild();
  const problem = await loadProblem(dir, esbuild);
  const tests = suiteTests(problem, values['samples-only'] ? 'samples' : 'all');
  const pool = new WorkerPool({ size: 1, engine, onIncident: (m) => process.stderr.write(`judge: ${m}\n`) });
  try {
    const source = await readFile(file, 'utf8');
    const events: GradeEvent[] = [];
    const judgeErrors: string[] = [];
    for await (const e of gradeSubmission({
      source,
      problem,
      tests,
      esbuild,
      executor: pool,
      reveal: 'all',
      digest: sha256,
      onJudgeError: (m) => judgeErrors.push(m),
    })) {
      events.push(e);
      if (values.json) continue;
      if (e.type === 'compile-error')
        process.stdout.write(
          `CE  ${file}:${e.error.line}:${e.error.column}: ${e.error.message}\n${e.error.lineText ? `    ${e.error.lineText}\n` : ''}`,
        );
      if (e.type === 'test-finished') process.stdout.write(`${describeResult(e.result)}\n`);
      if (e.type === 'done') {
        const s = e.summary;
        process.stdout.write(
          `\n${s.verdict} — ${VERDICT_NAMES[s.verdict]}: ${s.passed}/${s.total} tests passed, ${s.steps} steps in all (a step is ~10,000 interpreter ticks), sandbox memory at most ${fmtBytes(s.maxMemoryBytes)}, ${Math.round(s.wallMs)} ms\n`,
        );
      }
    }
    for (const m of judgeErrors) process.stderr.write(`judge error: ${m}\n`);
    const done = events.find((e) => e.type === 'done');
    if (!done || done.type !== 'done') return 1;
    if (values.json) {
      const results = events.flatMap((e) => (e.type === 'test-finished' ? [e.result] : []));
      const compileError = events.find((e) => e.type === 'compile-error');
      process.stdout.write(
        `${JSON.stringify({ verdict: done.summary.verdict, summary: done.summary, tests: results, ...(compileError?.type === 'compile-error' ? { compileError: compileError.error } : {}) })}\n`,
      );
    }
    return done.summary.verdict === 'AC' ? 0 : 1;
  } finally {
    await pool.close();
  }
}

function problemDirs(positionals: string[]): string[] {
  if (positionals.length > 0) return positionals;
  const root = path.resolve('problems');
  if (!existsSync(root)) throw new UsageError('no ./problems folder; name the problem folders to check');
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'problem.json')))
    .map((d) => path.join('problems', d.name))
    .sort();
}

async function cmdBuildOrCheck(argv: string[], mode: 'build' | 'check'): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { engine: { type: 'string' }, mutants: { type: 'boolean' }, 'max-mutants': { type: 'string' } },
  });
  if (mode === 'build' && positionals.length === 0)
    throw new UsageError('judge build needs at least one <problem-dir>');
  if (mode === 'build' && (values.mutants || values['max-mutants'] !== undefined))
    throw new UsageError('--mutants and --max-mutants belong to judge check');
  const maxMutants = values['max-mutants'] === undefined ? undefined : Number(values['max-mutants']);
  if (maxMutants !== undefined && !(Number.isInteger(maxMutants) && maxMutants > 0))
    throw new UsageError('--max-mutants needs a positive integer');
  const engine = engineOpt(values.engine);
  const esbuild = await nodeEsbuild();
  const pool = new WorkerPool({ engine, onIncident: (m) => process.stderr.write(`judge: ${m}\n`) });
  let failed = 0;
  /** One problem: its output as text (printed whole, in order) and whether it failed. */
  const one = async (dir: string): Promise<{ text: string; ok: boolean }> => {
    const started = performance.now();
    try {
      const problem = await loadProblem(dir, esbuild);
      if (mode === 'build') {
        const suite = await buildProblem(problem, esbuild, pool, engine);
        return { text: `built ${path.join(dir, 'tests', 'suite.json')}: ${suite.tests.length} tests\n`, ok: true };
      }
      const report = await checkProblem(problem, esbuild, pool, engine, {
        mutants: values.mutants ?? false,
        ...(maxMutants !== undefined ? { maxMutants } : {}),
        parallel: pool.size,
      });
      const text = [
        ...report.lines.map((l) => `  ${l}\n`),
        ...report.warnings.map((w) => `  WARN  ${w}\n`),
        ...report.errors.map((e) => `  ERROR ${e}\n`),
      ].join('');
      return {
        text: `${text}${report.errors.length === 0 ? 'ok  ' : 'FAIL'} ${report.slug} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
        ok: report.errors.length === 0,
      };
    } catch (e) {
      if (!(e instanceof JudgeError)) throw e;
      return { text: `FAIL ${dir}\n  ERROR [${e.code}] ${e.message}\n`, ok: false };
    }
  };
  try {
    // Problems are checked as many at a time as the pool has workers (each grades its solutions one by one);
    // their reports are printed whole, in the order given.
    const dirs = problemDirs(positionals);
    if (mode === 'check' && positionals.length === 0) {
      try {
        const sets = loadSets(
          path.resolve('problems'),
          dirs.map((d) => path.basename(d)),
        );
        process.stdout.write(`ok   problems/sets.json (${sets.length} sets)\n`);
      } catch (e) {
        if (!(e instanceof JudgeError)) throw e;
        failed++;
        process.stdout.write(`FAIL problems/sets.json\n  ERROR ${e.message}\n`);
      }
    }
    let running = 0;
    const waiting: Array<() => void> = [];
    const slot = async (): Promise<void> => {
      if (running < pool.size) running++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
    };
    const free = (): void => {
      const next = waiting.shift();
      if (next) next();
      else running--;
    };
    const results = dirs.map(async (dir) => {
      await slot();
      try {
        return await one(dir);
      } finally {
        free();
      }
    });
    for (const result of results) {
      const r = await result;
      process.stdout.write(r.text);
      if (!r.ok) failed++;
    }
  } finally {
    await pool.close();
  }
  return failed === 0 ? 0 : 1;
}

async function cmdNew(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { dir: { type: 'string' } },
  });
  const [slug] = positionals;
  if (!slug) throw new UsageError('judge new needs a <slug>');
  const created = await scaffoldProblem(values.dir ?? 'problems', slug);
  process.stdout.write(
    `created ${created}\nnext: fill in the files (each says what it needs), then\n  npx judge build ${created}\n  npx judge check ${created}\n`,
  );
  return 0;
}

/** A client of the server's API that keeps its session cookie (the CLI knows only the JSON it reads). */
class ServerClient {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  private get cookie(): string {
    return [...this.cookies.values()].join('; ');
  }

  async call(method: string, url: string, body?: unknown): Promise<{ status: number; json: any }> {
    let r: Response;
    try {
      r = await fetch(new URL(url, this.base), {
        method,
        headers: {
          ...(this.cookie ? { cookie: this.cookie } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (e) {
      throw new UsageError(`cannot reach ${this.base}: ${(e as Error).message}`);
    }
    for (const c of r.headers.getSetCookie()) {
      const pair = c.split(';')[0]!;
      this.cookies.set(pair.slice(0, pair.indexOf('=')), pair);
    }
    const text = await r.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = { code: 'NOT_JSON', message: text.slice(0, 200) };
    }
    return { status: r.status, json };
  }
}

class RequestFailed extends Error {}

function expectOk(r: { status: number; json: any }, what: string): any {
  if (r.status >= 200 && r.status < 300) return r.json;
  throw new RequestFailed(`${what}: ${r.status} [${r.json?.code ?? '?'}] ${r.json?.message ?? ''}`);
}

async function readPasswordLine(): Promise<string> {
  if (process.env.JUDGE_PASSWORD) return process.env.JUDGE_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('password: ');
  const rl = createInterface({ input: process.stdin, terminal: false });
  const line = await new Promise<string>((resolve) => rl.once('line', resolve).once('close', () => resolve('')));
  rl.close();
  return line;
}

function printRevision(rev: any): void {
  for (const l of rev.check?.lines ?? []) process.stdout.write(`  ${l}\n`);
  for (const e of rev.check?.errors ?? []) process.stdout.write(`  ERROR ${e}\n`);
  const f = rev.flips;
  if (!f) return;
  process.stdout.write(
    `re-graded ${f.submissions} stored submissions (${f.distinctCodes} distinct codes) from version ${rev.baseVersion} to ${rev.version}` +
      `${f.skipped ? `; ${f.skipped} older ones not re-graded (REGRADE_MAX)` : ''}\n`,
  );
  for (const c of f.counts)
    process.stdout.write(
      `  ${String(c.from ?? '-').padEnd(3)} → ${c.to.padEnd(3)} ${String(c.submissions).padStart(6)}${c.from !== c.to ? '  flipped' : ''}\n`,
    );
  for (const x of f.flipped) process.stdout.write(`  flipped ${x.submission}: ${x.from ?? '-'} → ${x.to}  ${x.link}\n`);
  if (f.flippedTotal > f.flipped.length) process.stdout.write(`  ... ${f.flippedTotal - f.flipped.length} more\n`);
}

async function cmdPublish(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      server: { type: 'string' },
      user: { type: 'string' },
      visibility: { type: 'string' },
      note: { type: 'string' },
      yes: { type: 'boolean' },
      confirm: { type: 'string' },
      discard: { type: 'string' },
    },
  });
  const server = values.server ?? process.env.JUDGE_SERVER;
  const user = values.user ?? process.env.JUDGE_USER;
  if (!server) throw new UsageError('judge publish needs --server URL (or JUDGE_SERVER)');
  if (!user) throw new UsageError('judge publish needs --user NAME (or JUDGE_USER): an instructor or admin account');
  const [dir] = positionals;
  if (!dir && !values.confirm && !values.discard) throw new UsageError('judge publish needs a <problem-dir>');
  if (values.visibility && !['listed', 'unlisted', 'screens-only'].includes(values.visibility))
    throw new UsageError('--visibility is listed, unlisted or screens-only');
  const files = dir ? await readProblemFolder(dir) : null;
  const api = new ServerClient(server);
  try {
    expectOk(await api.call('POST', '/api/auth/login', { name: user, password: await readPasswordLine() }), 'sign-in');
    const decide = async (id: string, action: 'publish' | 'discard'): Promise<number> => {
      const rev = expectOk(await api.call('POST', `/api/authoring/revisions/${id}/${action}`), action);
      process.stdout.write(
        action === 'publish'
          ? `published ${rev.slug}: version ${rev.version} is live\n`
          : `discarded revision ${id} of ${rev.slug}\n`,
      );
      return 0;
    };
    if (values.confirm) return await decide(values.confirm, 'publish');
    if (values.discard) return await decide(values.discard, 'discard');

    const slug = path.basename(path.resolve(dir!));
    let rev = expectOk(
      await api.call('POST', '/api/authoring/revisions', {
        slug,
        files,
        ...(values.visibility ? { visibility: values.visibility } : {}),
        ...(values.note ? { note: values.note } : {}),
      }),
      'upload',
    );
    process.stdout.write(
      `sent ${slug} (${Object.keys(files!).length} files): revision ${rev.id}, checking on the server\n`,
    );
    let said = '';
    while (rev.status === 'checking' || rev.status === 'regrading') {
      await new Promise((r) => setTimeout(r, 500));
      rev = expectOk(await api.call('GET', `/api/authoring/revisions/${rev.id}`), 'status');
      const now =
        rev.status === 'regrading'
          ? `re-grading stored submissions: ${rev.regrade?.done ?? 0}/${rev.regrade?.jobs ?? 0}`
          : '';
      if (now && now !== said) process.stdout.write(`${now}\n`);
      said = now;
    }
    printRevision(rev);
    if (rev.status === 'refused') {
      process.stdout.write(
        `FAIL ${slug}: refused [${rev.error?.code ?? 'PROBLEM_CHECK_FAILED'}]; the live version stays\n`,
      );
      return 1;
    }
    if (rev.status !== 'ready') {
      process.stdout.write(`revision ${rev.id} is ${rev.status}\n`);
      return 1;
    }
    const flipped = rev.flips?.flippedTotal ?? 0;
    if (flipped > 0 && !values.yes) {
      process.stdout.write(
        `${flipped} stored verdict(s) would change. Publish with\n  judge publish --server ${server} --user ${user} --confirm ${rev.id}\n` +
          `or drop it with --discard ${rev.id} (or publish at once next time with --yes)\n`,
      );
      return 3;
    }
    return await decide(rev.id, 'publish');
  } catch (e) {
    if (!(e instanceof RequestFailed)) throw e;
    process.stderr.write(`judge publish: ${e.message}\n`);
    return 1;
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await cmdRun(rest);
      case 'build':
        return await cmdBuildOrCheck(rest, 'build');
      case 'check':
        return await cmdBuildOrCheck(rest, 'check');
      case 'new':
        return await cmdNew(rest);
      case 'publish':
        return await cmdPublish(rest);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (
      e instanceof UsageError ||
      (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
    ) {
      process.stderr.write(`judge: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof JudgeError) {
      process.stderr.write(`judge: [${e.code}] ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
