/**
 * Feedback routes (issue 15): the reference's output for custom inputs (validated first), counterexamples in practice,
 * both rate-limited per user with a stable 429 code, off in screens unless the interviewer enables expected outputs
 * (counterexamples never); and no response of theirs reveals a hidden test (the leak scanner of tests/helpers).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanForHiddenTests } from '../../../tests/helpers/leak-scan.ts';
import { hashPassword } from '../auth/password.ts';
import { cookieJar, REPO_ROOT, startTestServer, type TestServer } from '../test-support.ts';

let s: TestServer;
const PROBLEMS = path.join(REPO_ROOT, 'problems');
const solution = (slug: string, file: string) => readFileSync(path.join(PROBLEMS, slug, 'solutions', file), 'utf8');

beforeAll(async () => {
  s = await startTestServer({ EXPECTED_RATE_PER_MINUTE: '4', COUNTEREXAMPLE_RATE_PER_MINUTE: '12' });
  await s.store.createUser({
    id: 'i1',
    name: 'ivy',
    role: 'interviewer',
    passwordHash: await hashPassword('pw-12345'),
  });
});
afterAll(() => s?.close());

const transcript: string[] = [];
async function call(method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) {
  const r = await s.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  transcript.push(r.body);
  return r;
}

/** A learner with a cookie (the first request sets it). */
async function learner() {
  const jar = cookieJar();
  jar.take(await s.app.inject({ method: 'GET', url: '/api/auth/me' }));
  return jar;
}

describe('expected outputs of custom inputs', () => {
  it("answers the reference's output for valid inputs and the validator's message for invalid ones", async () => {
    const jar = await learner();
    const r = await call(
      'POST',
      '/api/expected-outputs',
      {
        problem: 'sliding-window-mask',
        inputs: [
          { fn: 'swaRanges', args: [3, 3, 2] },
          { fn: 'swaRanges', args: [3, 3, 0] },
          { fn: 'rollingBuffer', args: [2, { $num: 'Infinity' }] },
        ],
      },
      jar.header(),
    );
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      outputs: [
        {
          status: 'ok',
          expected: [
            [0, 0],
            [0, 1],
            [1, 2],
          ],
        },
        { status: 'invalid', message: 'W = 0 is outside [1, 1000000000]' },
        { status: 'invalid', message: 'numTokens must be an integer, got Infinity' },
      ],
    });
  });

  it('refuses malformed requests with stable codes', async () => {
    const jar = await learner();
    const many = Array.from({ length: 21 }, () => ({ fn: 'swaRanges', args: [1, 1, 1] }));
    const tooMany = await call(
      'POST',
      '/api/expected-outputs',
      { problem: 'sliding-window-mask', inputs: many },
      jar.header(),
    );
    expect([tooMany.statusCode, tooMany.json().code]).toEqual([400, 'BAD_REQUEST']);
    const unknown = await call(
      'POST',
      '/api/expected-outputs',
      { problem: 'nope', inputs: [{ fn: 'f', args: [] }] },
      jar.header(),
    );
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'UNKNOWN_PROBLEM']);
  });

  it('is rate-limited per user (429 RATE_LIMITED); another user is not affected', async () => {
    const a = await learner();
    const b = await learner();
    const body = { problem: 'sliding-window-mask', inputs: [{ fn: 'swaRanges', args: [1, 1, 1] }] };
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await call('POST', '/api/expected-outputs', body, a.header())).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 429]);
    const limited = await call('POST', '/api/expected-outputs', body, a.header());
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await call('POST', '/api/expected-outputs', body, b.header())).statusCode).toBe(200);
  });
});

describe('counterexamples', () => {
  it("finds and shrinks one for a wrong solution: input, the reference's output, the user's, the first difference", async () => {
    const jar = await learner();
    const code = solution('sliding-window-mask', 'wrong_answer/window_w_plus_one.ts');
    const r = await call('POST', '/api/counterexamples', { problem: 'sliding-window-mask', code }, jar.header());
    expect(r.statusCode).toBe(200);
    const report = r.json();
    expect(report.status).toBe('found');
    const c = report.counterexample;
    expect(c.result).toMatchObject({
      verdict: 'WA',
      input: { fn: expect.any(String) },
      mismatch: { path: expect.any(String) },
    });
    expect(c.result.expected).toBeDefined();
    expect(c.result.actual).toBeDefined();
    expect(c.sizeAfter.magnitude).toBeLessThan(c.sizeBefore.magnitude);
    expect(['sample', 'generated']).toContain(c.origin);
  });

  it('says so when the code does not compile; refuses code over the size cap', async () => {
    const jar = await learner();
    const ce = await call(
      'POST',
      '/api/counterexamples',
      { problem: 'bpe-tokenizer', code: 'export function (' },
      jar.header(),
    );
    expect(ce.json()).toMatchObject({ status: 'compile-error', compileError: { line: 1 } });
    const big = await call(
      'POST',
      '/api/counterexamples',
      { problem: 'bpe-tokenizer', code: 'x'.repeat(70_000) },
      jar.header(),
    );
    expect([big.statusCode, big.json().code]).toEqual([413, 'CODE_TOO_LARGE']);
  });
});

