/** Storage of timed screens and their timelines (same SQL on PGlite and PostgreSQL). */
import type { TimelineEventKind } from '../contract.ts';
import type { Db } from './db.ts';
import { fromJson, toDate, toDateOrNull } from './mapping.ts';

export interface ScreenRow {
  id: string;
  tokenHash: string;
  interviewerId: string;
  problems: string[];
  durationMs: number;
  extraMs: number;
  candidateName: string | null;
  candidateEmail: string | null;
  /** The candidate may ask for the reference's output on their own inputs (issue 15 §1). */
  expectedOutputs: boolean;
  linkExpiresAt: Date;
  createdAt: Date;
  revokedAt: Date | null;
  startedAt: Date | null;
  finalizedAt: Date | null;
}

export interface ScreenEventInput {
  clientId: string;
  seq: number;
  kind: TimelineEventKind;
  problem: string | null;
  at: Date;
  data: Record<string, unknown>;
}

export interface ScreenEventRow extends ScreenEventInput {
  order: number;
}

export interface ScreenStore {
  create(s: Omit<ScreenRow, 'revokedAt' | 'startedAt' | 'finalizedAt'>): Promise<void>;
  get(id: string): Promise<ScreenRow | null>;
  getByTokenHash(tokenHash: string): Promise<ScreenRow | null>;
  /** Newest first; all screens when `interviewerId` is null (admins). */
  list(interviewerId: string | null): Promise<ScreenRow[]>;
  /** Records the start once; later calls change nothing. Returns the row as it is afterwards. */
  start(id: string, at: Date): Promise<ScreenRow | null>;
  revoke(id: string, at: Date): Promise<void>;
  extend(id: string, extraMs: number): Promise<void>;
  /** Replaces the link's token (the old link stops working) and its expiry. */
  reissueLink(id: string, tokenHash: string, linkExpiresAt: Date): Promise<void>;
  /** Marks the screen finalized; true only for the one caller that did it. */
  markFinalized(id: string, at: Date): Promise<boolean>;
  /** Started, not revoked, not finalized screens whose time plus `graceMs` is over at `now`. */
  dueForFinalization(now: Date, graceMs: number): Promise<ScreenRow[]>;
  /** Stores events, ignoring ones already stored (same client id and seq). Returns how many were new. */
  addEvents(screenId: string, events: ScreenEventInput[]): Promise<number>;
  /**
   * Stores events from the candidate's browser like `addEvents`, unless the screen's client events would then
   * exceed `cap` (count, or bytes of their data as JSON): then nothing is stored and the answer is null.
   */
  addClientEvents(
    screenId: string,
    events: ScreenEventInput[],
    cap: { maxEvents: number; maxBytes: number },
  ): Promise<number | null>;
  events(screenId: string): Promise<ScreenEventRow[]>;
}

interface ScreenDbRow {
  id: string;
  token_hash: string;
  interviewer_id: string;
  problems: unknown;
  duration_ms: number | string;
  extra_ms: number | string;
  candidate_name: string | null;
  candidate_email: string | null;
  expected_outputs: boolean;
  link_expires_at: Date | string;
  created_at: Date | string;
  revoked_at: Date | string | null;
  started_at: Date | string | null;
  finalized_at: Date | string | null;
}

const COLUMNS =
  'id, token_hash, interviewer_id, problems, duration_ms, extra_ms, candidate_name, candidate_email, expected_outputs, link_expires_at, created_at, revoked_at, started_at, finalized_at';

function mapScreen(r: ScreenDbRow): ScreenRow {
  return {
    id: r.id,
    tokenHash: r.token_hash,
    interviewerId: r.interviewer_id,
    problems: fromJson(r.problems) as string[],
    durationMs: Number(r.duration_ms),
    extraMs: Number(r.extra_ms),
    candidateName: r.candidate_name,
    candidateEmail: r.candidate_email,
    expectedOutputs: r.expected_outputs === true,
    linkExpiresAt: toDate(r.link_expires_at),
    createdAt: toDate(r.created_at),
    revokedAt: toDateOrNull(r.revoked_at),
    startedAt: toDateOrNull(r.started_at),
    finalizedAt: toDateOrNull(r.finalized_at),
  };
}

export class SqlScreenStore implements ScreenStore {
  constructor(private readonly db: Db) {}

  async create(s: Omit<ScreenRow, 'revokedAt' | 'startedAt' | 'finalizedAt'>): Promise<void> {
    await this.db.query(
      `INSERT INTO screens (id, token_hash, interviewer_id, problems, duration_ms, extra_ms, candidate_name, candidate_email, link_expires_at, created_at, expected_outputs)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11)`,
      [
        s.id,
        s.tokenHash,
        s.interviewerId,
        JSON.stringify(s.problems),
        s.durationMs,
        s.extraMs,
        s.candidateName,
        s.candidateEmail,
        s.linkExpiresAt,
        s.createdAt,
        s.expectedOutputs,
      ],
    );
  }

  async get(id: string): Promise<ScreenRow | null> {
    const rows = await this.db.query<ScreenDbRow>(`SELECT ${COLUMNS} FROM screens WHERE id = $1`, [id]);
    return rows[0] ? mapScreen(rows[0]) : null;
  }

