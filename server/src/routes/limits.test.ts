/**
 * Abuse limits over real HTTP on 127.0.0.1 (issue 14 §3-§6, §12, §13). Each client connects from its own loopback
 * address (127.0.0.x), which is what the per-address limits see. Nothing is graded here: submissions stay queued,
 * so the queue's limits can be watched filling up.
 */
import { request, type IncomingMessage } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password.ts';
import { purgeExpiredDrafts } from '../retention.ts';
import { SUBMIT_GRACE_MS } from '../screens/lifecycle.ts';
import { startTestServer, type TestServer } from '../test-support.ts';

const SLUG = 'sliding-window-mask';
const OTHER = 'top-k-top-p-sampling';
const CODE = 'export function swaMask() { return [] }';

interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  text: string;
  json: any;
}

/** A browser-like client: its own loopback address, its own cookies. */
class Client {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly port: number,
    readonly address: string,
  ) {}

  private headers(body: boolean): Record<string, string> {
    const h: Record<string, string> = {};
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body) h['content-type'] = 'application/json';
    return h;
  }

  private take(res: IncomingMessage): void {
    for (const c of res.headers['set-cookie'] ?? []) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  }

  call(method: string, path: string, body?: unknown): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          localAddress: this.address,
          method,
          path,
          headers: this.headers(body !== undefined),
          agent: false,
        },
        (res) => {
          this.take(res);
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => {
            let json: unknown = null;
            try {
              json = JSON.parse(text);
            } catch {
              // not JSON (an event stream)
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
          });
        },
      );
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }

  /** Opens an event stream and keeps it open: `close()` ends it, `ended` resolves when the server ends it. */
  stream(path: string): Promise<{ status: number; json: any; ended: Promise<string>; close(): void }> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: this.port, localAddress: this.address, path, headers: this.headers(false) },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          const ended = new Promise<string>((done) => {
            res.on('data', (c: string) => (text += c));
            res.on('end', () => done(text));
            res.on('close', () => done(text));
          });
          if (res.statusCode !== 200) {
            void ended.then((t) => resolve({ status: res.statusCode ?? 0, json: JSON.parse(t), ended, close() {} }));
            return;
          }
          resolve({ status: 200, json: null, ended, close: () => req.destroy() });
        },
      );
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
      req.end();
    });
  }
}

/**
 * Sends requests as one burst: every connection is open first, then every request is written in the same tick, so
 * the server starts handling them all before it finishes any (what a count-then-insert check gets wrong).
 */
