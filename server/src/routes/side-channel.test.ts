/**
 * Issue 14 §1: hidden tests must not carry exact steps or memory, whatever the route that shows a result: the
 * submission, its live events, the screen report and its export. Results stored before bands existed (exact
 * figures) are redacted on the way out too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password.ts';
import { screenOwner } from '../screens/service.ts';
import { cookieJar, REPO_ROOT, startTestServer, type TestServer } from '../test-support.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const SLUG = 'top-k-top-p-sampling';
const HIDDEN_KEYS = new Set(['index', 'group', 'verdict', 'cost', 'scaleN', 'steps']);

type Result = { index: number; group: string; steps?: number; memoryBytes?: number; scaleN?: number; cost?: unknown };
type Summary = {
  steps: number;
  maxMemoryBytes: number;
  hiddenCost?: unknown;
  growth?: { points: { steps: number }[] };
};

function expectRedacted(results: Result[], summary: Summary): void {
  const hidden = results.filter((r) => r.group === 'hidden');
  expect(hidden.length).toBeGreaterThan(0);
  for (const r of hidden) {
    for (const k of Object.keys(r)) expect(HIDDEN_KEYS.has(k), `hidden result field ${k}`).toBe(true);
    expect(r.memoryBytes).toBeUndefined();
    if (r.scaleN === undefined) expect(r.steps).toBeUndefined();
    else expect(Number(r.steps!.toPrecision(2))).toBe(r.steps);
  }
  // Totals over what is shown only.
  expect(summary.steps).toBe(results.reduce((t, r) => t + (r.steps ?? 0), 0));
  expect(summary.maxMemoryBytes).toBe(results.reduce((m, r) => Math.max(m, r.memoryBytes ?? 0), 0));
  for (const p of summary.growth?.points ?? []) expect(Number(p.steps.toPrecision(2))).toBe(p.steps);
}

function sseEvents(body: string): Array<{ type: string; data: any }> {
  return body
    .split('\n\n')
    .filter((b) => b.startsWith('event: '))
    .map((b) => {
      const [head, data] = b.split('\n');
      return { type: head!.slice('event: '.length), data: JSON.parse(data!.slice('data: '.length)) };
    });
}

describe('hidden test costs', () => {
  it('a graded submission shows hidden tests as bands, in its view and its events', async () => {
    const me = cookieJar();
    const code = readFileSync(path.join(REPO_ROOT, 'problems', SLUG, 'solutions', 'accepted', 'reference.ts'), 'utf8');
    const created = await s.app.inject({ method: 'POST', url: '/api/submissions', payload: { problem: SLUG, code } });
    me.take(created);
    const id = created.json().id as string;
    let view;
    for (let i = 0; i < 600; i++) {
      view = (await s.app.inject({ method: 'GET', url: `/api/submissions/${id}`, headers: me.header() })).json();
      if (view.status === 'done') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(view.verdict).toBe('AC');
    expectRedacted(view.results, view.summary);
    expect(view.summary.hiddenCost).toEqual({ steps: expect.any(String), memory: expect.any(String) });
    expect(view.results.filter((r: Result) => r.scaleN !== undefined).length).toBeGreaterThanOrEqual(2);
    expect(view.results.find((r: Result) => r.group === 'hidden' && r.scaleN === undefined).cost).toBeDefined();

    const sse = await s.app.inject({ method: 'GET', url: `/api/submissions/${id}/events`, headers: me.header() });
    const events = sseEvents(sse.body);
    const results = events.filter((e) => e.type === 'test-finished').map((e) => e.data.result);
    const done = events.find((e) => e.type === 'done')!.data.summary;
    expectRedacted(results, done);
    expect(results).toEqual(view.results);
  });

  it('results stored with exact hidden figures (before bands) are redacted in the view, the events and the report', async () => {
    await s.store.createUser({
      id: 'iv',
      name: 'ivan',
      role: 'interviewer',
      passwordHash: await hashPassword('pw-12345'),
    });
    const iv = cookieJar();
    iv.take(
      await s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { name: 'ivan', password: 'pw-12345' } }),
    );
    const created = await s.app.inject({
      method: 'POST',
      url: '/api/screens',
      payload: { problems: [SLUG], durationMinutes: 30 },
      headers: iv.header(),
    });
    const screenId = created.json().screen.id as string;
    // A legacy row, as the grader stored it before: exact steps (4·topK) and memory on hidden tests, totals over all.
    await s.grading.stop(1000);
    const id = 'legacy-row-0001';
    await s.store.createSubmission({ id, ownerId: screenOwner(screenId), problem: SLUG, code: '// legacy' });
    const claimed = await s.store.claimNext('legacy-grader');
    expect(claimed?.id).toBe(id);
    const results = [
      { index: 0, group: 'sample', verdict: 'AC', steps: 5, memoryBytes: 1000, name: 's' },
      { index: 1, group: 'hidden', verdict: 'AC', steps: 48, memoryBytes: 7_340_033 },
      { index: 2, group: 'hidden', verdict: 'AC', steps: 12_345, memoryBytes: 9_999_999, scaleN: 1000 },
      { index: 3, group: 'hidden', verdict: 'AC', steps: 24_691, memoryBytes: 9_999_998, scaleN: 2000 },
    ];
    const summary = {
      verdict: 'AC',
      passed: 4,
      total: 4,
      steps: 5 + 48 + 12_345 + 24_691,
      maxMemoryBytes: 9_999_999,
      wallMs: 1,
      compileMs: 1,
      firstFailure: null,
      growth: {
        points: [
          { n: 1000, steps: 12_345, referenceSteps: 10, capped: false },
          { n: 2000, steps: 24_691, referenceSteps: 20, capped: false },
        ],
        exponent: 1.0,
        referenceExponent: 1.0,
      },
    };
    expect(await s.store.finishSubmission(id, 'legacy-grader', { verdict: 'AC', summary, results })).toBe(true);

    const view = (
      await s.app.inject({ method: 'GET', url: `/api/screens/${screenId}/report`, headers: iv.header() })
    ).json().submissions[0];
    expectRedacted(view.results, view.summary);
    expect(view.results[1]).toEqual({ index: 1, group: 'hidden', verdict: 'AC' });
    expect(view.results[2]).toEqual({ index: 2, group: 'hidden', verdict: 'AC', scaleN: 1000, steps: 12_000 });
    expect(view.summary.steps).toBe(5 + 12_000 + 25_000);
    expect(view.summary.maxMemoryBytes).toBe(1000);
    const exported = await s.app.inject({
      method: 'GET',
      url: `/api/screens/${screenId}/report?download=1`,
      headers: iv.header(),
    });
    expect(exported.body).not.toMatch(/7340033|9999999|12345|24691/);
    const report = exported.json();
    expect(report.problems[0].steps).toBe(view.summary.steps);

    // The candidate's own routes read the same rows.
    const token = created.json().token as string;
    await s.app.inject({ method: 'POST', url: `/api/candidate/${token}/start` });
    const mine = await s.app.inject({ method: 'GET', url: `/api/candidate/${token}/submissions/${id}` });
    expect(mine.body).not.toMatch(/7340033|9999999|12345|24691/);
    const sse = await s.app.inject({ method: 'GET', url: `/api/candidate/${token}/submissions/${id}/events` });
    expect(sse.body).not.toMatch(/7340033|9999999|12345|24691/);
    expectRedacted(
      sseEvents(sse.body)
        .filter((e) => e.type === 'test-finished')
        .map((e) => e.data.result),
      sseEvents(sse.body).find((e) => e.type === 'done')!.data.summary,
    );
  });
});
