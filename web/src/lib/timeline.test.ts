import { describe, expect, it } from 'vitest';
import { ApiError, type ClientEvent } from './api.ts';
import type { KeyValueStore } from './storage.ts';
import { MAX_BATCH_BYTES, TimelineQueue } from './timeline.ts';

class MemoryStore implements KeyValueStore {
  readonly map = new Map<string, string>();
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.map.set(k, v);
  }
}

/** A fake server: stores by (client id, seq) like the real one, and can be switched off. */
function fakeServer() {
  const stored = new Map<string, ClientEvent>();
  const server = {
    online: true,
    batches: [] as number[],
    stored,
    send: async (clientId: string, events: ClientEvent[]) => {
      if (!server.online) throw new ApiError(0, 'OFFLINE', 'the server cannot be reached (offline?)');
      server.batches.push(events.length);
      for (const e of events) stored.set(`${clientId}/${e.seq}`, e);
      return { stored: events.length };
    },
  };
  return server;
}

describe('TimelineQueue', () => {
  it('keeps events while offline, across a reload, and sends them in order once back', async () => {
    const storage = new MemoryStore();
    const server = fakeServer();
    server.online = false;
    const q = new TimelineQueue('tok', server.send, storage);
    q.push('snapshot', 'p', { code: 'a' });
    q.push('blur', null);
    await q.flush();
    expect(q.pendingCount).toBe(2);

    // The page reloads: a new queue finds the same client id, the pending events and the next sequence number.
    const again = new TimelineQueue('tok', server.send, storage);
    expect(again.pendingCount).toBe(2);
    again.push('focus', null);
    server.online = true;
    await again.flush();
    expect(again.pendingCount).toBe(0);
    expect([...server.stored.values()].map((e) => [e.seq, e.kind])).toEqual([
      [0, 'snapshot'],
      [1, 'blur'],
      [2, 'focus'],
    ]);
    expect(new Set([...server.stored.keys()].map((k) => k.split('/')[0])).size).toBe(1);
  });

  it('splits large snapshots into batches the server accepts', async () => {
    const server = fakeServer();
    const q = new TimelineQueue('big', server.send, new MemoryStore());
    const code = 'x'.repeat(50 * 1024);
    for (let i = 0; i < 5; i++) q.push('snapshot', 'p', { code });
    await q.flush();
    expect(server.stored.size).toBe(5);
    expect(server.batches.length).toBeGreaterThan(1);
    expect(Math.max(...server.batches) * 50 * 1024).toBeLessThanOrEqual(MAX_BATCH_BYTES);
  });

  it('drops a batch the server refuses as malformed instead of retrying it forever', async () => {
    let calls = 0;
    const q = new TimelineQueue(
      'bad',
      async () => {
        calls++;
        if (calls === 1) throw new ApiError(400, 'BAD_REQUEST', 'body/events/0/kind must be one of ...');
        return { stored: 1 };
      },
      new MemoryStore(),
    );
    q.push('run', 'p');
    await q.flush();
    expect(q.pendingCount).toBe(0);
    // A server that is merely busy keeps the events for later.
    const busy = new TimelineQueue(
      'busy',
      async () => Promise.reject(new ApiError(503, 'QUEUE_FULL', 'later')),
      new MemoryStore(),
    );
    busy.push('run', 'p');
    await busy.flush();
    expect(busy.pendingCount).toBe(1);
  });
});