async function burst(
  port: number,
  requests: Array<{ from: string; method: string; path: string; body: unknown }>,
): Promise<Array<{ status: number; retryAfter: string | null; json: any }>> {
  const sockets = await Promise.all(
    requests.map(
      (r) =>
        new Promise<net.Socket>((resolve, reject) => {
          const sock = net.connect({ port, host: '127.0.0.1', localAddress: r.from }, () => resolve(sock));
          sock.on('error', reject);
        }),
    ),
  );
  const answers = sockets.map(
    (sock) =>
      new Promise<string>((resolve) => {
        let text = '';
        sock.setEncoding('utf8');
        sock.on('data', (d: string) => (text += d));
        sock.on('end', () => resolve(text));
        sock.on('close', () => resolve(text));
      }),
  );
  requests.forEach((r, i) => {
    const body = JSON.stringify(r.body);
    sockets[i]!.write(
      `${r.method} ${r.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
  return (await Promise.all(answers)).map((text) => {
    const [head, ...rest] = text.split('\r\n\r\n');
    const status = Number(/^HTTP\/1\.1 (\d+)/.exec(head ?? '')?.[1] ?? 0);
    const retryAfter = /\r\nretry-after: ([^\r]+)/i.exec(head ?? '')?.[1] ?? null;
    return { status, retryAfter, json: JSON.parse(rest.join('\r\n\r\n') || 'null') };
  });
}

let clock = new Date('2031-03-01T09:00:00Z');
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
let s: TestServer;
let port = 0;
let nextAddress = 2;
/** A client from an address no other test used. */
const client = () => new Client(port, `127.0.0.${nextAddress++}`);
let interviewer: Client;

const LIMITS = {
  QUEUE_LIMIT: '12',
  QUEUED_PER_OWNER: '3',
  SUBMIT_RATE_PER_MINUTE: '8',
  SUBMIT_RATE_PER_ADDRESS_PER_MINUTE: '40',
  DRAFT_RATE_PER_MINUTE: '6',
  SCREEN_EVENTS_MAX: '20',
  SCREEN_EVENTS_MAX_BYTES: '65536',
  SCREEN_EVENT_MAX_BYTES: '30000',
  SCREEN_EVENT_BATCHES_PER_MINUTE: '10',
  SSE_STREAMS_PER_CLIENT: '2',
  SSE_STREAMS_TOTAL: '3',
};

beforeAll(async () => {
  s = await startTestServer(LIMITS, { grade: false, now: () => clock });
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  port = (s.app.server.address() as AddressInfo).port;
  await s.store.createUser({
    id: 'i1',
    name: 'ivy',
    role: 'interviewer',
    passwordHash: await hashPassword('pw-123456'),
  });
  interviewer = client();
  expect((await interviewer.call('POST', '/api/auth/login', { name: 'ivy', password: 'pw-123456' })).status).toBe(200);
});
afterAll(() => s?.close());

async function startedScreen(problems = [SLUG, OTHER]): Promise<{ id: string; token: string; base: string }> {
  const r = await interviewer.call('POST', '/api/screens', { problems, durationMinutes: 30 });
  expect(r.status).toBe(201);
  const { screen, token } = r.json as { screen: { id: string }; token: string };
  expect((await client().call('POST', `/api/candidate/${token}/start`)).status).toBe(200);
  return { id: screen.id, token, base: `/api/candidate/${token}` };
}

/** Empties the queue between tests (nothing grades here). */
async function drainQueue(): Promise<void> {
  while (await s.store.claimNext('drain'));
}

describe('submissions (§3, §13)', () => {
  it('a burst from one candidate link queues at most QUEUED_PER_OWNER; the rest get 429 TOO_MANY_QUEUED', async () => {
    await drainQueue();
    const screen = await startedScreen();
    const from = client().address;
    const answers = await burst(
      port,
      Array.from({ length: 8 }, () => ({
        from,
        method: 'POST',
        path: `${screen.base}/submissions`,
        body: { problem: SLUG, code: CODE },
      })),
    );
    expect(answers.filter((r) => r.status === 202)).toHaveLength(3);
    for (const r of answers.filter((x) => x.status !== 202)) {
      expect([r.status, r.json.code]).toEqual([429, 'TOO_MANY_QUEUED']);
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
    }
    // The queue still takes everyone else's work.
    const learner = client();
    expect((await learner.call('POST', '/api/submissions', { problem: SLUG, code: CODE })).status).toBe(202);
    expect(await s.store.countQueued()).toBe(4);
  });

  it('a burst from many owners fills QUEUE_LIMIT exactly: 503 QUEUE_FULL with Retry-After beyond', async () => {
    // PGlite runs one request's statements before the next request's; under real concurrency (several connections
    // to PostgreSQL) the atomic check is tested in storage/sql-store.test.ts.
    await drainQueue();
    // 20 new learners (no cookie: one each), from 20 addresses, all at once; the queue takes 12.
    const answers = await burst(
      port,
      Array.from({ length: 20 }, () => ({
        from: client().address,
        method: 'POST',
        path: '/api/submissions',
        body: { problem: SLUG, code: CODE },
      })),
    );
    expect(answers.filter((r) => r.status === 202)).toHaveLength(12);
    for (const r of answers.filter((x) => x.status !== 202)) {
      expect([r.status, r.json.code]).toEqual([503, 'QUEUE_FULL']);
      expect(r.retryAfter).toBe('5');
    }
    expect(await s.store.countQueued()).toBe(12);
  });

  it('rate limits per owner whatever the address, and per address whoever the owner', async () => {
    await drainQueue();
    // One learner: SUBMIT_RATE_PER_MINUTE requests, then 429 with Retry-After (rejected ones count too).
    const learner = client();
    const codes: string[] = [];
    for (let i = 0; i < 9; i++)
      codes.push(
        (await learner.call('POST', '/api/submissions', { problem: 'no-such-problem', code: CODE })).json.code,
      );
    expect(codes).toEqual([...Array(8).fill('UNKNOWN_PROBLEM'), 'RATE_LIMITED']);
    // A screen's link is one owner too.
    const screen = await startedScreen();
    const limited: number[] = [];
    for (let i = 0; i < 9; i++) {
      const r = await client().call('POST', `${screen.base}/submissions`, { problem: 'no-such-problem', code: CODE });
      limited.push(r.status);
      if (r.status === 429) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(limited).toEqual([...Array(8).fill(404), 429]);
    // Many fresh learners from one address: SUBMIT_RATE_PER_ADDRESS_PER_MINUTE.
    const address = client().address;
    const fresh: number[] = [];
    for (let i = 0; i < 41; i++) {
      fresh.push(
        (await new Client(port, address).call('POST', '/api/submissions', { problem: 'no-such-problem', code: CODE }))
          .status,
      );
    }
    expect(fresh).toEqual([...Array(40).fill(404), 429]);
  });
});

describe('timeline events (§4)', () => {
  const event = (seq: number, data: Record<string, unknown> = { code: 'x' }) => ({
    seq,
    kind: 'snapshot',
    problem: SLUG,
    data,
  });

  it('caps events per screen by count and by bytes, and a single event by bytes; resending is still harmless', async () => {
    const screen = await startedScreen();
    const browser = client();
    const post = (events: unknown[], clientId = 'browser-one') =>
      browser.call('POST', `${screen.base}/events`, { clientId, events });
    const first = Array.from({ length: 15 }, (_, i) => event(i));
    expect((await post(first)).json).toEqual({ stored: 15 });
    const over = await post(Array.from({ length: 10 }, (_, i) => event(100 + i)));
    expect([over.status, over.json.code]).toEqual([413, 'TIMELINE_FULL']);
    // Nothing of a refused batch is kept; a resend of what is stored is accepted (nothing new).
    expect((await post(first)).json).toEqual({ stored: 0 });
    expect((await post([event(200)])).json).toEqual({ stored: 1 });
    const big = await post([event(300, { code: 'y'.repeat(30_001) })]);
    expect([big.status, big.json.code]).toEqual([413, 'EVENT_TOO_LARGE']);

    // Bytes: 64 KiB per screen.
    const other = await startedScreen();
    const bytes = (events: unknown[]) =>
      browser.call('POST', `${other.base}/events`, { clientId: 'browser-two', events });
    expect((await bytes([event(1, { code: 'z'.repeat(25_000) })])).json).toEqual({ stored: 1 });
    expect((await bytes([event(2, { code: 'z'.repeat(25_000) })])).json).toEqual({ stored: 1 });
    expect((await bytes([event(3, { code: 'z'.repeat(25_000) })])).json.code).toBe('TIMELINE_FULL');
    const stored = await s.store.screens.events(other.id);
    expect(stored).toHaveLength(2);
  });

  it('rate-limits timeline batches per screen', async () => {
    const screen = await startedScreen();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await client().call('POST', `${screen.base}/events`, { clientId: 'browser-abc', events: [event(i)] });
      statuses.push(r.status);
      if (r.status === 429) expect(r.json.code).toBe('RATE_LIMITED');
    }
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
  });
});

describe('anonymous drafts (§5)', () => {
  it('limits draft saves per address: every cookieless save would be a new learner', async () => {
    const address = client().address;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await new Client(port, address).call('PUT', `/api/drafts/${SLUG}`, { code: `// ${i}` })).status);
    expect(statuses).toEqual([...Array(6).fill(200), 429]);
    expect((await client().call('PUT', `/api/drafts/${SLUG}`, { code: 'elsewhere' })).status).toBe(200);
  });

  it('drafts are one per problem of the catalog, and anonymous ones expire after the retention period', async () => {
    const learner = client();
    expect((await learner.call('PUT', `/api/drafts/${SLUG}`, { code: 'mine' })).status).toBe(200);
    expect((await learner.call('PUT', '/api/drafts/made-up-problem', { code: 'x' })).json.code).toBe('UNKNOWN_PROBLEM');
    const screen = await startedScreen();
    expect((await client().call('PUT', `${screen.base}/drafts/${SLUG}`, { code: 'candidate' })).status).toBe(200);
    expect((await interviewer.call('PUT', `/api/drafts/${SLUG}`, { code: 'account' })).status).toBe(200);

    // Drafts are stamped by the database's clock: purge as the sweep would, a retention period later.
    const days = s.app.services.config.ANON_DRAFT_RETENTION_DAYS;
    expect(await purgeExpiredDrafts(s.store, new Date(Date.now() - 60_000), days)).toBe(0);
    expect(await purgeExpiredDrafts(s.store, new Date(Date.now() + (days * 24 + 1) * 3600_000), days)).toBeGreaterThan(
      0,
    );
    expect((await learner.call('GET', `/api/drafts/${SLUG}`)).status).toBe(404);
    expect((await client().call('GET', `${screen.base}/drafts/${SLUG}`)).json.code).toBe('candidate');
    expect((await interviewer.call('GET', `/api/drafts/${SLUG}`)).json.code).toBe('account');
  });
});

