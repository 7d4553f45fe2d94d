/**
 * A learner's progress (issue 15 §4) over real HTTP on 127.0.0.1: solved and attempted by difficulty and tag, the
 * best accepted submission's steps against the reference's, today's activity; an anonymous learner signs up and
 * keeps that history, a second device signs in and its anonymous history (submissions, drafts: the newer draft
 * wins) joins the account, and signing out leaves an empty anonymous record.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundSteps } from '../../harness/src/grade.ts';
import { startTestServer, type TestServer } from '../../server/src/test-support.ts';
import { scanForHiddenTests } from '../helpers/leak-scan.ts';
import { Client, ROOT } from '../helpers/server-process.ts';

const MASK = 'sliding-window-mask';
const SAMPLING = 'top-k-top-p-sampling';
const solution = (slug: string, folder: string, name: string) =>
  readFileSync(path.join(ROOT, 'problems', slug, 'solutions', folder, `${name}.ts`), 'utf8');

let s: TestServer;
let base = '';
beforeAll(async () => {
  s = await startTestServer({ GRADER_WORKERS: '1' });
  base = await s.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => s?.close());

async function submit(c: Client, problem: string, code: string): Promise<string> {
  const r = await c.request('POST', '/api/submissions', { problem, code });
  expect(r.status).toBe(202);
  await c.waitDone(r.json.id);
  return r.json.id;
}

const progress = async (c: Client) => {
  const r = await c.request('GET', '/api/progress?utcOffsetMinutes=60');
  expect(r.status).toBe(200);
  return r.json;
};

describe('progress', () => {
  const laptop = () => new Client(base);
  let device1: Client;
  let bestId = '';

  it('an anonymous learner sees solved and attempted, best steps against the reference, and today', async () => {
    device1 = laptop();
    expect((await progress(device1)).totals).toMatchObject({ solved: 0, attempted: 0, submissions: 0 });
    await submit(device1, MASK, solution(MASK, 'wrong_answer', 'empty_slot_not_minus_one'));
    bestId = await submit(device1, MASK, solution(MASK, 'accepted', 'reference'));
    await submit(device1, SAMPLING, solution(SAMPLING, 'wrong_answer', 'greedy_last_max'));
    expect((await device1.request('PUT', `/api/drafts/${SAMPLING}`, { code: '// laptop draft' })).status).toBe(200);

    const p = await progress(device1);
    expect(p.me).toEqual({ ownerKind: 'learner', user: null });
    const total = s.catalog.list().length;
    expect(p.totals).toEqual({ solved: 1, attempted: 2, total, submissions: 3 });
    expect(p.byDifficulty.find((d: any) => d.difficulty === 'easy')).toMatchObject({ solved: 1, attempted: 1 });
    expect(p.byDifficulty.find((d: any) => d.difficulty === 'medium')).toMatchObject({ solved: 0, attempted: 1 });
    expect(p.byDifficulty.reduce((n: number, d: any) => n + d.total, 0)).toBe(total);
    expect(p.byTag.find((t: any) => t.tag === 'ring-buffer')).toMatchObject({ solved: 1, attempted: 1 });
    expect(p.byTag.find((t: any) => t.tag === 'sampling')).toMatchObject({ solved: 0, attempted: 1 });

    const mask = p.problems.find((x: any) => x.slug === MASK);
    expect(mask).toMatchObject({ solved: true, attempted: true, submissions: 2, bestPassed: 72, total: 72 });
    // The reference itself costs exactly the reference's steps (steps are deterministic): ratio 1. Both count what a
    // submission's summary shows: samples exactly, hidden scale tests to two significant digits, no other hidden test.
    const refSteps = s.catalog
      .get(MASK)!
      .tests.reduce(
        (n, t) =>
          n +
          (t.group === 'sample'
            ? (t.referenceSteps ?? 0)
            : t.scaleN !== undefined
              ? roundSteps(t.referenceSteps ?? 0)
              : 0),
        0,
      );
    expect(mask.best).toEqual({ submissionId: bestId, steps: refSteps, referenceSteps: refSteps, ratio: 1 });
    const sampling = p.problems.find((x: any) => x.slug === SAMPLING);
    expect(sampling).toMatchObject({ solved: false, attempted: true, best: null });
    expect(sampling.bestPassed).toBeLessThan(sampling.total);

    // Activity: three submissions today (in the caller's time zone), a one-day streak.
    const today = new Date(Date.now() + 60 * 60_000).toISOString().slice(0, 10);
    expect(p.activity).toEqual([{ day: today, submissions: 3, accepted: 1 }]);
    expect(p.streak).toEqual({ current: 1, longest: 1, today });

    // Counts only: nothing of a hidden test is in the record.
    const raw = (await device1.request('GET', '/api/progress')).text;
    const scan = scanForHiddenTests(raw, path.join(ROOT, 'problems'), [MASK, SAMPLING]);
    expect(scan.checked).toBeGreaterThan(20);
    expect(scan.leaks).toEqual([]);
  });

  it('a more expensive accepted submission does not replace the best one', async () => {
    const slow = solution(MASK, 'accepted', 'reference').replace(
      /export function swaMask\([^)]*\)[^{]*\{/,
      // Enough extra work per call to show in the summary's shown steps (samples, and scale tests to 2 digits).
      (m) => `${m}\n  for (let k = 0; k < 20000; k++) Math.sqrt(k);`,
    );
    const id = await submit(device1, MASK, slow);
    const graded = (await device1.request('GET', `/api/submissions/${id}`)).json;
    expect(graded.verdict).toBe('AC');
    expect(graded.summary.steps).toBeGreaterThan(
      (await device1.request('GET', `/api/submissions/${bestId}`)).json.summary.steps,
    );
    const mask = (await progress(device1)).problems.find((x: any) => x.slug === MASK);
    expect(mask.submissions).toBe(3);
    expect(mask.best.submissionId).toBe(bestId);
  });

  it('signing up keeps the anonymous history; another device signing in brings its own', async () => {
    const signup = await device1.request('POST', '/api/auth/signup', {
      name: 'lea.learner',
      password: 'long-password',
    });
    expect(signup.status).toBe(201);
    expect(signup.json).toMatchObject({
      ownerKind: 'user',
      user: { name: 'lea.learner', role: 'learner' },
      merged: { submissions: 4, drafts: 1 },
    });
    let p = await progress(device1);
    expect(p.me.user.name).toBe('lea.learner');
    expect(p.totals).toMatchObject({ solved: 1, attempted: 2, submissions: 4 });
    expect((await device1.request('GET', `/api/drafts/${SAMPLING}`)).json.code).toBe('// laptop draft');

    // A phone practised anonymously (a newer draft of the same problem), then signs in.
    const phone = laptop();
    const bpe = readFileSync(
      path.join(ROOT, 'problems', 'bpe-tokenizer', 'solutions', 'accepted', 'reference.ts'),
      'utf8',
    );
    await submit(phone, 'bpe-tokenizer', bpe);
    expect((await phone.request('PUT', `/api/drafts/${SAMPLING}`, { code: '// phone draft' })).status).toBe(200);
    const login = await phone.request('POST', '/api/auth/login', { name: 'lea.learner', password: 'long-password' });
    expect(login.status).toBe(200);
    expect(login.json.merged).toEqual({ submissions: 1, drafts: 1 });
    for (const device of [device1, phone]) {
      p = await progress(device);
      expect(p.totals).toMatchObject({ solved: 2, attempted: 3, submissions: 5 });
      expect((await device.request('GET', `/api/drafts/${SAMPLING}`)).json.code).toBe('// phone draft');
    }
    // The history follows the account: the problem list's marks and the submissions list.
    const list = (await phone.request('GET', '/api/problems')).json;
    expect(list.find((x: any) => x.slug === MASK)).toMatchObject({ solved: true });
    expect((await phone.request('GET', '/api/submissions')).json).toHaveLength(5);

    // Signed out, the browser is an anonymous learner again, with nothing of the account's history.
    expect((await phone.request('POST', '/api/auth/logout')).status).toBe(204);
    p = await progress(phone);
    expect(p.me.user).toBeNull();
    expect(p.totals).toMatchObject({ solved: 0, attempted: 0, submissions: 0 });
  });

  it('refuses a taken name, a short password, and screens for learners', async () => {
    const c = laptop();
    const taken = await c.request('POST', '/api/auth/signup', { name: 'lea.learner', password: 'another-password' });
    expect(taken.status).toBe(409);
    expect(taken.json.code).toBe('NAME_TAKEN');
    expect((await c.request('POST', '/api/auth/signup', { name: 'lee', password: 'short' })).status).toBe(400);
    expect((await c.request('POST', '/api/auth/signup', { name: '<b>x</b>', password: 'long-password' })).status).toBe(
      400,
    );
    expect((await c.request('POST', '/api/auth/signup', { name: 'lee', password: 'long-password' })).status).toBe(201);
    const screen = await c.request('POST', '/api/screens', { problems: [MASK], durationMinutes: 10 });
    expect(screen.json.code).toBe('FORBIDDEN');
  });
});
