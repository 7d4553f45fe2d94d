/** Bad configuration fails at boot with one clear line on stderr (exit code 2), never a stack trace. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/server-process.ts';

const run = promisify(execFile);

async function boot(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', ...env },
      timeout: 60_000,
    });
    return { code: 0, stderr: '' };
  } catch (e) {
    const err = e as { code?: number; stderr?: string };
    return { code: err.code ?? -1, stderr: err.stderr ?? '' };
  }
}

it('refuses bad values with a clear message and no stack', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'judge-boot-'));
  const file = path.join(tmp, 'a-file');
  writeFileSync(file, 'x');
  const cases: Array<[Record<string, string>, RegExp]> = [
    [
      { LOG_LEVEL: 'verbose', DATA_DIR: tmp },
      /^judge server: invalid configuration: LOG_LEVEL: must be one of fatal, error, warn, info, debug, silent\n$/,
    ],
    [
      { PROBLEMS_DIR: path.join(tmp, 'missing'), DATA_DIR: tmp },
      /^judge server: PROBLEMS_DIR .*missing is not a directory\n$/,
    ],
    [{ DATA_DIR: file }, /^judge server: DATA_DIR .*a-file is not a directory\n$/],
    [
      { ROLE: 'grader', DATA_DIR: tmp },
      /^judge server: invalid configuration: ROLE=grader needs DATABASE_URL \(a shared PostgreSQL\)\n$/,
    ],
    [
      { ROLE: 'worker', DATA_DIR: tmp },
      /^judge server: invalid configuration: ROLE: must be one of all, api, grader\n$/,
    ],
  ];
  for (const [env, message] of cases) {
    const r = await boot(env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  }
}, 180_000);
