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
    id: '0003_scale_out',
    sql: `
-- Graders on several machines (README "Running on several machines"). Each grader process keeps a row here fresh
-- (its heartbeat); a running submission whose grader has no fresh heartbeat goes back to the queue within seconds.
CREATE TABLE graders (
  id         text PRIMARY KEY,
  host       text NOT NULL,
  pid        integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  seen_at    timestamptz NOT NULL DEFAULT now()
);

-- Live grading events, written by whichever grader holds the claim and tailed by the API process that holds the
-- client's stream. seq is the server-sent event id (Last-Event-ID resumes after it). Pruned once graded.
CREATE TABLE submission_events (
  seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  submission_id text NOT NULL,
  event         jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX submission_events_submission_idx ON submission_events (submission_id, seq);

-- Values every process of one deployment must agree on (the cookie secret when none is configured).
CREATE TABLE settings (
  name  text PRIMARY KEY,
  value text NOT NULL
);

-- Wake-ups: NOTIFY on commit, so that graders and streams on any machine react at once. Payloads stay tiny (8000
-- bytes is NOTIFY's limit): nothing for the queue, the submission id for events. A trigger, so that every path that
-- queues work (a submission, a screen's auto-submit, a requeue) wakes the graders.
CREATE FUNCTION judge_notify_queued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('judge_queue', '');
  RETURN NULL;
END
$$;
CREATE TRIGGER submissions_queued_notify AFTER INSERT OR UPDATE OF status ON submissions
  FOR EACH ROW WHEN (NEW.status = 'queued') EXECUTE FUNCTION judge_notify_queued();

CREATE FUNCTION judge_notify_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('judge_events', NEW.submission_id);
  RETURN NULL;
END
$$;
CREATE TRIGGER submission_events_notify AFTER INSERT ON submission_events
  FOR EACH ROW EXECUTE FUNCTION judge_notify_event();
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
