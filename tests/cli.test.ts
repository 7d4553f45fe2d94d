/** The `judge` CLI as a process, the way a user runs it. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const judge = (args: string[], opts: { input?: string; env?: Record<string, string> } = {}) =>
  run(process.execPath, [path.join(ROOT, 'bin', 'judge.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    maxBuffer: 1 << 24,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
const tmp = mkdtempSync(path.join(os.tmpdir(), 'judge-cli-'));
const file = (name: string, text: string) => {
  const p = path.join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const P = 'problems/sliding-window-mask';

describe('judge run', () => {
  it('--json prints one object whose verdict field is the verdict; exit 0 iff AC', async () => {
    const ok = await judge(['run', P, `${P}/solutions/accepted/reference.ts`, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).verdict).toBe('AC');
    const wa = await judge(['run', P, `${P}/solutions/wrong_answer/window_w_plus_one.ts`, '--json', '--samples-only']);
    expect(wa.code).toBe(1);
    const body = JSON.parse(wa.stdout);
    expect(body.verdict).toBe('WA');
    expect(body.tests.every((t: { group: string }) => t.group === 'sample')).toBe(true);
  });

  it('prints per-test lines and a summary; a syntax error is CE with line and column', async () => {
    const ce = await judge(['run', P, file('broken.ts', 'export function swaMask(n: number {\n}\n')]);
    expect(ce.code).toBe(1);
    expect(ce.stdout).toMatch(/^CE .*broken\.ts:1:\d+:/m);
    expect(ce.stdout).toMatch(/^CE — Compilation error/m);
    const plain = await judge(['run', P, `${P}/solutions/accepted/reference.ts`, '--samples-only']);
    expect(plain.stdout).toMatch(/^AC {2}sample #1/m);
    expect(plain.stdout).toMatch(/AC — Accepted: \d+\/\d+ tests passed/);
  });

  it('misuse exits 2 with a message', async () => {
    expect((await judge(['run', P])).code).toBe(2);
    expect((await judge(['frobnicate'])).code).toBe(2);
    const missing = await judge(['run', 'problems/nope', file('x.ts', '')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('JUDGE_PROBLEM_NOT_FOUND');
  });
});

describe('judge new', () => {
  it('scaffolds a package that fails check while placeholders remain, and checks green once they are filled', async () => {
    // Inside the repository, like problems/: the package's TypeScript resolves as ES modules there.
    mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    const dir = mkdtempSync(path.join(ROOT, '.tmp', 'judge-new-'));
    const pkg = path.join(dir, 'demo-sum');
    expect((await judge(['new', 'demo-sum', '--dir', dir])).code).toBe(0);
    expect((await judge(['build', pkg])).code).toBe(0);
    const draft = await judge(['check', pkg]);
    expect(draft.code).toBe(1);
    expect(draft.stdout).toMatch(/ERROR demo-sum\/statement\.md:1: a scaffold placeholder \(TODO\)/);
    // The author fills every placeholder in.
    const files = [
      'problem.json',
      'statement.md',
      'starter.ts',
      'generator.ts',
      'validator.ts',
      'solutions/accepted/reference.ts',
      'solutions/wrong_answer/skips-last.ts',
    ];
    for (const f of files)
      writeFileSync(path.join(pkg, f), readFileSync(path.join(pkg, f), 'utf8').replaceAll('TODO: ', ''));
    // A misspelled verdict folder is an error, not a silently skipped folder.
    mkdirSync(path.join(pkg, 'solutions', 'acepted'));
    const misspelled = await judge(['check', pkg]);
    expect(misspelled.stdout).toMatch(/solutions\/acepted\/ is not a verdict folder/);
    rmSync(path.join(pkg, 'solutions', 'acepted'), { recursive: true });
    const check = await judge(['check', pkg]);
    expect(check.stdout).toMatch(/^ok +demo-sum/m);
    expect(check.stdout).toMatch(/headroom: .*limit 33%/);
    expect(check.stdout).toMatch(/null baselines: 6 of 6 caught/);
    // A build and three checks, each grading the null baselines too.
  }, 300_000);
});

describe('judge user add', () => {
  it('creates an account with the password from stdin', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'judge-users-'));
    const child = execFile(process.execPath, [path.join(ROOT, 'bin', 'judge.mjs'), 'user', 'add', '--admin', 'root'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
    });
    child.stdin!.end('a-long-password\n');
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(0);
    expect(out).toContain('created admin "root"');
  });
});