describe('event streams (§6)', () => {
  it('caps streams per client and in total; a closed stream frees its slot', async () => {
    await drainQueue();
    const owner = client();
    const { id } = (await owner.call('POST', '/api/submissions', { problem: SLUG, code: CODE })).json;
    const a1 = await owner.stream(`/api/submissions/${id}/events`);
    const a2 = await owner.stream(`/api/submissions/${id}/events`);
    expect([a1.status, a2.status]).toEqual([200, 200]);
    const a3 = await owner.stream(`/api/submissions/${id}/events`);
    expect([a3.status, a3.json.code]).toEqual([429, 'TOO_MANY_STREAMS']);
    // Another client gets one (3 in all), then nobody does.
    const other = client();
    const { id: otherId } = (await other.call('POST', '/api/submissions', { problem: SLUG, code: CODE })).json;
    const b1 = await other.stream(`/api/submissions/${otherId}/events`);
    expect(b1.status).toBe(200);
    const third = client();
    const { id: thirdId } = (await third.call('POST', '/api/submissions', { problem: SLUG, code: CODE })).json;
    const c1 = await third.stream(`/api/submissions/${thirdId}/events`);
    expect([c1.status, c1.json.code]).toEqual([429, 'TOO_MANY_STREAMS']);
    a1.close();
    await new Promise((r) => setTimeout(r, 200));
    const c2 = await third.stream(`/api/submissions/${thirdId}/events`);
    expect(c2.status).toBe(200);
    for (const open of [a2, b1, c2]) open.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(s.app.limits.streams.open).toBe(0);
  });
});

