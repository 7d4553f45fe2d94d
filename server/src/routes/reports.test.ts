/**
 * "Report this test" and the authors' inbox (issue 12 §3), over real HTTP on 127.0.0.1: a learner reports a test of
 * a wrong submission; an instructor finds it in the inbox, reads the test in full, replays it and gets the verdict
 * and steps the learner saw, then resolves it; learners cannot read the inbox; another owner's submission is 404;
 * reports are rate-limited; a report of a Run; a report graded on version 1 replays on version 1 after version 2 is
 * published; a version that is gone is said plainly. Nothing the learner receives reveals a hidden test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanForHiddenTests } from '../../../tests/helpers/leak-scan.ts';
import { fixtureFiles, FIXTURE_SLUG, SUM_REDUCE } from '../../../tests/helpers/publish-fixture.ts';
import { Client } from '../../../tests/helpers/server-process.ts';
import { hashPassword } from '../auth/password.ts';
import type { SqlStore } from '../storage/sql-store.ts';
import { REPO_ROOT, startTestServer, type TestServer } from '../test-support.ts';

const PROBLEMS = path.join(REPO_ROOT, 'problems');
const SLUG = 'sliding-window-mask';
// WA on a sample and on hidden tests; its own sample outputs coincide with no hidden expected output (one that did,
// window_w_plus_one, had the leak scanner flag its own output on a sample).
const WRONG = readFileSync(path.join(PROBLEMS, SLUG, 'solutions', 'wrong_answer', 'no_clamp_at_zero.ts'), 'utf8');
const RATE = 4;

let s: TestServer;
let url: string;
/** Everything learners received, for the leak scanner. */
const transcript: string[] = [];

/** A learner's browser: every answer it gets goes into the transcript. */
function learner(): Client {
  const c = new Client(url);
  const request = c.request.bind(c);
  c.request = async (...args: Parameters<Client['request']>) => {
    const r = await request(...args);
    transcript.push(r.text);
    return r;
  };
  return c;
}

async function signIn(name: string): Promise<Client> {
  const c = new Client(url);
  const r = await c.request('POST', '/api/auth/login', { name, password: 'password-1' });
  expect(r.status, r.text).toBe(200);
  return c;
}

async function submitAndWait(c: Client, problem: string, code: string): Promise<any> {
  const r = await c.request('POST', '/api/submissions', { problem, code });
  expect(r.status, r.text).toBe(202);
  return c.waitDone(r.json.id, 300_000);
}

