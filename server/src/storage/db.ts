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
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { PGlite, type Transaction as PGliteTransaction } from '@electric-sql/pglite';
import pg from 'pg';
import { defaultImageFile, discardImage, readImage, saveImage } from './new-cluster-image.ts';

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
  /**
   * Calls `onNotify` with the payload of every NOTIFY on `channel` (from this process or any other), and with `''`
   * after a lost listening connection is back (notifications in between are lost: look for what changed). Resolves
   * once listening; the function it returns stops. Not allowed on a transaction handle.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
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

function listenInTransaction(): Promise<() => Promise<void>> {
  return Promise.reject(new Error('listen() is not allowed on a transaction handle'));
}

/** Channel names go into LISTEN as identifiers: only plain lower-case names. */
function checkChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`bad channel name "${channel}"`);
  return channel;
}

// ---------------------------------------------------------------------------------------------------------------
// PGlite

/**
 * Opens (or creates) the PGlite database in `dataDir`. A new one starts from the image of a new cluster when there is
 * one (`new-cluster-image.ts`: ~1 s instead of an `initdb`'s 3-5 s), and leaves that image behind when it had to run
 * `initdb` itself. `imageFile` null: neither.
 */
export async function openPGlite(dataDir: string, imageFile: string | null = defaultImageFile()): Promise<Db> {
  let dir: string = MEMORY_DATA_DIR;
  let unlock = (): void => undefined;
  if (dataDir !== MEMORY_DATA_DIR) {
    dir = path.resolve(dataDir, 'pg');
    await mkdir(dir, { recursive: true });
    unlock = lockDataDir(path.resolve(dataDir));
  }
  try {
    const isNew = dir === MEMORY_DATA_DIR || (await readdir(dir)).length === 0;
    const image = isNew ? readImage(imageFile) : undefined;
    if (image) {
      const loaded = new PGlite(dir, { loadDataDir: image });
      try {
        await loaded.waitReady;
        return new PGliteDb(loaded, unlock);
      } catch {
        // A bad image: back to the state before it (an empty directory) and an initdb of our own.
        await loaded.close().catch(() => undefined);
        discardImage(imageFile);
        if (dir !== MEMORY_DATA_DIR) await emptyDirectory(dir);
      }
    }
    const pglite = new PGlite(dir);
    await pglite.waitReady;
    if (isNew) await saveImage(pglite, imageFile);
    return new PGliteDb(pglite, unlock);
  } catch (e) {
    unlock();
    throw e;
  }
}

async function emptyDirectory(dir: string): Promise<void> {
  for (const name of await readdir(dir)) await rm(path.join(dir, name), { recursive: true, force: true });
}

/**
 * PGlite is PostgreSQL inside one process: two processes opening the same directory each keep their own buffers
 * and WAL, and one overwrites the other's writes (e.g. `judge user add` while the server runs: the account is
 * silently lost). So a directory is opened by one process at a time, under `<dataDir>/pglite.lock`. A lock left by
 * a process that died (kill -9) is taken over.
 */
export class DataDirInUseError extends Error {
  readonly code = 'DATA_DIR_IN_USE';
  constructor(dataDir: string, pid: number) {
    super(
      `DATA_DIR ${dataDir} is in use by another process (pid ${pid}, e.g. a running judge server): stop it first, ` +
        'or use DATABASE_URL (PostgreSQL) to share one database between processes',
    );
  }
}

/** Identifies a process across pid reuse: its pid and, on Linux, its start time. */
function processMark(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime), counted after the parenthesised command name, which may contain spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function holderAlive(pid: number, mark: string | null): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = processMark(pid);
  return mark === null || now === null || now === mark;
}

