/**
 * Requests an outside client may send that the happy path never does: non-JSON bodies, compressed bodies, bodies
 * escaped by other JSON encoders, broken URLs, oversized request lines. Each gets a 4xx with a stable `code` and the
 * `{ code, message }` shape, and stores nothing.
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionEvent } from '../contract.ts';
import { cookieJar, startTestServer, type TestServer } from '../test-support.ts';

let s: TestServer;
beforeAll(async () => {
  // No grading: these tests are about what is accepted and stored, not about verdicts.
  s = await startTestServer({ SUBMIT_RATE_PER_MINUTE: '1000' }, { grade: false });
});
afterAll(() => s.close());

const SLUG = 'sliding-window-mask';

async function learner(): Promise<ReturnType<typeof cookieJar>> {
  const me = cookieJar();
  me.take(await s.app.inject({ method: 'GET', url: '/api/auth/me' }));
  return me;
}

describe('request bodies', () => {
  it('non-JSON content types and compressed bodies: 415 UNSUPPORTED_MEDIA_TYPE, nothing stored', async () => {
    const me = await learner();
    const json = JSON.stringify({ problem: SLUG, code: 'export function swaMask() {}' });
    const cases: Array<[string, Record<string, string>, string | Buffer]> = [
      ['text/plain', { 'content-type': 'text/plain' }, json],
      ['form', { 'content-type': 'application/x-www-form-urlencoded' }, 'problem=x&code=y'],
      ['multipart', { 'content-type': 'multipart/form-data; boundary=b' }, '--b--\r\n'],
      ['gzip', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipSync(json)],
    ];
    for (const [name, headers, payload] of cases) {
      for (const [method, url] of [
        ['POST', '/api/submissions'],
        ['PUT', `/api/drafts/${SLUG}`],
      ] as const) {
        const r = await s.app.inject({ method, url, payload, headers: { ...me.header(), ...headers } });
        expect({ name, url, status: r.statusCode, code: r.json().code }).toEqual({
          name,
          url,
          status: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
        });
        expect(r.json().message).toMatch(/json/i);
      }
    }
    expect((await s.app.inject({ method: 'GET', url: '/api/submissions', headers: me.header() })).json()).toEqual([]);
    expect((await s.app.inject({ method: 'GET', url: `/api/drafts/${SLUG}`, headers: me.header() })).statusCode).toBe(
      404,
    );
  });

  it('a NUL character (which PostgreSQL text cannot hold) is a 400, not a 500, for code, drafts and logins', async () => {
    const me = await learner();
    const cases: Array<[string, string, unknown]> = [
      ['POST', '/api/submissions', { problem: SLUG, code: 'const a = "\u0000";' }],
      ['PUT', `/api/drafts/${SLUG}`, { code: 'a\u0000b' }],
      ['POST', '/api/auth/login', { name: 'ada\u0000', password: 'whatever-it-is' }],
    ];
    for (const [method, url, body] of cases) {
      const r = await s.app.inject({ method: method as 'POST', url, payload: body as object, headers: me.header() });
      expect({ url, status: r.statusCode, code: r.json().code }).toEqual({ url, status: 400, code: 'BAD_REQUEST' });
      expect(r.json().message).toContain('NUL');
    }
    expect((await s.app.inject({ method: 'GET', url: '/api/submissions', headers: me.header() })).json()).toEqual([]);
  });

  it('an empty JSON body is MALFORMED_JSON with a message that says it is empty', async () => {
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/submissions',
      payload: '',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({ code: 'MALFORMED_JSON', message: expect.stringContaining('empty') });
  });

  it('a code within the cap is accepted even when the client escapes every non-ASCII character', async () => {
    // What Python's json.dumps sends by default: é (2 UTF-8 bytes) becomes \u00e9 (6 bytes).
    const me = await learner();
    const code = `// ${'é'.repeat((s.app.services.config.MAX_CODE_BYTES - 4) / 2)}\n`;
    expect(Buffer.byteLength(code, 'utf8')).toBe(s.app.services.config.MAX_CODE_BYTES);
    const payload = JSON.stringify({ problem: SLUG, code }).replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/submissions',
      payload,
      headers: { ...me.header(), 'content-type': 'application/json' },
    });
    expect(r.statusCode).toBe(202);
    expect((await s.store.getSubmission(r.json().id))?.code).toBe(code);
    // One byte more is refused by the code check, with the clear message, whatever the escaping.
    const over = JSON.stringify({ problem: SLUG, code: `${code}x` }).replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    const r2 = await s.app.inject({
      method: 'POST',
      url: '/api/submissions',
      payload: over,
      headers: { ...me.header(), 'content-type': 'application/json' },
    });
    expect(r2.statusCode).toBe(413);
    expect(r2.json()).toEqual({
      code: 'CODE_TOO_LARGE',
      message: `code is larger than ${s.app.services.config.MAX_CODE_BYTES} bytes`,
    });
  });
});

describe('URLs', () => {
  it('a bad percent-encoding or an over-long path parameter: the usual error shape, the URL not echoed', async () => {
    const bad = await s.app.inject({ method: 'GET', url: '/api/problems/%C3' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ code: 'BAD_REQUEST', message: expect.any(String) });
    const long = await s.app.inject({ method: 'GET', url: `/api/problems/${'a'.repeat(5000)}` });
    expect(long.statusCode).toBe(414);
    expect(long.json()).toEqual({ code: 'URL_TOO_LONG', message: expect.any(String) });
    expect(long.body.length).toBeLessThan(200);
  });

  it('request line too large for the HTTP parser: 431 in the same JSON shape', async () => {
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = s.app.server.address() as AddressInfo;
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: `/api/problems/${'a'.repeat(100_000)}` }, (r) => {
        let body = '';
        r.on('data', (c: Buffer) => (body += c.toString()));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toEqual({ code: 'HEADERS_TOO_LARGE', message: expect.any(String) });
  });

  it('a draft of an unknown problem is UNKNOWN_PROBLEM for GET as for PUT', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/drafts/no-such-problem' });
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('UNKNOWN_PROBLEM');
  });
});

describe('live events', () => {
  it('a grading that ends while a client subscribes is sent once, not replayed twice', async () => {
    const me = await learner();
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/submissions',
      payload: { problem: SLUG, code: 'x' },
      headers: me.header(),
    });
    const id = r.json().id as string;
    const row = (await s.store.getSubmission(id))!;
    const summary = {
      verdict: 'WA',
      passed: 0,
      total: 1,
      steps: 1,
      maxMemoryBytes: 1,
      wallMs: 1,
      compileMs: 1,
      firstFailure: 0,
    };
    const result = { index: 0, group: 'hidden', verdict: 'WA', steps: 1, memoryBytes: 1 };
    // The race: the first read sees it running; the live history still holds its events up to `done`; the
    // second read already sees it stored as done.
    const services = s.app.services;
    const { store, events } = services;
    let reads = 0;
    services.store = Object.create(store, {
      getSubmission: {
        value: async () =>
          reads++ === 0
            ? { ...row, status: 'running' }
            : { ...row, status: 'done', verdict: 'WA', summary, results: [result] },
      },
    });
    services.events = {
      publish: () => undefined,
      flush: async () => undefined,
      catchUp: async () => undefined,
      subscribe: (_id: string, _after: number, listener: (e: SubmissionEvent, seq: number) => void) => {
        listener({ type: 'test-finished', result: result as never }, 1);
        listener({ type: 'done', summary: summary as never }, 2);
        // the final `status: done` follows a moment later
        setTimeout(() => listener({ type: 'status', status: 'done' }, 3), 50);
        return () => undefined;
      },
    };
    try {
      const sse = await s.app.inject({ method: 'GET', url: `/api/submissions/${id}/events`, headers: me.header() });
      const types = sse.body
        .split('\n\n')
        .filter(Boolean)
        .map((e) => e.split('\n').find((l) => l.startsWith('event:')))
        .filter(Boolean);
      expect(types.filter((t) => t === 'event: done')).toHaveLength(1);
      expect(types.filter((t) => t === 'event: test-finished')).toHaveLength(1);
      expect(types.at(-1)).toBe('event: status');
    } finally {
      services.store = store;
      services.events = events;
    }
  });
});
