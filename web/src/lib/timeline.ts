/**
 * A screen's timeline as the candidate's browser records it: events get a sequence number, wait in a queue kept in
 * localStorage, and are sent in batches. A dropped network (or a closed tab) loses nothing: what was not
 * acknowledged is sent again later, and the server ignores what it already has (same client id and sequence).
 */
import { ApiError, type OutgoingEvent } from './api.ts';

export type Send = (clientId: string, events: OutgoingEvent[]) => Promise<unknown>;

/** Below the server's body limit (2 × 64 KiB + 16 KiB), with room for the envelope. */
export const MAX_BATCH_BYTES = 120 * 1024;
/** The server takes at most this many events per request. */
export const MAX_BATCH_EVENTS = 200;

interface Saved {
  clientId: string;
  nextSeq: number;
  pending: OutgoingEvent[];
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function newClientId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const utf8 = new TextEncoder();
const sizeOf = (e: OutgoingEvent): number => utf8.encode(JSON.stringify(e)).length;

export class TimelineQueue {
  private state: Saved;
  private sending: Promise<void> | null = null;
  private readonly key: string;

  constructor(
    token: string,
    private readonly send: Send,
    private readonly storage: KeyValueStore | null = typeof localStorage === 'undefined' ? null : localStorage,
  ) {
    this.key = `judge:screen:${token}:timeline`;
    this.state = this.load() ?? { clientId: newClientId(), nextSeq: 0, pending: [] };
    this.save();
  }

  /** How many events wait to be acknowledged by the server. */
  get pendingCount(): number {
    return this.state.pending.length;
  }

  push(kind: OutgoingEvent['kind'], problem: string | null, data: Record<string, unknown> = {}): void {
    const e: OutgoingEvent = { seq: this.state.nextSeq++, kind, data };
    if (problem) e.problem = problem;
    this.state.pending.push(e);
    this.save();
  }

  /**
   * Sends what is pending, batch by batch, until the queue is empty or a send fails. A batch the server refuses as
   * malformed (a 4xx other than 429) can never succeed and is dropped, so it does not block everything after it.
   */
  flush(): Promise<void> {
    this.sending ??= this.drain().finally(() => (this.sending = null));
    return this.sending;
  }

  private async drain(): Promise<void> {
    while (this.state.pending.length > 0) {
      const batch = this.nextBatch();
      try {
        await this.send(this.state.clientId, batch);
      } catch (e) {
        const hopeless = e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 429;
        if (!hopeless) return;
        console.warn('[judge] timeline events refused by the server', e);
      }
      const sent = new Set(batch.map((e) => e.seq));
      this.state.pending = this.state.pending.filter((e) => !sent.has(e.seq));
      this.save();
    }
  }

  private nextBatch(): OutgoingEvent[] {
    const batch: OutgoingEvent[] = [];
    let bytes = 0;
    for (const e of this.state.pending) {
      const size = sizeOf(e);
      if (batch.length > 0 && (bytes + size > MAX_BATCH_BYTES || batch.length >= MAX_BATCH_EVENTS)) break;
      batch.push(e);
      bytes += size;
    }
    return batch;
  }

  private load(): Saved | null {
    try {
      const raw = this.storage?.getItem(this.key);
      if (!raw) return null;
      const v = JSON.parse(raw) as Partial<Saved>;
      if (typeof v.clientId !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(v.clientId) || typeof v.nextSeq !== 'number' || !Array.isArray(v.pending)) return null;
      const pending = v.pending.filter((e): e is OutgoingEvent => !!e && typeof e === 'object' && typeof (e as OutgoingEvent).seq === 'number' && typeof (e as OutgoingEvent).kind === 'string');
      return { clientId: v.clientId, nextSeq: v.nextSeq, pending };
    } catch {
      return null;
    }
  }

  private save(): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.state));
    } catch {
      // Storage full or disabled: the queue still lives in memory until the page closes.
    }
  }
}