beforeAll(async () => {
  s = await startTestServer({ REPORT_RATE_PER_HOUR: String(RATE) });
  for (const [id, name, role] of [
    ['u1', 'ina', 'instructor'],
    ['u2', 'ivan', 'interviewer'],
    ['u3', 'lea', 'learner'],
    ['u4', 'otto', 'instructor'],
  ] as const) {
    await s.store.createUser({ id, name, role, passwordHash: await hashPassword('password-1') });
  }
  url = await s.app.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);
afterAll(() => s?.close());

describe('report this test', () => {
  let alice: Client;
  let submission: any;
  let reportId: string;
  let reported: any;

  it('a learner reports a failing test of a submission; the answer says nothing but its id', async () => {
    alice = learner();
    submission = await submitAndWait(alice, SLUG, WRONG);
    expect(submission.verdict).toBe('WA');
    // The first failing hidden test if there is one (what a learner cannot see), else the first failing test.
    reported =
      submission.results.find((r: any) => r.verdict !== 'AC' && r.group === 'hidden') ??
      submission.results.find((r: any) => r.verdict !== 'AC');
    const r = await alice.request('POST', '/api/reports', {
      problem: SLUG,
      submissionId: submission.id,
      testIndex: reported.index,
      message: 'I think this test expects the wrong window',
    });
    expect(r.status, r.text).toBe(201);
    expect(Object.keys(r.json).sort()).toEqual(['id', 'status']);
    expect(r.json.status).toBe('open');
    reportId = r.json.id;
  }, 400_000);

  it('the inbox is for instructors and admins only', async () => {
    expect((await alice.request('GET', '/api/authoring/reports')).json.code).toBe('UNAUTHENTICATED');
    const lea = await signIn('lea');
    const forbidden = await lea.request('GET', '/api/authoring/reports');
    transcript.push(forbidden.text);
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.code).toBe('FORBIDDEN');
    const detail = await lea.request('GET', `/api/authoring/reports/${reportId}`);
    transcript.push(detail.text);
    expect(detail.status).toBe(403);
    for (const action of ['replay', 'resolve']) {
      const r = await lea.request('POST', `/api/authoring/reports/${reportId}/${action}`, {});
      transcript.push(r.text);
      expect(r.status).toBe(403);
    }
    const ivan = await signIn('ivan');
    expect((await ivan.request('GET', '/api/authoring/reports')).status).toBe(403);
  });

  it('an instructor sees it in the inbox with the test in full, replays it exactly, and resolves it', async () => {
    const ina = await signIn('ina');
    const inbox = await ina.request('GET', '/api/authoring/reports');
    expect(inbox.status).toBe(200);
    const item = inbox.json.find((x: any) => x.id === reportId);
    expect(item).toMatchObject({
      problem: SLUG,
      problemVersion: submission.problemVersion,
      source: 'submission',
      submissionId: submission.id,
      testIndex: reported.index,
      testGroup: reported.group,
      verdict: 'WA',
      testVerdict: reported.verdict,
      message: 'I think this test expects the wrong window',
      reporter: null,
      status: 'open',
    });

    const detail = await ina.request('GET', `/api/authoring/reports/${reportId}`);
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({
      code: WRONG,
      versionSource: 'live',
      currentVersion: submission.problemVersion,
    });
    // The authors wrote the hidden tests: the detail shows the reported one in full, as the suite has it.
    const suite = JSON.parse(readFileSync(path.join(PROBLEMS, SLUG, 'tests', 'suite.json'), 'utf8'));
    const test = suite.tests[reported.index];
    expect(detail.json.test).toMatchObject({
      index: reported.index,
      group: test.group,
      id: test.id,
      input: test.input,
    });
    expect(detail.json.seen.results).toEqual(submission.results);

    const replay = await ina.request('POST', `/api/authoring/reports/${reportId}/replay`, {});
    expect(replay.status, replay.text).toBe(200);
    const rp = replay.json;
    expect(rp).toMatchObject({
      report: reportId,
      version: submission.problemVersion,
      versionSource: 'live',
      warning: null,
      testIndex: reported.index,
      sameVerdict: true,
      sameTestVerdict: true,
      differences: [],
    });
    // The same verdict and steps as the stored submission, test by test (exact steps wherever the learner saw them).
    expect(rp.summary.verdict).toBe(submission.summary.verdict);
    expect(rp.summary.passed).toBe(submission.summary.passed);
    expect(rp.results.map((r: any) => r.verdict)).toEqual(submission.results.map((r: any) => r.verdict));
    for (const seen of submission.results.filter((r: any) => r.group === 'sample'))
      expect(rp.results[seen.index].steps).toBe(seen.steps);
    // Hidden tests in full for the authors: the reported one has its input and expected output.
    expect(rp.results[reported.index]).toMatchObject({ input: test.input, verdict: reported.verdict });

    const resolved = await ina.request('POST', `/api/authoring/reports/${reportId}/resolve`, { note: 'test is right' });
    expect(resolved.status).toBe(200);
    expect(resolved.json).toMatchObject({ status: 'resolved', resolvedBy: 'ina', reply: 'test is right' });
    const again = await ina.request('POST', `/api/authoring/reports/${reportId}/resolve`, {});
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('REPORT_CLOSED');
    expect((await ina.request('GET', '/api/authoring/reports')).json.map((x: any) => x.id)).not.toContain(reportId);
    const done = await ina.request('GET', '/api/authoring/reports?status=resolved');
    expect(done.json.map((x: any) => x.id)).toContain(reportId);
    expect((await ina.request('GET', '/api/authoring/reports/AAAAAAAAAAAAAAAA')).status).toBe(404);
  }, 400_000);

  it("another owner's submission is 404, and malformed reports are refused with stable codes", async () => {
    const bob = learner();
    const stolen = await bob.request('POST', '/api/reports', {
      problem: SLUG,
      submissionId: submission.id,
      testIndex: 0,
      message: 'mine now',
    });
    expect(stolen.status).toBe(404);
    expect(stolen.json.code).toBe('NOT_FOUND');
    const cases: Array<[unknown, number, string]> = [
      [{ problem: SLUG, submissionId: submission.id, message: '' }, 400, 'BAD_REQUEST'],
      [{ problem: SLUG, submissionId: submission.id, message: '   ' }, 400, 'BAD_REQUEST'],
      [{ problem: SLUG, submissionId: submission.id, message: 'x'.repeat(2001) }, 400, 'BAD_REQUEST'],
      [{ problem: SLUG, submissionId: submission.id, testIndex: 9999, message: 'no such test' }, 400, 'BAD_REQUEST'],
      [{ problem: SLUG, submissionId: submission.id, code: 'x', message: 'code too' }, 400, 'BAD_REQUEST'],
      [{ problem: 'no-such-problem', code: 'x', testIndex: 0, message: 'm' }, 404, 'UNKNOWN_PROBLEM'],
      // A Run is reported on a sample only: a hidden test's index is refused.
      [{ problem: SLUG, code: 'x', testIndex: 10, message: 'hidden' }, 400, 'BAD_REQUEST'],
      [{ problem: SLUG, code: 'x', message: 'which test?' }, 400, 'BAD_REQUEST'],
      [{ problem: SLUG, testIndex: 0, message: 'no code' }, 400, 'BAD_REQUEST'],
    ];
    for (const [body, status, code] of cases) {
      const r = await alice.request('POST', '/api/reports', body);
      expect([r.status, r.json.code], JSON.stringify(body).slice(0, 80)).toEqual([status, code]);
    }
    const big = await alice.request('POST', '/api/reports', {
      problem: SLUG,
      code: 'x'.repeat(s.app.services.config.MAX_CODE_BYTES + 1),
      testIndex: 0,
      message: 'huge',
    });
    expect([big.status, big.json.code]).toEqual([413, 'CODE_TOO_LARGE']);
  });

  it('reports a sample of a Run (the code sent, the live version recorded); the replay compares its verdict', async () => {
    const carol = learner();
    const detail = (await carol.request('GET', `/api/problems/${SLUG}`)).json;
    const sample = detail.samples[1];
    const r = await carol.request('POST', '/api/reports', {
      problem: SLUG,
      code: WRONG,
      testIndex: sample.index,
      verdict: 'AC',
      message: 'the browser said AC, is that right?',
    });
    expect(r.status, r.text).toBe(201);
    const ina = await signIn('ina');
    const d = (await ina.request('GET', `/api/authoring/reports/${r.json.id}`)).json;
    expect(d).toMatchObject({
      source: 'run',
      submissionId: null,
      problemVersion: detail.version,
      testIndex: sample.index,
      testGroup: 'sample',
      verdict: null,
      testVerdict: 'AC',
      seen: null,
      code: WRONG,
    });
    expect(d.test).toMatchObject({
      index: sample.index,
      group: 'sample',
      input: sample.input,
      expected: sample.expected,
    });
    const rp = (await ina.request('POST', `/api/authoring/reports/${r.json.id}/replay`, {})).json;
    expect(rp).toMatchObject({ versionSource: 'live', sameVerdict: null, differences: null, testIndex: sample.index });
    expect(rp.sameTestVerdict).toBe(rp.results[sample.index].verdict === 'AC');
  }, 400_000);

  it('says plainly when the reported version is gone, and replays on the current one', async () => {
    const ina = await signIn('ina');
    const dave = learner();
    const r = await dave.request('POST', '/api/reports', {
      problem: SLUG,
      code: WRONG,
      testIndex: 0,
      message: 'old version',
    });
    // As if the built-in problem had changed on disk since it was reported.
    await (s.store as SqlStore).db.query(`UPDATE test_reports SET problem_version = 'aaaaaaaaaaaa' WHERE id = $1`, [
      r.json.id,
    ]);
    expect((await ina.request('GET', `/api/authoring/reports/${r.json.id}`)).json.versionSource).toBe('gone');
    const rp = (await ina.request('POST', `/api/authoring/reports/${r.json.id}/replay`, {})).json;
    expect(rp.versionSource).toBe('gone');
    expect(rp.version).toBe(s.catalog.get(SLUG)!.problem.version);
    expect(rp.warning).toMatch(/version aaaaaaaaaaaa of sliding-window-mask is gone.*current version/);
  }, 400_000);

  it(`rate-limits reports per learner (${RATE} an hour here) with a stable 429`, async () => {
    // Browsers have their learner cookie from the page's first request.
    const withCookie = async () => {
      const c = learner();
      await c.request('GET', '/api/auth/me');
      return c;
    };
    const eve = await withCookie();
    const body = { problem: SLUG, code: WRONG, testIndex: 0, message: 'again' };
    for (let i = 0; i < RATE; i++) expect((await eve.request('POST', '/api/reports', body)).status).toBe(201);
    const over = await eve.request('POST', '/api/reports', body);
    expect(over.status).toBe(429);
    expect(over.json.code).toBe('RATE_LIMITED');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    // Per learner: another one still may.
    expect((await (await withCookie()).request('POST', '/api/reports', body)).status).toBe(201);
    // Without a cookie, every request is a new learner: those are counted by address.
    const cookieless = async () => {
      const r = await fetch(`${url}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return r.status;
    };
    const statuses: number[] = [];
    for (let i = 0; i <= RATE; i++) statuses.push(await cookieless());
    expect(statuses.at(-1)).toBe(429);
  });

  it('learners received nothing of a hidden test', () => {
    const scan = scanForHiddenTests(transcript.join('\n'), PROBLEMS, [SLUG]);
    expect(scan.checked).toBeGreaterThan(20);
    expect(scan.leaks).toEqual([]);
  });
});

describe('replay against an older version', () => {
  async function publish(ina: Client, version: 1 | 2): Promise<any> {
    const sent = await ina.request('POST', '/api/authoring/revisions', {
      slug: FIXTURE_SLUG,
      files: fixtureFiles(version),
    });
    expect(sent.status, sent.text).toBe(202);
    let rev: any;
    for (let i = 0; i < 1200; i++) {
      rev = (await ina.request('GET', `/api/authoring/revisions/${sent.json.id}`)).json;
      if (rev.status !== 'checking' && rev.status !== 'regrading') break;
      await new Promise((res) => setTimeout(res, 250));
    }
    expect(rev.status, JSON.stringify(rev.check)).toBe('ready');
    const live = await ina.request('POST', `/api/authoring/revisions/${rev.id}/publish`, {});
    expect(live.json.status).toBe('live');
    return rev;
  }

  it('a submission graded on v1 and reported, then re-graded by v2, replays on v1 with its verdict', async () => {
    const ina = await signIn('ina');
    const v1 = await publish(ina, 1);
    const frank = learner();
    // reduce() without an initial value: AC on v1, RE on v2 (which adds the empty array).
    const sub = await submitAndWait(frank, FIXTURE_SLUG, SUM_REDUCE);
    expect(sub).toMatchObject({ verdict: 'AC', problemVersion: v1.version });
    const r = await frank.request('POST', '/api/reports', {
      problem: FIXTURE_SLUG,
      submissionId: sub.id,
      message: 'AC, but does it handle an empty list?',
    });
    expect(r.status, r.text).toBe(201);

    const v2 = await publish(ina, 2);
    expect(v2.version).not.toBe(v1.version);
    const regraded = (await frank.request('GET', `/api/submissions/${sub.id}`)).json;
    expect(regraded).toMatchObject({ verdict: 'RE', problemVersion: v2.version });

    const d = (await ina.request('GET', `/api/authoring/reports/${r.json.id}`)).json;
    expect(d).toMatchObject({
      problemVersion: v1.version,
      verdict: 'AC',
      testIndex: null,
      test: null,
      versionSource: 'revision',
      currentVersion: v2.version,
    });
    const rp = (await ina.request('POST', `/api/authoring/reports/${r.json.id}/replay`, {})).json;
    expect(rp).toMatchObject({
      version: v1.version,
      versionSource: 'revision',
      warning: null,
      sameVerdict: true,
      differences: [],
    });
    expect(rp.summary.verdict).toBe('AC');
    expect(rp.results).toHaveLength(sub.results.length);

    // The author's own inbox: ina published this problem, so its report is hers; the reports on the repository's
    // problems (no author in the database) and other authors' problems are not. Otto published nothing.
    const ids = async (c: Client, query: string): Promise<string[]> => {
      const l = await c.request('GET', `/api/authoring/reports${query}`);
      expect(l.status, l.text).toBe(200);
      return l.json.map((x: any) => x.id);
    };
    const all = await ids(ina, '');
    expect(all.length).toBeGreaterThan(1);
    const mine = await ids(ina, '?mine=true');
    expect(mine).toEqual([r.json.id]);
    expect(await ids(ina, '?mine=false')).toEqual(all);
    const otto = await signIn('otto');
    expect(await ids(otto, '')).toEqual(all);
    expect(await ids(otto, '?mine=true')).toEqual([]);
    expect((await otto.request('GET', '/api/authoring/reports?mine=perhaps')).json.code).toBe('BAD_REQUEST');
  }, 900_000);
});
