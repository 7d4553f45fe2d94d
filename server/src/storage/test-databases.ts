/**
 * The databases the storage tests run on: PGlite in memory (always) and a PostgreSQL server when TEST_DATABASE_URL
 * is set (`eval "$(.ci/postgres.sh)"` starts one). On PostgreSQL every suite works in a schema of its own, created
 * with a random name and dropped at the end (`options=-c search_path=...` in the connection string).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { openDb, type Db } from './db.ts';
import { SqlStore } from './sql-store.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? '';

export interface TestDatabase {
  /** A fresh, empty (unmigrated) database. */
  db: Db;
  /** Another connection (pool) to the same database, as a second process would have; null on PGlite. */
  another(): Promise<Db | null>;
  /** The connection string other processes use to reach this database (its own schema); null on PGlite. */
  url: string | null;
  /** Closes everything opened and removes what the test database left behind. */
  cleanup(): Promise<void>;
}

export interface Backend {
  name: string;
  enabled: boolean;
  open(): Promise<TestDatabase>;
}

export const pgliteBackend: Backend = {
  name: 'PGlite (memory)',
  enabled: true,
  async open() {
    const db = await openDb({ dataDir: 'memory://' });
    return { db, another: async () => null, url: null, cleanup: () => db.close() };
  },
};

export const postgresBackend: Backend = {
  name: 'PostgreSQL (TEST_DATABASE_URL)',
  enabled: TEST_DATABASE_URL !== '',
  async open() {
    const schema = `judge_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const opened: Db[] = [];
    const open = async (): Promise<Db> => {
      const db = await openDb({ databaseUrl: url.toString(), dataDir: 'unused' });
      opened.push(db);
      return db;
    };
    const db = await open();
    return {
      db,
      another: open,
      url: url.toString(),
      async cleanup() {
        for (const d of opened) await d.close();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      },
    };
  },
};

/**
 * Declares `suite` once per backend, titled `${title} on ${backend name}`, skipped where the backend is not enabled:
 * the storage suites are one text run against both databases.
 */
export function describeOnEachBackend(title: string, suite: (backend: Backend) => void): void {
  for (const backend of [pgliteBackend, postgresBackend]) {
    describe.skipIf(!backend.enabled)(`${title} on ${backend.name}`, () => suite(backend));
  }
}

/** A migrated store on a fresh database of `backend`: where every storage suite starts. */
export async function openMigratedStore(backend: Backend): Promise<{ t: TestDatabase; store: SqlStore }> {
  const t = await backend.open();
  const store = new SqlStore(t.db);
  await store.migrate();
  return { t, store };
}

/** A screen `id` (problem 'p', one hour's link) with its own interviewer: the fixture the replay-lane tests start from. */
export async function createScreenFixture(store: SqlStore, id: string): Promise<void> {
  await store.createUser({ id: `i-${id}`, name: `i-${id}`, role: 'interviewer', passwordHash: 'x' });
  await store.screens.create({
    id,
    tokenHash: `t-${id}`,
    interviewerId: `i-${id}`,
    problems: ['p'],
    durationMs: 60_000,
    extraMs: 0,
    candidateName: null,
    candidateEmail: null,
    expectedOutputs: false,
    linkExpiresAt: new Date(Date.now() + 60_000),
    createdAt: new Date(),
  });
}
