/**
 * Live grading events per submission, through the database: the grader holding a submission's claim appends its
 * events to `submission_events` (batched, in order), and whichever process holds a client's stream tails them,
 * woken by a NOTIFY carrying the submission id (PostgreSQL across machines; PGlite within its one process) and, in
 * case a notification was missed, by a poll every few seconds. Every event has a sequence number, the server-sent
 * event id, so a client that lost its stream (an API process restarted) resumes after the last one it saw.
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
  onError?: (e: unknown) => void;
}

export class StoredEvents implements SubmissionEvents {
  private readonly pending = new Map<string, SubmissionEvent[]>();
  private readonly writing = new Map<string, Promise<void>>();
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
    await Promise.all([...this.writing.values()]);
    await this.unlisten?.();
    this.unlisten = null;
  }

  publish(id: string, e: SubmissionEvent): void {
    let queue = this.pending.get(id);
    if (!queue) this.pending.set(id, (queue = []));
    queue.push(e);
    if (!this.writing.has(id)) {
      const p = this.write(id).finally(() => this.writing.delete(id));
      this.writing.set(id, p);
    }
  }

  async flush(id: string): Promise<void> {
    await this.writing.get(id);
  }

  /** Writes what is pending for `id`, a batch per statement, until nothing is left. */
  private async write(id: string): Promise<void> {
    for (;;) {
      const batch = this.pending.get(id);
      this.pending.delete(id);
      if (!batch || batch.length === 0) return;
      try {
        // Tagged JSON: jsonb cannot hold -Infinity or -0, and sample outputs can.
        await this.opts.store.liveEvents.append(
          id,
          this.opts.graderId,
          batch.map((e) => tagForJson(e)),
        );
      } catch (e) {
        // Lost for live streams only: the result is stored with the submission, and streams replay it from there.
        this.opts.onError?.(e);
      }
    }
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
