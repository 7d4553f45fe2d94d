/**
 * Live events are written in batches (issue 14, the soak's main-thread stalls): what every submission published
 * within the batch window goes in one statement, and `flush` writes at once. Subscribers still get every event of
 * their submission, in order.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { SubmissionEvent } from '../contract.ts';
import { openStore } from '../storage/sql-store.ts';
import type { Store } from '../storage/types.ts';
import { StoredEvents } from './events.ts';

let store: Store;
/** Every append: how many events each statement carried. */
let appends: number[];
/** While set, appends wait for it (a slow database). */
let gate: Promise<void> | null;
let counted: Store;

beforeEach(async () => {
  store = await openStore({ dataDir: 'memory://' });
  await store.migrate();
  appends = [];
  gate = null;
  const liveEvents = Object.create(store.liveEvents, {
    append: {
      value: async (graderId: string, events: ReadonlyArray<{ submissionId: string; event: unknown }>) => {
        appends.push(events.length);
        if (gate) await gate;
        return store.liveEvents.append(graderId, events);
      },
    },
  }) as Store['liveEvents'];
  counted = Object.create(store, { liveEvents: { value: liveEvents } }) as Store;
  for (const id of ['a', 'b']) {
    await store.createSubmission({ id, ownerId: 'o', problem: 'p', code: '' });
    await store.claimNext('g');
  }
});
afterEach(() => store.close());

const test = (i: number): SubmissionEvent[] => [
  { type: 'test-started', index: i, group: 'sample' },
  { type: 'test-finished', result: { index: i, group: 'sample', verdict: 'AC' } },
];

it('events published together go in one statement, for every submission, and keep their order', async () => {
  const events = new StoredEvents({ store: counted, graderId: 'g', batchMs: 50 });
  await events.start();
  const seen = { a: [] as number[], b: [] as number[] };
  const unsubscribe = [
    events.subscribe('a', 0, (e) => e.type === 'test-started' && seen.a.push(e.index)),
    events.subscribe('b', 0, (e) => e.type === 'test-started' && seen.b.push(e.index)),
  ];
  for (let i = 0; i < 40; i++) {
    for (const e of test(i)) events.publish('a', e);
    for (const e of test(100 + i)) events.publish('b', e);
  }
  await events.flush('a');
  // One statement for 160 events of two submissions (it was one per event, or per event already in flight).
  expect(appends).toEqual([160]);
  expect((await store.liveEvents.after('a', 0)).map((r) => (r.event as { type: string }).type)).toEqual(
    Array.from({ length: 40 }, () => ['test-started', 'test-finished']).flat(),
  );
  await events.catchUp('a');
  await events.catchUp('b');
  expect(seen.a).toEqual(Array.from({ length: 40 }, (_, i) => i));
  expect(seen.b).toEqual(Array.from({ length: 40 }, (_, i) => 100 + i));
  for (const u of unsubscribe) u();
  await events.close();
});

it('events published during a write wait for the window, not one statement each; flush writes at once', async () => {
  const events = new StoredEvents({ store: counted, graderId: 'g', batchMs: 60_000 });
  await events.start();
  let release = (): void => undefined;
  gate = new Promise<void>((r) => (release = r));
  events.publish('a', { type: 'status', status: 'running' });
  // A long window: nothing is written until a flush asks for it.
  await new Promise((r) => setTimeout(r, 50));
  expect(appends).toEqual([]);
  const first = events.flush('a');
  await new Promise((r) => setTimeout(r, 10));
  expect(appends).toEqual([1]);
  // While that write is held up, a whole test's worth of events arrives: they wait, together.
  for (let i = 0; i < 10; i++) for (const e of test(i)) events.publish('a', e);
  release();
  await first;
  gate = null;
  // Flushing `b` (nothing pending for it) writes nothing.
  await events.flush('b');
  expect(appends).toEqual([1]);
  await events.flush('a');
  expect(appends).toEqual([1, 20]);
  expect(await store.liveEvents.after('a', 0)).toHaveLength(21);
  await events.close();
});

it('close writes what is still pending', async () => {
  const events = new StoredEvents({ store: counted, graderId: 'g', batchMs: 60_000 });
  await events.start();
  events.publish('b', { type: 'status', status: 'running' });
  events.publish('b', { type: 'compiled', ms: 1 });
  await events.close();
  expect(appends).toEqual([2]);
  expect(await store.liveEvents.after('b', 0)).toHaveLength(2);
});
