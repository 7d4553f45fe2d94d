/**
 * An on-disk PGlite directory is opened by one process at a time: a second opener (e.g. `judge user add` while the
 * server runs) is refused with a clear error instead of silently losing its writes; a lock left by a killed process
 * is taken over.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DataDirInUseError } from './db.ts';
import { openStore } from './sql-store.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'judge-lock-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it('refuses a second opener while the first holds the directory, and lets go on close', async () => {
  const first = await openStore({ dataDir: dir });
  try {
    await expect(openStore({ dataDir: dir })).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(openStore({ dataDir: dir })).rejects.toThrow(/in use by another process .*DATABASE_URL/);
  } finally {
    await first.close();
  }
  expect(existsSync(path.join(dir, 'pglite.lock'))).toBe(false);
  const again = await openStore({ dataDir: dir });
  await again.close();
});

it('takes over a lock left by a process that died', async () => {
  // A pid that existed and is gone now.
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  writeFileSync(path.join(dir, 'pglite.lock'), JSON.stringify({ pid: Number(child.stdout), mark: 'x' }));
  const store = await openStore({ dataDir: dir });
  await store.close();
});
