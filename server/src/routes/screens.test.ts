/**
 * The whole life of a timed screen, with an injected clock: creation, the candidate's link, start, a second device,
 * submissions until the deadline and in the grace period, auto-grading of the last drafts at expiry, the report,
 * revoked and expired links, and that a token opens one screen only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password.ts';
import { SUBMIT_GRACE_MS } from '../screens/lifecycle.ts';
import { finalizeDueScreens, screenOwner } from '../screens/service.ts';
import { cookieJar, REPO_ROOT, startTestServer, type TestServer } from '../test-support.ts';

let s: TestServer;
let clock = new Date('2030-01-01T09:00:00Z');
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
const interviewer = cookieJar();
const other = cookieJar();
const P1 = 'sliding-window-mask';
const P2 = 'top-k-top-p-sampling';
const ref = (slug: string) =>
  readFileSync(path.join(REPO_ROOT, 'problems', slug, 'solutions', 'accepted', 'reference.ts'), 'utf8');

beforeAll(async () => {
  s = await startTestServer({}, { now: () => clock });
  for (const [id, name, jar] of [
    ['i1', 'ivy', interviewer],
    ['i2', 'otto', other],
  ] as const) {
    await s.store.createUser({ id, name, role: 'interviewer', passwordHash: await hashPassword('password-1') });
    jar.take(await s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { name, password: 'password-1' } }));
  }
});
afterAll(() => s.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  s.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

async function waitGraded(token: string, id: string) {
  for (let i = 0; i < 400; i++) {
    const r = (await call('GET', `/api/candidate/${token}/submissions/${id}`)).json();
    if (r.status === 'done') return r;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('not graded');
}

async function newScreen(body: Record<string, unknown> = {}) {
  const r = await call(
    'POST',
    '/api/screens',
    { problems: [P1, P2], durationMinutes: 30, candidateName: 'Cand Idate', ...body },
    interviewer.header(),
  );
  expect(r.statusCode).toBe(201);
  return r.json() as { screen: { id: string }; token: string; link: string };
}

describe('screens', () => {
  it('only signed-in interviewers create screens; links carry ≥128-bit tokens', async () => {
    expect((await call('POST', '/api/screens', { problems: [P1], durationMinutes: 10 })).json().code).toBe(
      'UNAUTHENTICATED',
    );
    const { token, link } = await newScreen();
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(link).toBe(`/screen/${token}`);
    expect(
      (await call('POST', '/api/screens', { problems: ['nope'], durationMinutes: 10 }, interviewer.header())).json()
        .code,
    ).toBe('UNKNOWN_PROBLEM');
  });

  it('the full lifecycle: start, second device, deadline, grace, auto-grading, report', async () => {
    const { screen, token } = await newScreen();
    const intro = (await call('GET', `/api/candidate/${token}`)).json();
    // Before Start the problems are not named (issue 14): a slug would let the candidate practise them first.
    expect(intro).toMatchObject({
      phase: 'not-started',
      remainingMs: null,
      problems: [
        { slug: null, title: null },
        { slug: null, title: null },
      ],
    });
    expect(intro.rules.length).toBeGreaterThan(0);
    expect((await call('GET', `/api/candidate/${token}/problems/${P1}`)).json().code).toBe('SCREEN_NOT_STARTED');

    const started = (await call('POST', `/api/candidate/${token}/start`)).json();
    expect(started.remainingMs).toBe(30 * 60_000);
    advance(10 * 60_000);
    // A reload or a second device gets the server's clock, and starting again changes nothing.
    expect((await call('POST', `/api/candidate/${token}/start`)).json()).toMatchObject({
      startedAt: started.startedAt,
      remainingMs: 20 * 60_000,
    });
    expect((await call('GET', `/api/candidate/${token}`)).json()).toMatchObject({
      phase: 'active',
      problems: [{ slug: P1 }, { slug: P2 }],
      remainingMs: 20 * 60_000,
    });

    // Only the screen's problems.
    expect((await call('GET', `/api/candidate/${token}/problems/${P1}`)).statusCode).toBe(200);
    expect((await call('GET', `/api/candidate/${token}/problems/bpe-tokenizer`)).json().code).toBe('UNKNOWN_PROBLEM');

    // Timeline events, resent after a network drop: stored once, stamped with server time.
    const events = {
      clientId: 'device-one-abc',
      events: [
        { seq: 1, kind: 'snapshot', problem: P1, data: { code: 'x' } },
        { seq: 2, kind: 'paste', problem: P1, data: { size: 120 } },
        { seq: 3, kind: 'blur' },
      ],
    };
    expect((await call('POST', `/api/candidate/${token}/events`, events)).json().stored).toBe(3);
    expect((await call('POST', `/api/candidate/${token}/events`, events)).json().stored).toBe(0);

    // Submit P1 (accepted); leave a draft for P2 that is never submitted.
    const sub = await call('POST', `/api/candidate/${token}/submissions`, { problem: P1, code: ref(P1) });
    expect(sub.statusCode).toBe(202);
    expect((await waitGraded(token, sub.json().id)).verdict).toBe('AC');
    expect((await call('PUT', `/api/candidate/${token}/drafts/${P2}`, { code: ref(P2) })).statusCode).toBe(200);

    // The deadline: within the grace period a request in flight is accepted; after it, rejected with a clear code.
    advance(20 * 60_000 + 1000);
    expect((await call('GET', `/api/candidate/${token}`)).json()).toMatchObject({ phase: 'grace', remainingMs: 0 });
    const late = await call('POST', `/api/candidate/${token}/submissions`, { problem: P1, code: ref(P1) });
    expect(late.statusCode).toBe(202);
    await waitGraded(token, late.json().id);
    advance(SUBMIT_GRACE_MS);
    // At expiry the last draft of P2 is graded automatically (once); P1's submitted code is not graded again.
    // (The sweep runs on a timer in the server and lazily on any request for the screen.)
    expect(await finalizeDueScreens(s.store, clock, () => s.grading.notify())).toBe(1);
    // Once finalized the link is dead (410 SCREEN_OVER) for everything: the results are the interviewer's.
    const closed = await call('POST', `/api/candidate/${token}/submissions`, { problem: P1, code: ref(P1) });
    expect([closed.statusCode, closed.json().code]).toEqual([410, 'SCREEN_OVER']);
    expect((await call('PUT', `/api/candidate/${token}/drafts/${P1}`, { code: 'changed' })).json().code).toBe(
      'SCREEN_OVER',
    );

    expect(await finalizeDueScreens(s.store, clock, () => s.grading.notify())).toBe(0);
    const [auto] = await s.store.listSubmissions(screenOwner(screen.id), P2);
    expect(auto).toBeDefined();
    for (let i = 0; i < 400 && (await s.store.getSubmission(auto!.id))?.status !== 'done'; i++)
      await new Promise((res) => setTimeout(res, 100));
    expect((await s.store.getSubmission(auto!.id))?.verdict).toBe('AC');

    // The interviewer's report: per problem verdict and time to first AC, submissions, timeline; hidden tests redacted.
    const report = (await call('GET', `/api/screens/${screen.id}/report`, undefined, interviewer.header())).json();
    expect(report.screen.phase).toBe('over');
    const p1 = report.problems.find((p: { problem: string }) => p.problem === P1);
    expect(p1).toMatchObject({ finalVerdict: 'AC', msToFirstAccepted: 10 * 60_000, submissions: 2 });
    expect(p1.testsPassed).toBe(p1.testsTotal);
    expect(report.problems.find((p: { problem: string }) => p.problem === P2)).toMatchObject({
      finalVerdict: 'AC',
      submissions: 1,
    });
    expect(report.submissions.filter((x: { auto: boolean }) => x.auto)).toHaveLength(1);
    expect(report.timeline.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['snapshot', 'paste', 'blur', 'submit', 'auto-submit']),
    );
    // What the browser reported is marked as such; submissions are the server's record.
    for (const e of report.timeline as Array<{ kind: string; source: string }>)
      expect([e.kind, e.source]).toEqual([
        e.kind,
        e.kind === 'submit' || e.kind === 'auto-submit' ? 'server' : 'client',
      ]);
    for (const sub of report.submissions)
      for (const r of sub.results.filter((x: { group: string }) => x.group === 'hidden'))
        expect(
          Object.keys(r)
            .filter((k) => k !== 'scaleN' && k !== 'steps')
            .sort(),
        ).toEqual(['cost', 'group', 'index', 'verdict']);
    const download = await call('GET', `/api/screens/${screen.id}/report?download=1`, undefined, interviewer.header());
    expect(download.headers['content-disposition']).toContain('attachment');

    // Another interviewer cannot see it; a learner neither.
    expect((await call('GET', `/api/screens/${screen.id}/report`, undefined, other.header())).statusCode).toBe(404);
    expect((await call('GET', `/api/screens/${screen.id}/report`)).json().code).toBe('UNAUTHENTICATED');
  }, 180_000);

  it('extra time (accommodation) and extension move the deadline', async () => {
    const { screen, token } = await newScreen({ durationMinutes: 10, extraMinutes: 5 });
    expect((await call('POST', `/api/candidate/${token}/start`)).json().remainingMs).toBe(15 * 60_000);
    const ext = (await call('POST', `/api/screens/${screen.id}/extend`, { minutes: 10 }, interviewer.header())).json();
    expect(ext.remainingMs).toBe(25 * 60_000);
    expect((await call('GET', `/api/candidate/${token}`)).json().remainingMs).toBe(25 * 60_000);
  });

  it('revoked and expired links show a clear error; a token opens its own screen only', async () => {
    const a = await newScreen();
    const b = await newScreen({ linkExpiresAt: new Date(clock.getTime() + 60_000).toISOString() });
    await call('POST', `/api/candidate/${a.token}/start`);
    const sub = await call('POST', `/api/candidate/${a.token}/submissions`, {
      problem: P1,
      code: 'export function swaMask() { return [] }',
    });
    // Screen b's token cannot read screen a's submission.
    await call('POST', `/api/candidate/${b.token}/start`);
    expect((await call('GET', `/api/candidate/${b.token}/submissions/${sub.json().id}`)).json().code).toBe('NOT_FOUND');
    // Nor can an anonymous learner.
    expect((await call('GET', `/api/submissions/${sub.json().id}`)).statusCode).toBe(404);

    await call('POST', `/api/screens/${a.screen.id}/revoke`, undefined, interviewer.header());
    const revoked = await call('GET', `/api/candidate/${a.token}`);
    expect([revoked.statusCode, revoked.json().code]).toEqual([410, 'SCREEN_REVOKED']);
    expect((await call('POST', `/api/candidate/${a.token}/submissions`, { problem: P1, code: 'x' })).json().code).toBe(
      'SCREEN_REVOKED',
    );

    const c = await newScreen({ linkExpiresAt: new Date(clock.getTime() + 60_000).toISOString() });
    advance(120_000);
    const expired = await call('GET', `/api/candidate/${c.token}`);
    expect([expired.statusCode, expired.json().code]).toEqual([410, 'SCREEN_LINK_EXPIRED']);
    expect((await call('GET', '/api/candidate/not-a-real-token-at-all')).json().code).toBe('SCREEN_NOT_FOUND');

    // A new link for the expired one: the old token stops working, the new one opens the same screen.
    expect((await call('POST', `/api/screens/${c.screen.id}/link`, {}, other.header())).json().code).toBe('NOT_FOUND');
    const again = await call('POST', `/api/screens/${c.screen.id}/link`, {}, interviewer.header());
    expect(again.statusCode).toBe(200);
    expect(again.json().screen.phase).toBe('not-started');
    expect((await call('GET', `/api/candidate/${c.token}`)).json().code).toBe('SCREEN_NOT_FOUND');
    expect((await call('GET', `/api/candidate/${again.json().token}`)).json().phase).toBe('not-started');
    expect((await call('POST', `/api/screens/${a.screen.id}/link`, {}, interviewer.header())).json().code).toBe(
      'SCREEN_REVOKED',
    );

    const list = (await call('GET', '/api/screens', undefined, interviewer.header())).json();
    expect(list.find((x: { id: string }) => x.id === a.screen.id).phase).toBe('revoked');
    expect((await call('GET', '/api/screens', undefined, other.header())).json()).toEqual([]);
  });
});