function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'pglite.lock');
  const content = JSON.stringify({ pid: process.pid, mark: processMark(process.pid) });
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, content, { flag: 'wx', mode: 0o600 });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
      let holder: { pid?: unknown; mark?: unknown } = {};
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as typeof holder;
      } catch {
        // unreadable or half-written: treated as stale
      }
      const pid = Number(holder.pid);
      if (holderAlive(pid, typeof holder.mark === 'string' ? holder.mark : null))
        throw new DataDirInUseError(dataDir, pid);
      rmSync(file, { force: true });
    }
  }
  const release = (): void => {
    process.off('exit', release);
    try {
      if (readFileSync(file, 'utf8') === content) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  // process.exit() skips close(): let the lock go anyway (a kill -9 leaves it, and the next open takes it over).
  process.on('exit', release);
  return release;
}

class PGliteDb implements Db {
  readonly kind = 'pglite' as const;
  #pg: PGlite;
  #unlock: () => void;

  constructor(pglite: PGlite, unlock: () => void = () => undefined) {
    this.#pg = pglite;
    this.#unlock = unlock;
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
    try {
      if (!this.#pg.closed) await this.#pg.close();
    } finally {
      this.#unlock();
    }
  }

  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    // In one process, PGlite delivers the NOTIFYs of its own statements (triggers included).
    return this.#pg.listen(checkChannel(channel), onNotify);
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

  listen(): Promise<() => Promise<void>> {
    return listenInTransaction();
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
  return new PgPoolDb(pool, new PgListener(databaseUrl));
}

class PgPoolDb implements Db {
  readonly kind = 'postgres' as const;
  #pool: pg.Pool;
  #listener: PgListener;
  #closed = false;

  constructor(pool: pg.Pool, listener: PgListener) {
    this.#pool = pool;
    this.#listener = listener;
  }

  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    return this.#listener.listen(checkChannel(channel), onNotify);
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
    await this.#listener.close();
    await this.#pool.end();
  }
}

/**
 * LISTEN needs a connection of its own that stays open (a pooled one goes back to the pool). One per process, opened
 * at the first `listen`; when it drops (database restart, network), it reconnects with a growing delay (0.25 s to
 * 10 s), LISTENs again, and tells every listener (payload `''`) so that it looks for what it missed.
 */
class PgListener {
  #url: string;
  #client: pg.Client | null = null;
  #connecting: Promise<void> | null = null;
  #handlers = new Map<string, Set<(payload: string) => void>>();
  #retryMs = 250;
  #retryTimer: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(url: string) {
    this.#url = url;
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    let set = this.#handlers.get(channel);
    const first = !set;
    if (!set) this.#handlers.set(channel, (set = new Set()));
    set.add(onNotify);
    try {
      if (!this.#client && !this.#connecting && !this.#retryTimer) await this.#connect(false);
      else if (this.#connecting) await this.#connecting.catch(() => undefined);
      else if (first) await this.#client?.query(`LISTEN ${channel}`);
    } catch (err) {
      // Unreachable now: keep trying in the background; callers poll as well, so nothing waits for this.
      console.error(`[storage] cannot LISTEN yet: ${err instanceof Error ? err.message : String(err)}; retrying`);
      this.#retry();
    }
    return async () => {
      set.delete(onNotify);
      if (set.size > 0 || this.#handlers.get(channel) !== set) return;
      this.#handlers.delete(channel);
      await this.#client?.query(`UNLISTEN ${channel}`).catch(() => undefined);
    };
  }

  #connect(again: boolean): Promise<void> {
    const attempt = (async () => {
      const client = new pg.Client({ connectionString: this.#url, keepAlive: true });
      client.on('notification', (m) => {
        for (const h of this.#handlers.get(m.channel) ?? []) h(m.payload ?? '');
      });
      const lost = (err?: Error): void => {
        if (this.#client !== client) return;
        this.#client = null;
        client.removeAllListeners('error');
        client.on('error', () => undefined);
        void client.end().catch(() => undefined);
        if (!this.#closed) {
          console.error(`[storage] LISTEN connection lost${err ? `: ${err.message}` : ''}; reconnecting`);
          this.#retry();
        }
      };
      client.on('error', lost);
      client.on('end', () => lost());
      try {
        await client.connect();
        for (const channel of this.#handlers.keys()) await client.query(`LISTEN ${channel}`);
      } catch (err) {
        client.on('error', () => undefined);
        await client.end().catch(() => undefined);
        throw err;
      }
      if (this.#closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.#client = client;
      this.#retryMs = 250;
      if (again) for (const set of this.#handlers.values()) for (const h of set) h('');
    })();
    this.#connecting = attempt;
    return attempt.finally(() => {
      if (this.#connecting === attempt) this.#connecting = null;
    });
  }

  #retry(): void {
    if (this.#closed || this.#retryTimer) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#connect(true).catch(() => {
        this.#retryMs = Math.min(10_000, this.#retryMs * 2);
        this.#retry();
      });
    }, this.#retryMs);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    await this.#connecting?.catch(() => undefined);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }
}

function hasSqlState(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { code?: unknown }).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((err as { code: string }).code)
  );
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

  listen(): Promise<() => Promise<void>> {
    return listenInTransaction();
  }
}
