/** Back-pressure: a full queue answers 503 with Retry-After; a client over its rate answers 429. Nothing grows. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cookieJar, startTestServer, type TestServer } from '../test-support.ts';

let s: TestServer;
beforeAll(async () => {
  // No grading: submissions stay queued, so the queue fills up.
  s = await startTestServer({ QUEUE_LIMIT: '2', SUBMIT_RATE_PER_ADDRESS_PER_MINUTE: '4' }, { grade: false });
});
afterAll(() => s.close());

const payload = { problem: 'sliding-window-mask', code: 'export function swaMask() { return [] }' };

it('answers 503 QUEUE_FULL with Retry-After when the queue is full, and stores nothing', async () => {
  const me = cookieJar();
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await s.app.inject({ method: 'POST', url: '/api/submissions', payload, headers: me.header() });
    me.take(r);
    statuses.push(r.statusCode);
    if (r.statusCode === 503) {
      expect(r.json().code).toBe('QUEUE_FULL');
      expect(r.headers['retry-after']).toBe('5');
    }
  }
  expect(statuses).toEqual([202, 202, 503]);
  expect(await s.store.countQueued()).toBe(2);
});

it('answers 429 RATE_LIMITED with Retry-After past the per-address rate (more in limits.test.ts)', async () => {
  const codes: number[] = [];
  for (let i = 0; i < 6; i++) {
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/submissions',
      payload: { problem: 'nope', code: '' },
      remoteAddress: '10.9.9.9',
    });
    codes.push(r.statusCode);
    if (r.statusCode === 429) {
      expect(r.json().code).toBe('RATE_LIMITED');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
  }
  expect(codes).toEqual([404, 404, 404, 404, 429, 429]);
});
