/** The API through app.inject: problems, submissions, drafts, identity, and bad input that changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password.ts';
import { cookieJar, startTestServer, type TestServer } from '../test-support.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const SLUG = 'top-k-top-p-sampling';

async function waitDone(id: string, headers: Record<string, string>): Promise<any> {
  for (let i = 0; i < 300; i++) {
    const r = await s.app.inject({ method: 'GET', url: `/api/submissions/${id}`, headers });
    const body = r.json();
    if (body.status === 'done') return body;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('submission never finished');
}

describe('problems', () => {
  it('lists problems with solved/attempted marks', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/problems' });
    expect(r.statusCode).toBe(200);
    const list = r.json();
    expect(list.find((p: any) => p.slug === SLUG)).toMatchObject({
      solved: false,
      attempted: false,
      difficulty: expect.any(String),
      estimatedMinutes: expect.any(Number),
    });
  });

  it('serves the problem sets, in order, naming only problems it has', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/problem-sets' });
    expect(r.statusCode).toBe(200);
    const sets = r.json() as Array<{ id: string; title: string; problems: string[] }>;
    expect(sets.map((x) => x.id)).toEqual(['warm-ups', 'guides', 'llm-inference', 'training-infrastructure']);
    const slugs = new Set(s.catalog.list().map((e) => e.view.slug));
    for (const x of sets) for (const p of x.problems) expect(slugs.has(p)).toBe(true);
    // Every problem is in some set.
    expect(new Set(sets.flatMap((x) => x.problems))).toEqual(slugs);
  });

  it('serves statement, starter, typings and samples, and nothing of the hidden tests', async () => {
    const r = await s.app.inject({ method: 'GET', url: `/api/problems/${SLUG}` });
    expect(r.statusCode).toBe(200);
    const p = r.json();
    expect(p.typings).toContain('declare function filterProbs');
    expect(p.samples.length).toBeGreaterThan(0);
    const hidden = s.catalog.get(SLUG)!.tests.filter((t) => t.group === 'hidden');
    for (const t of hidden.filter((t) => JSON.stringify(t.input).length > 60))
      expect(r.body).not.toContain(JSON.stringify(t.input.args ?? t.input.spec));
    expect(r.body).not.toMatch(/"group":"hidden"|edge-\d|gen-\d/);
  });

  it('unknown problem: 404 with a stable code', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/problems/no-such-thing' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ code: 'UNKNOWN_PROBLEM', message: expect.stringContaining('no-such-thing') });
  });
});

describe('submissions', () => {
  it('stores, grades and reports an accepted solution; only its owner sees it', async () => {
    const me = cookieJar();
    const ref = await import('node:fs').then((fs) =>
      fs.readFileSync(`${s.catalog.get(SLUG)!.problem.dir}/solutions/accepted/reference.ts`, 'utf8'),
    );
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/submissions',
      payload: { problem: SLUG, code: ref },
      headers: me.header(),
    });
    me.take(r);
    expect(r.statusCode).toBe(202);
    const { id } = r.json();
    const done = await waitDone(id, me.header());
    expect(done).toMatchObject({ status: 'done', verdict: 'AC', code: ref });
    const hidden = done.results.filter((x: any) => x.group === 'hidden');
    expect(hidden.length).toBeGreaterThan(20);
    // A hidden test shows index, verdict and cost bands; a scale test also its public size n and rounded steps.
    for (const h of hidden)
      expect(Object.keys(h).sort()).toEqual(
        h.scaleN === undefined
          ? ['cost', 'group', 'index', 'verdict']
          : ['cost', 'group', 'index', 'scaleN', 'steps', 'verdict'],
      );
    expect(hidden.filter((h: any) => h.scaleN !== undefined).length).toBeGreaterThanOrEqual(4);

    const list = await s.app.inject({ method: 'GET', url: `/api/submissions?problem=${SLUG}`, headers: me.header() });
    expect(list.json()[0]).toMatchObject({ id, verdict: 'AC' });
    const progress = await s.app.inject({ method: 'GET', url: '/api/problems', headers: me.header() });
    expect(progress.json().find((p: any) => p.slug === SLUG)).toMatchObject({ solved: true, attempted: true });

    const stranger = await s.app.inject({ method: 'GET', url: `/api/submissions/${id}` });
    expect(stranger.statusCode).toBe(404);
  });

  it('bad input gets a clear 4xx with a stable code and stores nothing', async () => {
    const me = cookieJar();
    const first = await s.app.inject({ method: 'GET', url: '/api/auth/me' });
    me.take(first);
    const cases: Array<[string, Record<string, unknown> | string, number, string]> = [
      ['unknown problem', { problem: 'nope', code: 'x' }, 404, 'UNKNOWN_PROBLEM'],
      ['code too large', { problem: SLUG, code: 'x'.repeat(70_000) }, 413, 'CODE_TOO_LARGE'],
      ['wrong field type', { problem: SLUG, code: 42 }, 400, 'BAD_REQUEST'],
      ['missing field', { problem: SLUG }, 400, 'BAD_REQUEST'],
      ['extra field', { problem: SLUG, code: 'x', admin: true }, 400, 'BAD_REQUEST'],
      ['malformed JSON', '{"problem": "top-k', 400, 'MALFORMED_JSON'],
      ['huge body', JSON.stringify({ problem: SLUG, code: 'x'.repeat(400_000) }), 413, 'CODE_TOO_LARGE'],
    ];
    for (const [name, payload, status, code] of cases) {
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/submissions',
        payload,
        headers: { ...me.header(), 'content-type': 'application/json' },
      });
      expect({ name, status: r.statusCode, code: r.json().code }).toEqual({ name, status, code });
      expect(typeof r.json().message).toBe('string');
    }
    const list = await s.app.inject({ method: 'GET', url: '/api/submissions', headers: me.header() });
    expect(list.json()).toEqual([]);
  });
});

describe('drafts', () => {
  it('saves and restores the caller’s draft, per learner', async () => {
    const me = cookieJar();
    const put = await s.app.inject({
      method: 'PUT',
      url: `/api/drafts/${SLUG}`,
      payload: { code: 'export function filterProbs() {}' },
    });
    me.take(put);
    expect(put.statusCode).toBe(200);
    const get = await s.app.inject({ method: 'GET', url: `/api/drafts/${SLUG}`, headers: me.header() });
    expect(get.json().code).toBe('export function filterProbs() {}');
    const other = await s.app.inject({ method: 'GET', url: `/api/drafts/${SLUG}` });
    expect(other.statusCode).toBe(404);
    const unknown = await s.app.inject({
      method: 'PUT',
      url: '/api/drafts/nope',
      payload: { code: '' },
      headers: me.header(),
    });
    expect(unknown.json().code).toBe('UNKNOWN_PROBLEM');
  });

  it('a forged learner cookie is ignored (signed cookies)', async () => {
    const r = await s.app.inject({
      method: 'GET',
      url: `/api/drafts/${SLUG}`,
      headers: { cookie: 'judge_learner=someone-elses-id-1234' },
    });
    expect(r.statusCode).toBe(404);
  });
});

describe('accounts', () => {
  it('signs in with a password, sees itself, signs out', async () => {
    await s.store.createUser({
      id: 'u1',
      name: 'ada',
      role: 'interviewer',
      passwordHash: await hashPassword('correct horse'),
    });
    const bad = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { name: 'ada', password: 'wrong' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('BAD_CREDENTIALS');
    const me = cookieJar();
    const ok = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { name: 'ada', password: 'correct horse' },
    });
    me.take(ok);
    expect(ok.json()).toMatchObject({ ownerKind: 'user', user: { name: 'ada', role: 'interviewer' } });
    const session = ok.cookies.find((c) => c.name === 'judge_session')!;
    expect(session.httpOnly).toBe(true);
    expect((await s.app.inject({ method: 'GET', url: '/api/auth/me', headers: me.header() })).json().user.name).toBe(
      'ada',
    );
    await s.app.inject({ method: 'POST', url: '/api/auth/logout', headers: me.header() });
    expect((await s.app.inject({ method: 'GET', url: '/api/auth/me', headers: me.header() })).json().user).toBeNull();
  });
});

describe('health and docs', () => {
  it('reports the engine self-test', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.json()).toMatchObject({ ok: true, selfTest: { ok: true, verdict: 'AC' } });
  });
  it('serves an OpenAPI document', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(r.statusCode).toBe(200);
    expect(Object.keys(r.json().paths)).toContain('/api/submissions');
  });
  it('describes every response of every route exactly: a schema for each body, none that accepts anything', async () => {
    const paths = (await s.app.inject({ method: 'GET', url: '/api/docs/json' })).json().paths as Record<
      string,
      Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
    >;
    const loose: string[] = [];
    for (const [path, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['4XX', '5XX']));
        for (const [status, response] of Object.entries(op.responses)) {
          const schemas = Object.values(response.content ?? {}).map((c) => c.schema);
          if (status !== '204' && (schemas.length === 0 || schemas.some((x) => Object.keys(x).length === 0)))
            loose.push(`${method} ${path} ${status}`);
        }
      }
    }
    expect(loose).toEqual([]);
  });
});
