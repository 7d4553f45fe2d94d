/**
 * The live grading stream over stored events: every event carries its sequence number as the SSE id, and a client
 * that reconnects with Last-Event-ID (an API process restarted) gets exactly what followed, even once the events
 * were pruned (then from the stored result).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseSse } from '../../../tests/helpers/server-process.ts';
import { cookieJar, REPO_ROOT, startTestServer, type TestServer } from '../test-support.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const SLUG = 'top-k-top-p-sampling';

it('numbers the events and resumes after Last-Event-ID, from the events or from the stored result', async () => {
  const me = cookieJar();
  const code = readFileSync(path.join(REPO_ROOT, 'problems', SLUG, 'solutions', 'accepted', 'reference.ts'), 'utf8');
  const r = await s.app.inject({ method: 'POST', url: '/api/submissions', payload: { problem: SLUG, code } });
  me.take(r);
  const id = r.json().id as string;
  const stream = async (lastEventId?: number) => {
    const res = await s.app.inject({
      method: 'GET',
      url: `/api/submissions/${id}/events`,
      headers: { ...me.header(), ...(lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) }) },
    });
    expect(res.body.startsWith('retry: ')).toBe(true);
    return parseSse(res.body);
  };

  // The whole stream, live: stored events have increasing ids; it ends with `done`, then `status: done`.
  const all = await stream();
  const numbered = all.filter((e) => e.id !== undefined);
  const ids = numbered.map((e) => e.id!);
  expect(ids.length).toBeGreaterThan(4);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  expect(new Set(ids).size).toBe(ids.length);
  expect(numbered.map((e) => e.event)).toContain('done');
  expect(all.at(-1)).toMatchObject({ event: 'status', data: { status: 'done' } });

  // Resuming after the third event gives exactly what followed it, with the same ids.
  const after = await stream(ids[2]);
  expect(after.map((e) => [e.id, e.event])).toEqual(numbered.slice(3).map((e) => [e.id, e.event]));
  const verdict = numbered.find((e) => e.event === 'done')!.data.summary.verdict;
  expect(verdict).toBe('AC');

  // Once its events are pruned, a resumed stream finishes from the stored result.
  await new Promise((res) => setTimeout(res, 20));
  expect(await s.store.liveEvents.prune(1)).toBe(numbered.length);
  const late = await stream(ids[2]);
  expect(late.find((e) => e.event === 'done')?.data.summary.verdict).toBe(verdict);
  expect(late.at(-1)).toMatchObject({ event: 'status', data: { status: 'done' } });
  // Without Last-Event-ID, a graded submission is replayed from its stored result, as before.
  expect((await stream()).filter((e) => e.event === 'done')).toHaveLength(1);
});
