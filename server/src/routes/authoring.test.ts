/**
 * What the browser's authoring page needs of the API (issue 12 §3): a new problem's scaffold (the files `judge new`
 * writes), a revision's files, and a package sent without tests/suite.json, which the check builds on the server
 * (as `judge build` does) and stores with the revision; a wrong stored solution is reported by the check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaffoldFiles } from '../../../harness/src/problem/scaffold.ts';
import { fixtureFiles, FIXTURE_SLUG, SUM_SKIPS_LAST } from '../../../tests/helpers/publish-fixture.ts';
import { hashPassword } from '../auth/password.ts';
import { cookieJar, startTestServer, type TestServer } from '../test-support.ts';

let s: TestServer;
const instructor = cookieJar();
const interviewer = cookieJar();

beforeAll(async () => {
  s = await startTestServer({}, { grade: false });
  for (const [id, name, role, jar] of [
    ['u1', 'ina', 'instructor', instructor],
    ['u2', 'ivan', 'interviewer', interviewer],
  ] as const) {
    await s.store.createUser({ id, name, role, passwordHash: await hashPassword('password-1') });
    jar.take(await s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { name, password: 'password-1' } }));
  }
}, 120_000);
afterAll(() => s.close());

const call = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: unknown) =>
  s.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

async function settle(id: string): Promise<any> {
  for (let i = 0; i < 1200; i++) {
    const r = (await call('GET', `/api/authoring/revisions/${id}`, instructor.header())).json();
    if (r.status !== 'checking' && r.status !== 'regrading') return r;
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error(`revision ${id} never settled`);
}

describe('authoring API for the browser', () => {
  it('serves the scaffold of a new problem to instructors only, and refuses a slug that exists', async () => {
    expect((await call('GET', '/api/authoring/scaffold/dot-product')).json().code).toBe('UNAUTHENTICATED');
    expect((await call('GET', '/api/authoring/scaffold/dot-product', interviewer.header())).json().code).toBe(
      'FORBIDDEN',
    );
    const r = await call('GET', '/api/authoring/scaffold/dot-product', instructor.header());
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ slug: 'dot-product', files: scaffoldFiles('dot-product') });
    expect(Object.keys(r.json().files)).toContain('solutions/accepted/reference.ts');
    const taken = await call('GET', '/api/authoring/scaffold/sliding-window-mask', instructor.header());
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('PROBLEM_EXISTS');
  });

  it('builds the suite of a package sent without one, checks it, and stores the built suite with it', async () => {
    const files = fixtureFiles(1);
    expect(files['tests/suite.json']).toBeUndefined();
    const sent = await call('POST', '/api/authoring/revisions', instructor.header(), { slug: FIXTURE_SLUG, files });
    expect(sent.statusCode, sent.body).toBe(202);
    const rev = await settle(sent.json().id);
    expect(rev.status, JSON.stringify(rev.check)).toBe('ready');
    expect(rev.check.lines[0]).toMatch(/built tests\/suite\.json on the server \(judge build\): \d+ tests/);
    expect(rev.check.lines.join('\n')).toMatch(/solutions\/wrong_answer\/skips-last\.ts → WA/);

    const stored = await call('GET', `/api/authoring/revisions/${rev.id}/files`, instructor.header());
    expect(stored.statusCode).toBe(200);
    const suite = JSON.parse(stored.json().files['tests/suite.json']);
    expect(suite.tests.length).toBeGreaterThan(4);
    expect(stored.json().files['statement.md']).toBe(files['statement.md']);

    // Nothing reaches learners before Publish; after it, the problem is served with the built suite's version.
    expect((await call('GET', `/api/problems/${FIXTURE_SLUG}`)).statusCode).toBe(404);
    const published = await call('POST', `/api/authoring/revisions/${rev.id}/publish`, instructor.header());
    expect(published.json().status).toBe('live');
    const detail = (await call('GET', `/api/problems/${FIXTURE_SLUG}`)).json();
    expect(detail.version).toBe(rev.version);
    const live = (await call('GET', `/api/authoring/problems/${FIXTURE_SLUG}/files`, instructor.header())).json();
    expect(live.files['tests/suite.json']).toBe(stored.json().files['tests/suite.json']);
  }, 300_000);

  it('reports a stored solution that does not get its folder’s verdict', async () => {
    const files = { ...fixtureFiles(1), 'solutions/accepted/fast.ts': SUM_SKIPS_LAST };
    const sent = await call('POST', '/api/authoring/revisions', instructor.header(), { slug: FIXTURE_SLUG, files });
    const rev = await settle(sent.json().id);
    expect(rev.status).toBe('refused');
    expect(rev.check.errors.join('\n')).toMatch(/dot-sum\/solutions\/accepted\/fast\.ts/);
    expect(rev.error.code).toBe('PROBLEM_CHECK_FAILED');
    expect((await call('GET', '/api/authoring/revisions/AAAAAAAAAAAA/files', instructor.header())).statusCode).toBe(
      404,
    );
  }, 300_000);
});
