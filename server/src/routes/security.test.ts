/**
 * Issue 14 §7-§9: no credentials in logs, cookies and client addresses behind a proxy, security headers.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password.ts';
import { createLogger } from '../logging.ts';
import { cookieJar, startTestServer, type TestServer } from '../test-support.ts';

const lines: string[] = [];
let direct: TestServer;
let proxied: TestServer;
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  [direct, proxied] = await Promise.all([
    startTestServer({}, { grade: false, logger: createLogger('info', sink) }),
    startTestServer({ TRUST_PROXY: '127.0.0.1' }, { grade: false }),
  ]);
  for (const s of [direct, proxied])
    await s.store.createUser({
      id: 'u1',
      name: 'ada',
      role: 'interviewer',
      passwordHash: await hashPassword('pw-12345'),
    });
});
afterAll(() => Promise.all([direct.close(), proxied.close()]));

const TOKEN = 'Zm9vYmFyLXNlY3JldC10b2tlbi0xMjM0NTY3ODkw';
const SLUG = 'sliding-window-mask';

describe('logs', () => {
  it('request logs carry no candidate link token, and headers with cookies are censored', async () => {
    lines.length = 0;
    for (const url of [
      `/api/candidate/${TOKEN}`,
      `/api/candidate/${TOKEN}/problems/${SLUG}`,
      `/screen/${TOKEN}`,
      `/screen/${TOKEN}?from=mail`,
    ])
      await direct.app.inject({ method: 'GET', url, headers: { cookie: `judge_session=SESSION-${TOKEN}` } });
    direct.app.log.warn({ headers: { cookie: 'judge_session=SECRET-A', authorization: 'Bearer SECRET-B' } }, 'h');
    direct.app.log.warn({ request: { headers: { cookie: 'judge_learner=SECRET-C' } } }, 'h');
    direct.app.log.error({ err: new Error(`failed on /api/candidate/${TOKEN}/start`) }, 'e');
    const text = lines.join('');
    expect(text).toContain('"url":"/api/candidate/[redacted]"');
    expect(text).toContain('"url":"/api/candidate/[redacted]/problems/sliding-window-mask"');
    expect(text).toContain('"url":"/screen/[redacted]?from=mail"');
    expect(text).toContain('/api/candidate/[redacted]/start');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toMatch(/SECRET-[ABC]/);
    expect(text).toContain('[redacted]');
  });
});

describe('cookies and the client behind a proxy', () => {
  const cookieOf = (res: { headers: Record<string, unknown> }, name: string): string | undefined =>
    ([res.headers['set-cookie'] ?? []].flat() as string[]).find((c) => c.startsWith(`${name}=`));

  it('over plain HTTP cookies are not Secure, and X-Forwarded-Proto from an untrusted peer changes nothing', async () => {
    const plain = await direct.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(cookieOf(plain, 'judge_learner')).toMatch(/HttpOnly/);
    expect(cookieOf(plain, 'judge_learner')).not.toMatch(/Secure/);
    const forged = await direct.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(cookieOf(forged, 'judge_learner')).not.toMatch(/Secure/);
  });

  it('over HTTPS (told by a trusted proxy) cookies are Secure and __Host- prefixed, and they work', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    const me = cookieJar();
    const first = await proxied.app.inject({ method: 'GET', url: '/api/auth/me', headers: https });
    const learner = cookieOf(first, '__Host-judge_learner')!;
    expect(learner).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    expect(learner).not.toMatch(/Domain=/i);
    me.take(first);
    const put = await proxied.app.inject({
      method: 'PUT',
      url: `/api/drafts/${SLUG}`,
      payload: { code: 'kept' },
      headers: { ...https, ...me.header() },
    });
    expect(put.statusCode).toBe(200);
    const got = await proxied.app.inject({
      method: 'GET',
      url: `/api/drafts/${SLUG}`,
      headers: { ...https, ...me.header() },
    });
    expect(got.json().code).toBe('kept');

    const login = await proxied.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { name: 'ada', password: 'pw-12345' },
      headers: https,
    });
    expect(login.statusCode).toBe(200);
    expect(cookieOf(login, '__Host-judge_session')).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    const user = cookieJar();
    user.take(login);
    const who = await proxied.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { ...https, ...user.header() },
    });
    expect(who.json().user?.name).toBe('ada');
    // The same cookie without the __Host- name (as a sibling subdomain could plant it) is not a session.
    const value = login.cookies.find((c) => c.name === '__Host-judge_session')!.value;
    const planted = await proxied.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { ...https, cookie: `judge_session=${value}` },
    });
    expect(planted.json().user).toBeNull();
    const out = await proxied.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...https, ...user.header() },
    });
    expect(cookieOf(out, '__Host-judge_session')).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(cookieOf(out, '__Host-judge_session')).toMatch(/Secure/);
  });

  it('a learner from before HTTPS keeps their work: the plain cookie is moved to the __Host- one', async () => {
    const before = cookieJar();
    before.take(await proxied.app.inject({ method: 'GET', url: '/api/auth/me' }));
    await proxied.app.inject({
      method: 'PUT',
      url: `/api/drafts/${SLUG}`,
      payload: { code: 'old' },
      headers: before.header(),
    });
    const https = { 'x-forwarded-proto': 'https' };
    const moved = await proxied.app.inject({
      method: 'GET',
      url: `/api/drafts/${SLUG}`,
      headers: { ...https, ...before.header() },
    });
    expect(moved.json().code).toBe('old');
    expect(cookieOf(moved, '__Host-judge_learner')).toMatch(/Secure/);
    expect(cookieOf(moved, 'judge_learner')).toMatch(/Expires=Thu, 01 Jan 1970/);
  });

  it('COOKIE_SECURE=true makes cookies Secure even over plain HTTP', async () => {
    const config = direct.app.services.config;
    config.COOKIE_SECURE = 'true';
    try {
      const r = await direct.app.inject({ method: 'GET', url: '/api/auth/me' });
      expect(cookieOf(r, '__Host-judge_learner')).toMatch(/Secure/);
    } finally {
      config.COOKIE_SECURE = 'auto';
    }
  });

  it('rate limits key on the client address a trusted proxy gives, and an untrusted X-Forwarded-For is ignored', async () => {
    const attempt = (s: TestServer, ip: string, i: number) =>
      s.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { name: `nobody-${ip}-${i}`, password: 'wrong-password' },
        headers: { 'x-forwarded-for': ip },
      });
    for (let i = 0; i < 10; i++) expect((await attempt(proxied, '203.0.113.7', i)).statusCode).toBe(401);
    expect((await attempt(proxied, '203.0.113.7', 10)).statusCode).toBe(429);
    // Another client behind the same proxy is not throttled by the first.
    expect((await attempt(proxied, '203.0.113.8', 0)).statusCode).toBe(401);
    // Without trust, the header is the client's word: it cannot buy a fresh limit.
    for (let i = 0; i < 10; i++) expect((await attempt(direct, `198.51.100.${i}`, i)).statusCode).toBe(401);
    expect((await attempt(direct, '198.51.100.99', 0)).statusCode).toBe(429);
    // 22 failed sign-ins, each a full scrypt hash at N = 2^17 (unknown names hash too, so timing tells nothing):
    // seconds apiece on a loaded machine.
  }, 300_000);
});

describe('security headers', () => {
  it('every response carries the CSP with frame-ancestors, nosniff, Referrer-Policy and DENY framing', async () => {
    const responses = await Promise.all(
      [
        '/',
        '/api/health',
        '/api/problems',
        '/api/docs',
        '/api/docs/json',
        '/api/docs/static/index.html',
        '/api/nope',
      ].map(async (url) => [url, await direct.app.inject({ method: 'GET', url })] as const),
    );
    for (const [url, r] of responses) {
      const csp = String(r.headers['content-security-policy']);
      expect({ url, frame: csp.includes("frame-ancestors 'none'") }).toEqual({ url, frame: true });
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' blob:");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['x-frame-options']).toBe('DENY');
    }
  });
});
