import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, practice } from './api.ts';

afterEach(() => vi.unstubAllGlobals());

function stubFetch(status: number, body: unknown): void {
  vi.stubGlobal(
    'fetch',
    async () =>
      new Response(typeof body === 'string' ? body : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );
}

describe('api', () => {
  it('decodes tagged values in results', async () => {
    const tagged = {
      index: 0,
      group: 'sample',
      verdict: 'WA',
      steps: 1,
      memoryBytes: 2,
      input: { fn: 'f', args: [[{ $num: '-Infinity' }]] },
      expected: [{ $num: 'NaN' }],
      actual: [{ $num: '-0' }],
      mismatch: { path: 'out[0]', reason: 'x', expected: { $num: 'NaN' }, actual: 1 },
    };
    stubFetch(200, {
      id: 'abcdefgh',
      problem: 'p',
      status: 'done',
      verdict: 'WA',
      summary: null,
      results: [tagged],
      createdAt: '',
      finishedAt: null,
      problemVersion: '0123456789ab',
      regrades: [],
    });
    const r = (await practice.submission('abcdefgh')).results[0]!;
    expect(r.input?.args).toEqual([[-Infinity]]);
    expect(Number.isNaN((r.expected as number[])[0])).toBe(true);
    expect(Object.is((r.actual as number[])[0], -0)).toBe(true);
    expect(Number.isNaN(r.mismatch?.expected as number)).toBe(true);
  });

  it('rejects responses of the wrong shape with a readable error', async () => {
    stubFetch(200, [
      { slug: 'a', title: 'A', difficulty: 'easy', tags: 'not-an-array', solved: false, attempted: false },
    ]);
    await expect(api.problems()).rejects.toThrow(/response\[0\]\.tags is not an array/);
    stubFetch(200, {
      id: 'x',
      problem: 'p',
      status: 'weird',
      verdict: null,
      summary: null,
      results: [],
      createdAt: '',
      finishedAt: null,
    });
    await expect(practice.submission('abcdefgh')).rejects.toBeInstanceOf(ApiError);
  });

  it('turns server errors into ApiError with the stable code', async () => {
    stubFetch(429, { code: 'RATE_LIMITED', message: 'too many requests; retry in 30 s' });
    const e = await practice.submit('p', 'code').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('RATE_LIMITED');
    expect((e as ApiError).status).toBe(429);
    stubFetch(404, { code: 'NOT_FOUND', message: 'no draft for this problem' });
    expect(await practice.draft('p')).toBeNull();
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('network');
    });
    await expect(api.problems()).rejects.toMatchObject({ code: 'OFFLINE' });
  });
});

/** An EventSource that the test drives: it delivers events, breaks, and reconnects as a browser's would. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static last: FakeEventSource | null = null;
  readyState = FakeEventSource.CONNECTING;
  onerror: (() => void) | null = null;
  lastEventId = '';
  private readonly listeners = new Map<string, Array<(e: MessageEvent<string>) => void>>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, l: (e: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), l]);
  }
  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }
  emit(type: string, data: unknown, id?: number): void {
    this.readyState = FakeEventSource.OPEN;
    if (id !== undefined) this.lastEventId = String(id);
    for (const l of this.listeners.get(type) ?? [])
      l(new MessageEvent(type, { data: JSON.stringify(data), lastEventId: this.lastEventId }));
  }
  /** The connection drops; `retrying`: the browser will reconnect (CONNECTING), else it gave up (CLOSED). */
  fail(retrying: boolean): void {
    this.readyState = retrying ? FakeEventSource.CONNECTING : FakeEventSource.CLOSED;
    this.onerror?.();
  }
}

describe('following a submission', () => {
  const summary = {
    verdict: 'AC',
    passed: 1,
    total: 1,
    steps: 1,
    maxMemoryBytes: 1,
    wallMs: 1,
    compileMs: 1,
    firstFailure: null,
  };
  const result = { index: 0, group: 'sample', verdict: 'AC', steps: 1, memoryBytes: 1 };

  it('lets the browser reconnect with Last-Event-ID when the stream breaks, instead of polling', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const reads = vi.fn(async () => new Response('{}', { status: 500 }));
    vi.stubGlobal('fetch', reads);
    const seen: string[] = [];
    const stop = practice.follow(
      'abcdefgh',
      (e) => seen.push(e.type),
      (e) => seen.push(`error: ${e.message}`),
    );
    const source = FakeEventSource.last!;
    source.emit('status', { type: 'status', status: 'running' }, 7);
    source.emit('test-finished', { type: 'test-finished', result }, 8);
    // An API process restarts: the stream breaks and the browser reconnects (the server resumes after id 8).
    source.fail(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(source.readyState).not.toBe(FakeEventSource.CLOSED);
    expect(reads).not.toHaveBeenCalled();
    source.emit('done', { type: 'done', summary }, 9);
    expect(seen).toEqual(['status', 'test-finished', 'done']);
    expect(source.readyState).toBe(FakeEventSource.CLOSED);
    stop();
  });

  it('stops polling with an error when the stored submission breaks the contract', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    stubFetch(200, { id: 'abcdefgh', status: 'done', verdict: 'AC' });
    const failed = new Promise<Error>((resolve) =>
      practice.follow(
        'abcdefgh',
        () => undefined,
        (err) => resolve(err),
      ),
    );
    FakeEventSource.last!.fail(false);
    expect((await failed).message).toMatch(/unexpected response from the server/);
  });

  it('falls back to the stored submission when the server refuses the stream or it keeps breaking', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    stubFetch(200, {
      id: 'abcdefgh',
      problem: 'p',
      status: 'done',
      verdict: 'AC',
      summary,
      results: [result],
      createdAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
      problemVersion: '0123456789ab',
      regrades: [],
    });
    for (const breakIt of [
      (s: FakeEventSource) => s.fail(false),
      (s: FakeEventSource) => {
        for (let i = 0; i < 5; i++) s.fail(true);
      },
    ]) {
      const seen: string[] = [];
      const done = new Promise<void>((resolve, reject) =>
        practice.follow(
          'abcdefgh',
          (e) => {
            seen.push(e.type);
            if (e.type === 'done') resolve();
          },
          (err) => reject(err),
        ),
      );
      breakIt(FakeEventSource.last!);
      await done;
      expect(seen).toEqual(['test-finished', 'done']);
      expect(FakeEventSource.last!.readyState).toBe(FakeEventSource.CLOSED);
    }
  });
});
