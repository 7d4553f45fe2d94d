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
    id: '0003_problem_versions',
    sql: `
-- The problem version a submission was graded against (harness/src/problem/version.ts); NULL before versions existed.
ALTER TABLE submissions ADD COLUMN problem_version text NULL;
CREATE INDEX submissions_problem_version_idx ON submissions (problem, status, problem_version);

-- Problem packages published through the API (PROBLEMS_DIR stays the source of the built-in ones). A revision is
-- checked (judge check, in a worker thread), then, for a new version of a live problem, the stored submissions are
-- re-graded against it; the author publishes it (it goes live; the live one is superseded) or discards it.
CREATE TABLE problem_revisions (
  id           text PRIMARY KEY,
  seq          bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  slug         text NOT NULL,
  status       text NOT NULL DEFAULT 'checking'
               CHECK (status IN ('checking', 'refused', 'regrading', 'ready', 'live', 'superseded', 'discarded')),
  files        jsonb NOT NULL,
  visibility   text NULL CHECK (visibility IN ('listed', 'unlisted', 'screens-only')),
  note         text NULL,
  version      text NULL,
  base_version text NULL,
  check_output jsonb NULL,
  -- submissions of the base version left out of the re-grade (beyond REGRADE_MAX)
  regrade_skipped integer NOT NULL DEFAULT 0,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  decided_at   timestamptz NULL
);
CREATE INDEX problem_revisions_slug_idx ON problem_revisions (slug, seq);
CREATE UNIQUE INDEX problem_revisions_one_live_idx ON problem_revisions (slug) WHERE status = 'live';

-- A re-grade grades each distinct code once (grading is deterministic); regrades maps submissions to those jobs.
-- Graders take these jobs only when no live submission waits.
CREATE TABLE regrade_jobs (
  revision_id text NOT NULL REFERENCES problem_revisions (id) ON DELETE CASCADE,
  code_hash   text NOT NULL,
  seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  code        text NOT NULL,
  status      text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done')),
  verdict     text NULL,
  summary     jsonb NULL,
  results     jsonb NULL,
  claimed_by  text NULL,
  claimed_at  timestamptz NULL,
  PRIMARY KEY (revision_id, code_hash)
);
CREATE INDEX regrade_jobs_status_idx ON regrade_jobs (status, seq);

-- One row per submission re-graded for a revision; applied_at is set when the revision is published, and the
-- submission then carries the new outcome (its old verdict and version stay here, for the user to see).
CREATE TABLE regrades (
  revision_id   text NOT NULL REFERENCES problem_revisions (id) ON DELETE CASCADE,
  submission_id text NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  code_hash     text NOT NULL,
  old_verdict   text NULL,
  old_version   text NULL,
  applied_at    timestamptz NULL,
  PRIMARY KEY (revision_id, submission_id)
);
CREATE INDEX regrades_submission_idx ON regrades (submission_id);

-- Visibility set by an instructor (publish --visibility, or the API), over problem.json's.
CREATE TABLE problem_visibility (
  slug       text PRIMARY KEY,
  visibility text NOT NULL CHECK (visibility IN ('listed', 'unlisted', 'screens-only')),
  updated_by text NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
  {
    id: '0004_login_throttle',
    sql: `
-- Login attempts per account name (known or not, so that answers do not tell which names exist), shared by every
-- API process: after a few failures each further attempt waits longer (issue 14 §10). A success deletes the row.
CREATE TABLE login_throttle (
  name            text PRIMARY KEY,
  attempts        integer NOT NULL,
  last_attempt_at timestamptz NOT NULL,
  locked_until    timestamptz NULL
);
CREATE INDEX login_throttle_last_idx ON login_throttle (last_attempt_at);
-- Expired sessions are purged periodically.
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
`,
  },
  {
    id: '0005_abuse_limits',
    sql: `
-- What a screen's timeline holds from the candidate's browser, kept with the screen so that the caps on count and
-- bytes (issue 14 §4) are checked under the screen row's lock instead of by summing the events on every batch.
ALTER TABLE screens ADD COLUMN client_event_count integer NOT NULL DEFAULT 0;
ALTER TABLE screens ADD COLUMN client_event_bytes bigint NOT NULL DEFAULT 0;
UPDATE screens s
   SET client_event_count = e.n, client_event_bytes = e.bytes
  FROM (SELECT screen_id, count(*) AS n, sum(octet_length(data::text)) AS bytes
          FROM screen_events WHERE client_id <> 'server' GROUP BY screen_id) e
 WHERE e.screen_id = s.id;

-- Anonymous learners' drafts expire after a retention period: the sweep finds them by age.
CREATE INDEX drafts_updated_idx ON drafts (updated_at);
-- Submissions not yet graded per owner (QUEUED_PER_OWNER).
CREATE INDEX submissions_owner_pending_idx ON submissions (owner_id) WHERE status <> 'done';
`,
  },
  {
    id: '0006_replay_and_learners',
    sql: `