  async getByTokenHash(tokenHash: string): Promise<ScreenRow | null> {
    const rows = await this.db.query<ScreenDbRow>(`SELECT ${COLUMNS} FROM screens WHERE token_hash = $1`, [tokenHash]);
    return rows[0] ? mapScreen(rows[0]) : null;
  }

  async list(interviewerId: string | null): Promise<ScreenRow[]> {
    const rows =
      interviewerId === null
        ? await this.db.query<ScreenDbRow>(`SELECT ${COLUMNS} FROM screens ORDER BY created_at DESC LIMIT 500`)
        : await this.db.query<ScreenDbRow>(
            `SELECT ${COLUMNS} FROM screens WHERE interviewer_id = $1 ORDER BY created_at DESC LIMIT 500`,
            [interviewerId],
          );
    return rows.map(mapScreen);
  }

  async start(id: string, at: Date): Promise<ScreenRow | null> {
    await this.db.query('UPDATE screens SET started_at = $2 WHERE id = $1 AND started_at IS NULL', [id, at]);
    return this.get(id);
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.db.query('UPDATE screens SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1', [id, at]);
  }

  async extend(id: string, extraMs: number): Promise<void> {
    await this.db.query('UPDATE screens SET extra_ms = extra_ms + $2 WHERE id = $1', [id, extraMs]);
  }

  async reissueLink(id: string, tokenHash: string, linkExpiresAt: Date): Promise<void> {
    await this.db.query('UPDATE screens SET token_hash = $2, link_expires_at = $3 WHERE id = $1', [
      id,
      tokenHash,
      linkExpiresAt,
    ]);
  }

  async markFinalized(id: string, at: Date): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      'UPDATE screens SET finalized_at = $2 WHERE id = $1 AND finalized_at IS NULL RETURNING id',
      [id, at],
    );
    return rows.length === 1;
  }

  async dueForFinalization(now: Date, graceMs: number): Promise<ScreenRow[]> {
    const rows = await this.db.query<ScreenDbRow>(
      `SELECT ${COLUMNS} FROM screens
        WHERE started_at IS NOT NULL AND finalized_at IS NULL AND revoked_at IS NULL
          AND started_at + ((duration_ms + extra_ms + $2) * interval '1 millisecond') <= $1`,
      [now, graceMs],
    );
    return rows.map(mapScreen);
  }

  async addEvents(screenId: string, events: ScreenEventInput[]): Promise<number> {
    let added = 0;
    for (const e of events) {
      const rows = await this.db.query<{ seq: unknown }>(
        `INSERT INTO screen_events (screen_id, client_id, client_seq, kind, problem, at, data) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
         ON CONFLICT (screen_id, client_id, client_seq) DO NOTHING RETURNING seq`,
        [screenId, e.clientId, e.seq, e.kind, e.problem, e.at, JSON.stringify(e.data ?? {})],
      );
      added += rows.length;
    }
    return added;
  }

  async addClientEvents(
    screenId: string,
    events: ScreenEventInput[],
    cap: { maxEvents: number; maxBytes: number },
  ): Promise<number | null> {
    const full = new Error('over the cap: rolled back');
    try {
      return await this.db.transaction(async (tx) => {
        // The screen's row lock orders concurrent batches of one screen; the counters are then exact.
        const [row] = await tx.query<{ n: number | string; bytes: number | string }>(
          'SELECT client_event_count AS n, client_event_bytes AS bytes FROM screens WHERE id = $1 FOR UPDATE',
          [screenId],
        );
        if (!row) return 0;
        let added = 0;
        let bytes = 0;
        for (const e of events) {
          const data = JSON.stringify(e.data ?? {});
          const rows = await tx.query<{ seq: unknown }>(
            `INSERT INTO screen_events (screen_id, client_id, client_seq, kind, problem, at, data) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
             ON CONFLICT (screen_id, client_id, client_seq) DO NOTHING RETURNING seq`,
            [screenId, e.clientId, e.seq, e.kind, e.problem, e.at, data],
          );
          if (rows.length === 0) continue;
          added++;
          bytes += Buffer.byteLength(data, 'utf8');
        }
        // Checked after the insert so that a resent batch (nothing new) is never refused; over the cap, the
        // transaction is rolled back.
        if (Number(row.n) + added > cap.maxEvents || Number(row.bytes) + bytes > cap.maxBytes) throw full;
        if (added > 0)
          await tx.query(
            'UPDATE screens SET client_event_count = client_event_count + $2, client_event_bytes = client_event_bytes + $3 WHERE id = $1',
            [screenId, added, bytes],
          );
        return added;
      });
    } catch (e) {
      if (e === full) return null;
      throw e;
    }
  }

  async events(screenId: string): Promise<ScreenEventRow[]> {
    const rows = await this.db.query<{
      seq: number | string;
      client_id: string;
      client_seq: number | string;
      kind: TimelineEventKind;
      problem: string | null;
      at: Date | string;
      data: unknown;
    }>(
      'SELECT seq, client_id, client_seq, kind, problem, at, data FROM screen_events WHERE screen_id = $1 ORDER BY at, seq',
      [screenId],
    );
    return rows.map((r) => ({
      order: Number(r.seq),
      clientId: r.client_id,
      seq: Number(r.client_seq),
      kind: r.kind,
      problem: r.problem,
      at: toDate(r.at),
      data: (fromJson(r.data) ?? {}) as Record<string, unknown>,
    }));
  }
}
