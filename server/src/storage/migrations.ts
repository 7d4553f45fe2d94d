/**
 * Schema migrations: an append-only, ordered list. Never edit or reorder a migration once it has shipped; add a new one.
 * Each runs in the transaction that records it in `schema_migrations`, so a failed migration leaves nothing behind.
 */
import type { Db } from './db.ts';

export interface Migration {
  /** Unique, sortable id, e.g. `0001_initial`. */
  id: string;
  /** One or more statements, run as a script (no parameters). */
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    id: '0001_initial',
    sql: `
-- seq: insertion order. PGlite's clock has millisecond resolution, so created_at can tie; seq breaks ties (FIFO
-- claiming, newest-first listing) where a random id would not.
CREATE TABLE submissions (
  id          text PRIMARY KEY,
  seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  owner_id    text NOT NULL,
  problem     text NOT NULL,
  code        text NOT NULL,
  status      text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done')),
  verdict     text NULL,
  summary     jsonb NULL,
  results     jsonb NOT NULL DEFAULT '[]'::jsonb,
  attempts    integer NOT NULL DEFAULT 0,
  claimed_by  text NULL,
  claimed_at  timestamptz NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  started_at  timestamptz NULL,
  finished_at timestamptz NULL
);
CREATE INDEX submissions_status_created_idx ON submissions (status, created_at, seq);
CREATE INDEX submissions_owner_problem_created_idx ON submissions (owner_id, problem, created_at DESC, seq DESC);

CREATE TABLE drafts (
  owner_id   text NOT NULL,
  problem    text NOT NULL,
  code       text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner_id, problem)
);

CREATE TABLE users (
  id            text PRIMARY KEY,
  name          text NOT NULL UNIQUE,
  role          text NOT NULL CHECK (role IN ('admin', 'interviewer', 'instructor')),
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- The primary key is the SHA-256 (hex) of the session token; the token itself is never stored.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id    text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
`,
  },
  {
    id: '0002_screens',
    sql: `
-- Timed coding screens. Times that decide the clock come from the server's (injectable) clock, never the client's.
CREATE TABLE screens (
  id              text PRIMARY KEY,
  token_hash      text NOT NULL UNIQUE,
  interviewer_id  text NOT NULL REFERENCES users (id),
  problems        jsonb NOT NULL,
  duration_ms     bigint NOT NULL CHECK (duration_ms > 0),
  extra_ms        bigint NOT NULL DEFAULT 0 CHECK (extra_ms >= 0),
  candidate_name  text NULL,
  candidate_email text NULL,
  link_expires_at timestamptz NOT NULL,
  created_at      timestamptz NOT NULL,
  revoked_at      timestamptz NULL,
  started_at      timestamptz NULL,
  finalized_at    timestamptz NULL
);
CREATE INDEX screens_interviewer_idx ON screens (interviewer_id, created_at DESC);

-- The timeline: editor snapshots, runs, submissions, verdicts, pastes, focus changes. Clients resend what was not
-- acknowledged, so (client_id, client_seq) makes a resend harmless.
CREATE TABLE screen_events (
  seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  screen_id  text NOT NULL REFERENCES screens (id) ON DELETE CASCADE,
  client_id  text NOT NULL,
  client_seq bigint NOT NULL,
  kind       text NOT NULL,
  problem    text NULL,
  at         timestamptz NOT NULL,
  data       jsonb NOT NULL DEFAULT '{}'::jsonb,
  UNIQUE (screen_id, client_id, client_seq)
);
CREATE INDEX screen_events_screen_idx ON screen_events (screen_id, at, seq);
`,
  },
  {
    id: '0003_screen_expected_outputs',
    sql: `
-- Issue 15 §1: a screen may let its candidate see the reference's output for their own inputs (off by default).
ALTER TABLE screens ADD COLUMN expected_outputs boolean NOT NULL DEFAULT false;
`,
  },
];

/**
 * Arbitrary constant key for `pg_advisory_xact_lock`: concurrent `migrate` calls (several processes starting at once
 * against one PostgreSQL database) wait for each other instead of racing on `CREATE TABLE`. The lock is
 * database-wide, which only serialises migrations of different schemas in the same database.
 */
export const MIGRATION_LOCK_KEY = 7_263_110_001;

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in order, in one transaction. Idempotent; returns the
 * ids it applied. Ids recorded in the database but absent from `list` (a newer version of the server migrated it) are
 * ignored, so that an older process can still start during a rolling upgrade; migrations must therefore stay additive.
 */
export async function migrate(db: Db, list: readonly Migration[] = migrations): Promise<string[]> {
  if (new Set(list.map((m) => m.id)).size !== list.length) throw new Error('duplicate migration id');
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id         text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ id: string }>('SELECT id FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.id));
    const done: string[] = [];
    for (const m of list) {
      if (applied.has(m.id)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [m.id]);
      done.push(m.id);
    }
    return done;
  });
}