-- The replay lane (issue 15 §3): every distinct code a candidate's timeline holds for a problem, graded on the
-- hidden suite at low priority. The table is the queue (graders claim with FOR UPDATE SKIP LOCKED, and only while no
-- submission waits); the figures stay with the screen. Results are stored as hidden tests are shown: index, group,
-- verdict, steps, memory.
CREATE TABLE replay_grades (
  seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  screen_id      text NOT NULL REFERENCES screens (id) ON DELETE CASCADE,
  problem        text NOT NULL,
  code_hash      text NOT NULL,
  code           text NOT NULL,
  status         text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done')),
  verdict        text NULL,
  passed         integer NULL,
  total          integer NULL,
  samples_passed integer NULL,
  samples_total  integer NULL,
  summary        jsonb NULL,
  results        jsonb NOT NULL DEFAULT '[]'::jsonb,
  attempts       integer NOT NULL DEFAULT 0,
  claimed_by     text NULL,
  claimed_at     timestamptz NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz NULL,
  UNIQUE (screen_id, problem, code_hash)
);
CREATE INDEX replay_grades_status_idx ON replay_grades (status, seq);

-- Learners may sign up (issue 15 §4) to keep their practice across devices.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'interviewer', 'instructor', 'learner'));
`,
  },
  {
    id: '0007_scale_out',
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
  {
    id: '0008_screen_expected_outputs',
    sql: `
-- Issue 15 §1: a screen may let its candidate see the reference's output for their own inputs (off by default).
ALTER TABLE screens ADD COLUMN expected_outputs boolean NOT NULL DEFAULT false;
`,
  },
  {
    id: '0009_problem_sync',
    sql: `
-- Every process keeps the catalog in memory: a revision's status or a visibility changing in one process (a
-- publish through an API) wakes the others to sync theirs (Publishing.follow), whatever statement changed it.
CREATE FUNCTION judge_notify_problems() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('judge_problems', '');
  RETURN NULL;
END
$$;
CREATE TRIGGER problem_revisions_notify AFTER INSERT OR UPDATE OF status ON problem_revisions
  FOR EACH STATEMENT EXECUTE FUNCTION judge_notify_problems();
CREATE TRIGGER problem_visibility_notify AFTER INSERT OR UPDATE OR DELETE ON problem_visibility
  FOR EACH STATEMENT EXECUTE FUNCTION judge_notify_problems();

-- The low-priority lanes wake idle graders too (they also poll): a re-grade queued by the API that checked a
-- revision, a screen's codes queued for the replay lane.
CREATE TRIGGER regrade_jobs_queued_notify AFTER INSERT OR UPDATE OF status ON regrade_jobs
  FOR EACH ROW WHEN (NEW.status = 'queued') EXECUTE FUNCTION judge_notify_queued();
CREATE TRIGGER replay_grades_queued_notify AFTER INSERT OR UPDATE OF status ON replay_grades
  FOR EACH ROW WHEN (NEW.status = 'queued') EXECUTE FUNCTION judge_notify_queued();
`,
  },
  {
    id: '0010_test_reports',
    sql: `
-- Issue 12 §3: a learner reports a test (of a submission, or a sample of a Run in the browser); the authors read it in
-- their inbox and replay it against the version it was graded on. What the reporter saw is kept as it was then (a
-- later re-grade changes the submission, not the report): the verdicts, and for a submission its results as shown
-- to the learner (hidden tests redacted).
CREATE TABLE test_reports (
  id              text PRIMARY KEY,
  seq             bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  problem         text NOT NULL,
  problem_version text NULL,
  source          text NOT NULL CHECK (source IN ('submission', 'run')),
  submission_id   text NULL,
  test_index      integer NULL,
  test_group      text NULL CHECK (test_group IN ('sample', 'hidden')),
  verdict         text NULL,
  test_verdict    text NULL,
  seen            jsonb NULL,
  code            text NOT NULL,
  message         text NOT NULL,
  owner_id        text NOT NULL,
  reporter_name   text NULL,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolved_by     text NULL,
  resolved_at     timestamptz NULL,
  reply           text NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX test_reports_status_idx ON test_reports (status, seq DESC);
`,
  },
  {
    id: '0011_event_notify_per_statement',
    sql: `
-- Issue 14 (the soak's stalls): live events are written in batches, and the row trigger ran PL/pgSQL once per event
-- (half the cost of a batch's INSERT on PGlite, whose WebAssembly runs on the server's event loop). One call per
-- statement, one NOTIFY per submission in it; the listeners see the same payloads as before.
DROP TRIGGER submission_events_notify ON submission_events;
DROP FUNCTION judge_notify_event();
CREATE FUNCTION judge_notify_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('judge_events', d.submission_id) FROM (SELECT DISTINCT submission_id FROM stored) d;
  RETURN NULL;
END
$$;
CREATE TRIGGER submission_events_notify AFTER INSERT ON submission_events
  REFERENCING NEW TABLE AS stored FOR EACH STATEMENT EXECUTE FUNCTION judge_notify_events();
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
