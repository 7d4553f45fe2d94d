/** Shared boot steps for the server and the admin CLI: data dir, secrets, storage. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';
import { openStore } from './storage/sql-store.ts';
import type { Store } from './storage/types.ts';

/** Reads a value kept in DATA_DIR, creating it on first boot (0600). */
export function persistentSecret(dataDir: string, name: string, bytes: number): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = randomBytes(bytes).toString('base64url');
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

export async function openConfiguredStore(config: Config): Promise<Store> {
  mkdirSync(config.DATA_DIR, { recursive: true });
  const store = await openStore({
    dataDir: config.DATA_DIR,
    ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}),
  });
  await store.migrate();
  return store;
}