describe('in screens', () => {
  const interviewer = cookieJar();
  beforeAll(async () => {
    interviewer.take(
      await s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { name: 'ivy', password: 'pw-12345' } }),
    );
  });

  async function startedScreen(expectedOutputs?: boolean): Promise<string> {
    const r = await call(
      'POST',
      '/api/screens',
      {
        problems: ['sliding-window-mask'],
        durationMinutes: 30,
        ...(expectedOutputs === undefined ? {} : { expectedOutputs }),
      },
      interviewer.header(),
    );
    expect(r.statusCode).toBe(201);
    expect(r.json().screen.expectedOutputs).toBe(expectedOutputs ?? false);
    const token = r.json().token as string;
    expect((await call('POST', `/api/candidate/${token}/start`, {})).statusCode).toBe(200);
    return token;
  }

  const body = { problem: 'sliding-window-mask', inputs: [{ fn: 'swaRanges', args: [2, 2, 1] }] };
  const code = solution('sliding-window-mask', 'wrong_answer/window_w_plus_one.ts');

  it('expected outputs are off by default (403 FEEDBACK_OFF), and counterexamples always', async () => {
    const token = await startedScreen();
    expect((await call('GET', `/api/candidate/${token}`)).json().expectedOutputs).toBe(false);
    const off = await call('POST', `/api/candidate/${token}/expected-outputs`, body);
    expect([off.statusCode, off.json().code]).toEqual([403, 'FEEDBACK_OFF']);
    const ce = await call('POST', `/api/candidate/${token}/counterexamples`, { problem: 'sliding-window-mask', code });
    expect([ce.statusCode, ce.json().code]).toEqual([403, 'FEEDBACK_OFF']);
  });

  it('the interviewer can enable expected outputs; still no counterexamples; other problems stay out', async () => {
    const token = await startedScreen(true);
    expect((await call('GET', `/api/candidate/${token}`)).json().expectedOutputs).toBe(true);
    const on = await call('POST', `/api/candidate/${token}/expected-outputs`, body);
    expect(on.statusCode).toBe(200);
    expect(on.json().outputs[0]).toEqual({
      status: 'ok',
      expected: [
        [0, 0],
        [1, 1],
      ],
    });
    const ce = await call('POST', `/api/candidate/${token}/counterexamples`, { problem: 'sliding-window-mask', code });
    expect(ce.json().code).toBe('FEEDBACK_OFF');
    const other = await call('POST', `/api/candidate/${token}/expected-outputs`, { ...body, problem: 'bpe-tokenizer' });
    expect(other.json().code).toBe('UNKNOWN_PROBLEM');
  });
});

describe('no hidden test leaks', () => {
  it('the leak scanner finds a hidden input when there is one (it can fail)', () => {
    const suite = JSON.parse(readFileSync(path.join(PROBLEMS, 'bpe-tokenizer/tests/suite.json'), 'utf8'));
    const hidden = suite.tests.find((t: any) => t.group === 'hidden' && JSON.stringify(t.input.args).length > 40);
    const scan = scanForHiddenTests(`{"x":${JSON.stringify(hidden.input.args)}}`, PROBLEMS, ['bpe-tokenizer']);
    expect(scan.leaks.length).toBeGreaterThan(0);
  });

  it('no feedback response of these tests, nor counterexamples of leaky and wrong code, shows a hidden test', async () => {
    const slugs = ['top-k-top-p-sampling', 'sliding-window-mask', 'bpe-tokenizer'];
    const wrong: Record<string, string> = {
      'top-k-top-p-sampling': 'wrong_answer/tie_keeps_high_ids.ts',
      'sliding-window-mask': 'wrong_answer/no_clamp_at_zero.ts',
      'bpe-tokenizer': 'wrong_answer/tie_last_occurrence.ts',
    };
    for (const slug of slugs) {
      const jar = await learner();
      const detail = (await call('GET', `/api/problems/${slug}`, undefined, jar.header())).json();
      // Code that prints, throws and returns its arguments, to smuggle out whatever it is given.
      const leaky = detail.entries
        .map(
          (e: any) =>
            `export function ${e.name}(...args: any[]): any { console.log(JSON.stringify(args)); throw new Error(JSON.stringify(args)) }`,
        )
        .join('\n');
      for (const code of [leaky, solution(slug, wrong[slug]!)]) {
        const r = await call('POST', '/api/counterexamples', { problem: slug, code }, jar.header());
        expect(r.json().status).toBe('found');
      }
      // The samples' inputs as custom inputs.
      const inputs = detail.samples.map((x: any) => x.input);
      expect((await call('POST', '/api/expected-outputs', { problem: slug, inputs }, jar.header())).statusCode).toBe(
        200,
      );
    }
    const { leaks, checked } = scanForHiddenTests(transcript.join('\n'), PROBLEMS, slugs);
    expect(leaks).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });
});
