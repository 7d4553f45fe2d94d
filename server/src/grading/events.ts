/**
 * Live grading events per submission, through the database: the grader holding a submission's claim appends its
 * events to `submission_events`, and whichever process holds a client's stream tails them, woken by a NOTIFY
 * carrying the submission id (PostgreSQL across machines; PGlite within its one process) and, in case a notification
 * was missed, by a poll every few seconds. Every event has a sequence number, the server-sent event id, so a client
 * that lost its stream (an API process restarted) resumes after the last one it saw.
 *
 * Writes are batched: what every submission published within `batchMs` goes in one statement (`flush` writes at
 * once). A submission publishes about two events per test, a few milliseconds apart: one statement (and one NOTIFY,
 * and one read per stream) per event was ~110 statements per submission, and under the soak (issue 14) PGlite spent
 * ~45% of the main thread on them, since its WebAssembly runs on the event loop.
 */
import { reviveTags, tagForJson } from '../../../harness/src/codec.ts';
import type { SubmissionEvent } from '../contract.ts';
import { EVENTS_CHANNEL } from '../storage/cluster.ts';
import type { Store } from '../storage/types.ts';

type Listener = (e: SubmissionEvent, seq: number) => void;

export interface SubmissionEvents {
  /** Records an event of a submission this process grades. Returns at once; the write follows, in order. */
  publish(id: string, e: SubmissionEvent): void;
  /** Resolves once everything published for `id` so far is stored (or given up on: see `onError`). */
  flush(id: string): Promise<void>;
  /**
   * Delivers the events stored after `afterSeq`, then the following ones as they are stored; returns an
   * unsubscribe function.
   */
  subscribe(id: string, afterSeq: number, listener: Listener): () => void;
  /** Reads what a subscription to `id` has not seen yet, now (a stream that suspects it missed a wake-up). */
  catchUp(id: string): Promise<void>;
}

interface Tail {
  cursor: number;
  listener: Listener;
}

export interface StoredEventsOptions {
  store: Store;
  /** Whose claim the published events belong to (events of a claim this grader lost are not stored). */
  graderId: string;
  /** Tail every stream this often even without a notification. */
  pollMs?: number;
  /** Events published within this long are written together (default 100 ms: a progress display cannot tell). */
  batchMs?: number;
  onError?: (e: unknown) => void;
}

export class StoredEvents implements SubmissionEvents {
  /** Published and not yet written, in publishing order (all submissions), numbered from 1. */
  private pending: Array<{ n: number; submissionId: string; event: SubmissionEvent }> = [];
  private published = 0;
  /** Events up to this number are written (or given up on); the write in flight goes up to `writingUpTo`. */
  private written = 0;
  private writingUpTo = 0;
  /** The write in flight: one at a time, so the stored order is the publishing order. */
  private writing: Promise<void> | null = null;
  private batchTimer: NodeJS.Timeout | null = null;
  private readonly tails = new Map<string, Set<Tail>>();
  private readonly reading = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private unlisten: (() => Promise<void>) | null = null;
  private poll: NodeJS.Timeout | null = null;

  constructor(private readonly opts: StoredEventsOptions) {}

  /** Starts listening for other processes' events. */
  async start(): Promise<void> {
    this.unlisten = await this.opts.store.cluster.listen(EVENTS_CHANNEL, (id) => {
      // '' after a lost listening connection came back: anything may have happened.
      if (id === '') for (const key of this.tails.keys()) void this.read(key);
      else if (this.tails.has(id)) void this.read(id);
    });
    this.poll = setInterval(() => {
      for (const key of this.tails.keys()) void this.read(key);
    }, this.opts.pollMs ?? 3000);
    this.poll.unref();
  }

  async close(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    while (this.writing || this.pending.length > 0) {
      if (!this.writing) this.write();
      await this.writing;
    }
    await this.unlisten?.();
    this.unlisten = null;
  }

  publish(id: string, e: SubmissionEvent): void {
    this.pending.push({ n: ++this.published, submissionId: id, event: e });
    this.schedule();
  }

  async flush(id: string): Promise<void> {
    // The last event of `id` published so far: pending, or else possibly in the write in flight.
    const last = this.pending.findLast((p) => p.submissionId === id)?.n ?? (this.writing ? this.writingUpTo : 0);
    while (this.written < last) {
      if (this.writing) await this.writing;
      else this.write();
    }
  }

  /** A write within `batchMs`, unless one is due or in flight already (it schedules the next when it ends). */
  private schedule(): void {
    if (this.writing || this.batchTimer || this.pending.length === 0) return;
    this.batchTimer = setTimeout(() => this.write(), this.opts.batchMs ?? 100);
  }

  /** Writes everything pending in one statement. */
  private write(): void {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = null;
    const batch = this.pending;
    this.pending = [];
    const upTo = batch.at(-1)?.n ?? this.written;
    this.writingUpTo = upTo;
    this.writing = (async () => {
      try {
        // Tagged JSON: jsonb cannot hold -Infinity or -0, and sample outputs can.
        await this.opts.store.liveEvents.append(
          this.opts.graderId,
          batch.map((p) => ({ submissionId: p.submissionId, event: tagForJson(p.event) })),
        );
      } catch (e) {
        // Lost for live streams only: the result is stored with the submission, and streams replay it from there.
        this.opts.onError?.(e);
      }
    })().finally(() => {
      this.written = upTo;
      this.writing = null;
      this.schedule();
    });
  }

  subscribe(id: string, afterSeq: number, listener: Listener): () => void {
    const tail: Tail = { cursor: afterSeq, listener };
    let set = this.tails.get(id);
    if (!set) this.tails.set(id, (set = new Set()));
    set.add(tail);
    void this.read(id);
    return () => {
      set.delete(tail);
      if (set.size === 0 && this.tails.get(id) === set) this.tails.delete(id);
    };
  }

  catchUp(id: string): Promise<void> {
    return this.read(id);
  }

  /** One read at a time per submission; a wake-up during a read makes it read once more. */
  private read(id: string): Promise<void> {
    const running = this.reading.get(id);
    if (running) {
      this.again.add(id);
      return running;
    }
    const p = (async () => {
      do {
        this.again.delete(id);
        const set = this.tails.get(id);
        if (!set || set.size === 0) return;
        const from = Math.min(...[...set].map((t) => t.cursor));
        let rows;
        try {
          rows = await this.opts.store.liveEvents.after(id, from);
        } catch (e) {
          this.opts.onError?.(e);
          return;
        }
        for (const row of rows) {
          const event = reviveTags(row.event) as SubmissionEvent;
          for (const t of [...set]) {
            if (row.seq <= t.cursor) continue;
            t.cursor = row.seq;
            t.listener(event, row.seq);
          }
        }
      } while (this.again.has(id));
    })().finally(() => this.reading.delete(id));
    this.reading.set(id, p);
    return p;
  }
}