describe('the link after the screen (§12)', () => {
  it('answers 410 SCREEN_OVER for everything once the screen is finalized; the report stays with the interviewer', async () => {
    await drainQueue();
    const screen = await startedScreen();
    const candidate = client();
    const { id } = (await candidate.call('POST', `${screen.base}/submissions`, { problem: SLUG, code: CODE })).json;
    expect((await candidate.call('PUT', `${screen.base}/drafts/${OTHER}`, { code: '// later' })).status).toBe(200);
    advance(30 * 60_000 + SUBMIT_GRACE_MS);
    const calls: Array<[string, string, unknown?]> = [
      ['GET', screen.base],
      ['POST', `${screen.base}/start`],
      ['GET', `${screen.base}/problems/${SLUG}`],
      ['GET', `${screen.base}/drafts/${OTHER}`],
      ['PUT', `${screen.base}/drafts/${OTHER}`, { code: 'after' }],
      ['GET', `${screen.base}/submissions`],
      ['GET', `${screen.base}/submissions/${id}`],
      ['GET', `${screen.base}/submissions/${id}/events`],
      ['POST', `${screen.base}/submissions`, { problem: SLUG, code: CODE }],
      ['POST', `${screen.base}/events`, { clientId: 'browser-late', events: [{ seq: 1, kind: 'blur' }] }],
    ];
    for (const [method, url, body] of calls) {
      const r = await candidate.call(method, url, body);
      expect({ url, method, status: r.status, code: r.json?.code }).toEqual({
        url,
        method,
        status: 410,
        code: 'SCREEN_OVER',
      });
    }
    const report = await interviewer.call('GET', `/api/screens/${screen.id}/report`);
    expect(report.status).toBe(200);
    expect(report.json.screen.phase).toBe('over');
    expect(report.json.submissions.map((x: { auto: boolean }) => x.auto).sort()).toEqual([false, true]);
    advance(-(30 * 60_000 + SUBMIT_GRACE_MS));
  });
});

describe('connections and stream lifetime (§6)', () => {
  let small: TestServer;
  let smallPort = 0;
  beforeAll(async () => {
    small = await startTestServer({ MAX_CONNECTIONS: '3', SSE_STREAM_MAX_SECONDS: '1' }, { grade: false });
    await small.app.listen({ port: 0, host: '127.0.0.1' });
    smallPort = (small.app.server.address() as AddressInfo).port;
  });
  afterAll(() => small?.close());

  it('ends a stream after SSE_STREAM_MAX_SECONDS, before the submission is graded', async () => {
    const owner = new Client(smallPort, '127.0.0.1');
    const { id } = (await owner.call('POST', '/api/submissions', { problem: SLUG, code: CODE })).json;
    const started = Date.now();
    const stream = await owner.stream(`/api/submissions/${id}/events`);
    expect(stream.status).toBe(200);
    const text = await stream.ended;
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(text).toContain('event: status');
    expect(text).not.toContain('event: done');
    expect(small.app.limits.streams.open).toBe(0);
  });

  it('the server refuses connections beyond MAX_CONNECTIONS and takes new ones once they close', async () => {
    const open = (): Promise<net.Socket> =>
      new Promise((resolve, reject) => {
        const sock = net.connect(smallPort, '127.0.0.1', () => resolve(sock));
        sock.on('error', reject);
      });
    const held = [await open(), await open(), await open()];
    await new Promise((r) => setTimeout(r, 100));
    const extra = await open();
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      extra.on('data', (d) => (text += d));
      extra.on('close', () => resolve(text));
      extra.on('error', () => resolve(text));
      extra.write('GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n');
    });
    expect(answer).toBe('');
    for (const h of held) h.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const r = await new Client(smallPort, '127.0.0.1').call('GET', '/api/problem-sets');
    expect(r.status).toBe(200);
  });
});
