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
