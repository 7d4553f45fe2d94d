/**
 * A screen's timeline as the candidate's browser records it: events get a sequence number, wait in a queue kept in
 * localStorage, and are sent in batches. A dropped network (or a closed tab) loses nothing: what was not
 * acknowledged is sent again later, and the server ignores what it already has (same client id and sequence).
 */
import { ApiError, type ClientEvent } from './api.ts';
import { timelineStates, type KeyValueStore, type TimelineState } from './storage.ts';

export type Send = (clientId: string, events: ClientEvent[]) => Promise<unknown>;

/** Well below the server's body limit (6 × MAX_CODE_BYTES + 16 KiB: maxBodyBytes in server/src/app.ts). */
export const MAX_BATCH_BYTES = 120 * 1024;
/** The server takes up to 500 events per request (ClientEventsBody); smaller batches get through a poor network. */
export const MAX_BATCH_EVENTS = 200;

function newClientId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const utf8 = new TextEncoder();
const sizeOf = (e: ClientEvent): number => utf8.encode(JSON.stringify(e)).length;

export class TimelineQueue {
  private state: TimelineState;
  private sending: Promise<void> | null = null;

  /** `storage`: this browser's localStorage by default. */
  constructor(
    private readonly token: string,
    private readonly send: Send,
    private readonly storage?: KeyValueStore,
  ) {
    this.state = timelineStates.get(token, storage) ?? { clientId: newClientId(), nextSeq: 0, pending: [] };
    this.save();
  }

  /** How many events wait to be acknowledged by the server. */
  get pendingCount(): number {
    return this.state.pending.length;
  }

  push(kind: ClientEvent['kind'], problem: string | null, data: Record<string, unknown> = {}): void {
    const e: ClientEvent = { seq: this.state.nextSeq++, kind, data };
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

  private nextBatch(): ClientEvent[] {
    const batch: ClientEvent[] = [];
    let bytes = 0;
    for (const e of this.state.pending) {
      const size = sizeOf(e);
      if (batch.length > 0 && (bytes + size > MAX_BATCH_BYTES || batch.length >= MAX_BATCH_EVENTS)) break;
      batch.push(e);
      bytes += size;
    }
    return batch;
  }

  /** Where storage is full or disabled, the queue still lives in memory until the page closes. */
  private save(): void {
    timelineStates.set(this.token, this.state, this.storage);
  }
}
