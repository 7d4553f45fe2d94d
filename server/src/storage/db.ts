/**
 * A minimal database handle over the two drivers the server supports:
 *
 * - PGlite (PostgreSQL compiled to WebAssembly, in-process): the default; data under `<dataDir>/pg`, or in memory when
 *   `dataDir` is `'memory://'`. One connection, so every query and transaction is serialised.
 * - `pg` (node-postgres) with a connection pool, when a `DATABASE_URL` is given: several processes/machines can share
 *   the database.
 *
 * The same SQL text runs on both. Values come back as the drivers parse them (both return `jsonb` parsed and
 * `timestamptz` as `Date`; `int8`/`numeric` differ, so cast counts to `int`). Pass `jsonb` parameters as
 * `JSON.stringify`-ed strings with an explicit `$n::jsonb` cast: `pg` would turn a JS array into a PostgreSQL array
 * literal otherwise.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite, type Transaction as PGliteTransaction } from '@electric-sql/pglite';
import pg from 'pg';

export interface Db {
  readonly kind: 'pglite' | 'postgres';
  /** One statement (extended protocol: `$1`, `$2`, ... parameters); resolves to the rows it returns. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A script of one or more statements without parameters (simple protocol), e.g. a migration. */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in a transaction: committed when `fn` resolves, rolled back when it throws. Use only `tx` inside `fn`
   * (on PGlite, a query on the outer handle waits for the transaction to end, so it would deadlock). Nested calls on
   * `tx` use a savepoint.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Closes the database (PGlite flushes to disk) or the pool. Not allowed on a transaction handle. */
  close(): Promise<void>;
}

export interface OpenDbOptions {
  /** A PostgreSQL connection string (`postgres://user:pass@host:port/db`); PGlite when absent or empty. */
  databaseUrl?: string;
  /** Data directory; PGlite keeps its files in `<dataDir>/pg`. `'memory://'` for an in-memory PGlite. */
  dataDir: string;
}

export const MEMORY_DATA_DIR = 'memory://';

export async function openDb(opts: OpenDbOptions): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPGlite(opts.dataDir);
}

// ---------------------------------------------------------------------------------------------------------------
// Savepoints for nested transactions (shared by both drivers).

let savepointSeq = 0;

async function withSavepoint<T>(tx: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  const name = `sp_${++savepointSeq}`;
  await tx.query(`SAVEPOINT ${name}`);
  try {
    const result = await fn(tx);
    await tx.query(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (err) {
    await tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
    throw err;
  }
}

function closeInTransaction(): Promise<void> {
  return Promise.reject(new Error('close() is not allowed on a transaction handle'));
}

// ---------------------------------------------------------------------------------------------------------------
// PGlite

export async function openPGlite(dataDir: string): Promise<Db> {
  let pglite: PGlite;
  if (dataDir === MEMORY_DATA_DIR) {
    pglite = new PGlite(MEMORY_DATA_DIR);
  } else {
    const dir = path.resolve(dataDir, 'pg');
    await mkdir(dir, { recursive: true });
    pglite = new PGlite(dir);
  }
  await pglite.waitReady;
  return new PGliteDb(pglite);
}

class PGliteDb implements Db {
  readonly kind = 'pglite' as const;
  #pg: PGlite;

  constructor(pglite: PGlite) {
    this.#pg = pglite;
  }

  async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    const res = await this.#pg.query<T>(sql, params);
    return res.rows;
  }

  async exec(sql: string): Promise<void> {
    await this.#pg.exec(sql);
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.#pg.transaction((tx) => fn(new PGliteTxDb(tx)));
  }

  async close(): Promise<void> {
    if (!this.#pg.closed) await this.#pg.close();
  }
}

class PGliteTxDb implements Db {
  readonly kind = 'pglite' as const;
  #tx: PGliteTransaction;

  constructor(tx: PGliteTransaction) {
    this.#tx = tx;
  }

  async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    const res = await this.#tx.query<T>(sql, params);
    return res.rows;
  }

  async exec(sql: string): Promise<void> {
    await this.#tx.exec(sql);
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return withSavepoint(this, fn);
  }

  close(): Promise<void> {
    return closeInTransaction();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// node-postgres

export async function openPostgres(databaseUrl: string, poolOptions: pg.PoolConfig = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString: databaseUrl, ...poolOptions });
  // An idle client whose connection drops emits 'error' on the pool; without a listener that would crash the process.
  // The pool discards the client and the next query opens a new connection.
  pool.on('error', (err) => {
    console.error(`[storage] idle PostgreSQL connection error: ${err.message}`);
  });
  // Fail fast on a wrong URL or an unreachable server instead of at the first request.
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  return new PgPoolDb(pool);
}

class PgPoolDb implements Db {
  readonly kind = 'postgres' as const;
  #pool: pg.Pool;
  #closed = false;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    const res = await this.#pool.query(sql, params);
    return res.rows as T[];
  }

  async exec(sql: string): Promise<void> {
    // Without parameters node-postgres uses the simple query protocol, which accepts several statements.
    await this.#pool.query(sql);
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    // A checked-out client has no 'error' listener of the pool's: a connection lost between two queries of the
    // transaction would otherwise be an unhandled 'error' event. Remember it, and destroy the client on release.
    let broken: Error | undefined;
    const onError = (err: Error): void => {
      broken = err;
    };
    // BEGIN/COMMIT/ROLLBACK failing for any reason other than an error reported by the server (which has a SQLSTATE
    // code) means the connection is unusable.
    const control = async (sql: string): Promise<string | null> => {
      try {
        return (await client.query(sql)).command;
      } catch (err) {
        if (!hasSqlState(err)) broken ??= toError(err);
        throw err;
      }
    };
    client.on('error', onError);
    try {
      await control('BEGIN');
      let result: T;
      try {
        result = await fn(new PgClientDb(client));
      } catch (err) {
        if (!broken) {
          await control('ROLLBACK').catch((rollbackErr: unknown) => {
            broken ??= toError(rollbackErr);
          });
        }
        throw err;
      }
      // COMMIT of a transaction in which a statement failed (and `fn` caught the error) rolls back without an error;
      // report it as PGlite does.
      if ((await control('COMMIT')) === 'ROLLBACK') throw new Error('transaction aborted: COMMIT rolled back');
      return result;
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}

function hasSqlState(err: unknown): boolean {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((err as { code: string }).code);
}

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

class PgClientDb implements Db {
  readonly kind = 'postgres' as const;
  #client: pg.PoolClient;

  constructor(client: pg.PoolClient) {
    this.#client = client;
  }

  async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    const res = await this.#client.query(sql, params);
    return res.rows as T[];
  }

  async exec(sql: string): Promise<void> {
    await this.#client.query(sql);
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return withSavepoint(this, fn);
  }

  close(): Promise<void> {
    return closeInTransaction();
  }
}
