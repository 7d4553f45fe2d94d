/**
 * The screen report's replay lane (issue 15 §3) over real HTTP on 127.0.0.1, with one grading worker: every distinct
 * code of the candidate's timeline is graded once on the hidden suite, at low priority (a live submission enqueued
 * after many replay codes is graded first, and one enqueued while they are being graded waits for at most the one
 * in progress), a code the candidate submitted is not graded again, grading left running by a dead grader is taken
 * again, and the report shows per problem the tests passed over time (samples first passed, rose, fell) with counts
 * and verdicts only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/password.ts';
import { startTestServer, type TestServer } from '../../server/src/test-support.ts';
import { Client, ROOT } from '../helpers/server-process.ts';
import { scanForHiddenTests } from '../helpers/leak-scan.ts';

const P = 'sliding-window-mask';
const solution = (folder: string, name: string) =>
  readFileSync(path.join(ROOT, 'problems', P, 'solutions', folder, `${name}.ts`), 'utf8');
const REFERENCE = solution('accepted', 'reference');
/** Grading of each, on the 72 tests: what the lane must show. */
const STARTER = readFileSync(path.join(ROOT, 'problems', P, 'starter.ts'), 'utf8'); // RE, but for the 6 tests that expect an error
const NO_CAUSAL_BAND = solution('wrong_answer', 'no_causal_band'); // WA 39/72
const EMPTY_SLOT = solution('wrong_answer', 'empty_slot_not_minus_one'); // WA 68/72, every sample passes
const W_PLUS_ONE = solution('wrong_answer', 'window_w_plus_one'); // WA 38/72

let s: TestServer;
let base = '';
const interviewer = () => new Client(base);

beforeAll(async () => {
  // Grading starts only when a test says so, so that the queue can be filled first.
  s = await startTestServer({ GRADER_WORKERS: '1' }, { grade: false });
  base = await s.app.listen({ port: 0, host: '127.0.0.1' });
  await s.store.createUser({
    id: 'i1',
    name: 'ivy',
    role: 'interviewer',
    passwordHash: await hashPassword('pw-12345'),
  });
});
afterAll(() => s?.close());

async function newStartedScreen(): Promise<{ id: string; token: string; boss: Client; cand: Client }> {
  const boss = interviewer();
  expect((await boss.request('POST', '/api/auth/login', { name: 'ivy', password: 'pw-12345' })).status).toBe(200);
  const created = await boss.request('POST', '/api/screens', { problems: [P], durationMinutes: 60 });
  expect(created.status).toBe(201);
  const cand = new Client(base);
  expect((await cand.request('POST', `/api/candidate/${created.json.token}/start`)).status).toBe(200);
  return { id: created.json.screen.id, token: created.json.token, boss, cand };
}

let seq = 0;
async function snapshots(cand: Client, token: string, codes: string[]): Promise<void> {
  const events = codes.map((code) => ({ seq: seq++, kind: 'snapshot', problem: P, data: { code } }));
  const r = await cand.request('POST', `/api/candidate/${token}/events`, { clientId: 'browser-one-x', events });
  expect(r.status).toBe(200);
}

async function reportWhenGraded(boss: Client, id: string, timeoutMs = 240_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await boss.request('GET', `/api/screens/${id}/report`);
    expect(r.status).toBe(200);
    if (r.json.lanes.every((l: any) => l.pending === 0) && r.json.submissions.every((x: any) => x.status === 'done'))
      return { ...r.json, raw: r.text };
    if (Date.now() > deadline) throw new Error(`lane not graded: ${JSON.stringify(r.json.lanes)}`);
    await new Promise((res) => setTimeout(res, 250));
  }
}

describe('the replay lane', () => {
  it('grades every distinct code once, after live work, and shows tests passed over time', async () => {
    const { id, token, boss, cand } = await newStartedScreen();
    const many = Array.from({ length: 8 }, (_, i) => `${REFERENCE}\n// variant ${i}`);
    // The story: nothing works, a partial solution, every sample passes, a regression, accepted, a step back.
    await snapshots(cand, token, [STARTER, NO_CAUSAL_BAND, EMPTY_SLOT, W_PLUS_ONE, REFERENCE, EMPTY_SLOT, ...many]);
    // A resend of the same events changes nothing.
    seq -= 14;
    await snapshots(cand, token, [STARTER, NO_CAUSAL_BAND, EMPTY_SLOT, W_PLUS_ONE, REFERENCE, EMPTY_SLOT, ...many]);
    const live = await cand.request('POST', `/api/candidate/${token}/submissions`, {
      problem: P,
      code: `${REFERENCE}\n// submitted`,
    });
    expect(live.status).toBe(202);
    // The candidate's editor snapshots the submitted code too: it was graded as a submission, not again.
    await snapshots(cand, token, [`${REFERENCE}\n// submitted`]);
    expect(await s.store.replays.countQueued()).toBe(14);

    await s.grading.selfTest();
    await s.grading.start();
    const report = await reportWhenGraded(boss, id);

    // Low priority: the live submission, queued after 13 replay codes, was graded before any of them.
    const liveRow = (await s.store.getSubmission(live.json.id))!;
    const grades = await s.store.replays.forScreen(id);
    expect(grades).toHaveLength(14);
    for (const g of grades) expect(g.finishedAt!.getTime()).toBeGreaterThanOrEqual(liveRow.finishedAt!.getTime());

    const lane = report.lanes[0];
    expect(lane.problem).toBe(P);
    // 15 snapshots and one submission; 14 distinct codes (EMPTY_SLOT twice, the submitted code twice).
    expect(lane.points).toHaveLength(16);
    expect(lane.distinctCodes).toBe(14);
    const story = lane.points.slice(0, 6).map((p: any) => [p.verdict, p.passed, p.change]);
    expect(story).toEqual([
      ['RE', 6, 'first'],
      ['WA', 39, 'rose'],
      ['WA', 68, 'rose'],
      ['WA', 38, 'fell'],
      ['AC', 72, 'rose'],
      ['WA', 68, 'fell'],
    ]);
    expect(lane.points[2]).toMatchObject({ samplesPassed: 4, samplesTotal: 4, firstSamplesPass: true });
    expect(lane.points.filter((p: any) => p.firstSamplesPass)).toHaveLength(1);
    expect(lane.firstSamplesPassedMs).toBe(lane.points[2].offsetMs);
    expect(lane.firstAcceptedMs).toBe(lane.points[4].offsetMs);
    expect(lane).toMatchObject({ bestPassed: 72, total: 72, regressions: 2, pending: 0 });
    // Points name the timeline event they come from, so the replay can jump there.
    for (const p of lane.points) expect(['snapshot', 'submit']).toContain(report.timeline[p.event].kind);

    // The submitted code's figures were copied from its submission, not graded again (a new grading would have
    // its own wall-clock times).
    const submitted = report.grades.find((g: any) => g.codeHash === lane.points.at(-1).codeHash);
    expect(submitted.summary).toEqual(report.submissions[0].summary);

    // Counts and verdicts only: a grade's results hold index, group, verdict, steps and memory, and nothing of a
    // hidden test's input or expected output is anywhere in the report.
    for (const g of report.grades)
      for (const r of g.results)
        for (const key of Object.keys(r))
          expect(['index', 'group', 'verdict', 'steps', 'memoryBytes', 'scaleN']).toContain(key);
    const scan = scanForHiddenTests(report.raw, path.join(ROOT, 'problems'), [P]);
    expect(scan.checked).toBeGreaterThan(20);
    expect(scan.leaks).toEqual([]);
  });

  it('a live submission enqueued while the lane is busy waits for at most the one replay in progress', async () => {
    const { id, token, boss, cand } = await newStartedScreen();
    await snapshots(
      cand,
      token,
      Array.from({ length: 10 }, (_, i) => `${REFERENCE}\n// later ${i}`),
    );
    // Let the lane get going, then submit.
    for (let i = 0; i < 200 && (await s.store.replays.forScreen(id)).every((g) => g.status !== 'done'); i++)
      await new Promise((r) => setTimeout(r, 25));
    const live = await cand.request('POST', `/api/candidate/${token}/submissions`, { problem: P, code: EMPTY_SLOT });
    expect(live.status).toBe(202);
    await reportWhenGraded(boss, id);
    const row = (await s.store.getSubmission(live.json.id))!;
    const between = (await s.store.replays.forScreen(id)).filter(
      (g) => g.finishedAt! > row.createdAt && g.finishedAt! < row.finishedAt!,
    );
    expect(between.length).toBeLessThanOrEqual(1);
  });

  it('a replay grading left running by a grader that died is graded again on restart', async () => {
    const { id, token, boss, cand } = await newStartedScreen();
    // Stop the grader, then leave one code claimed and running, as a process killed mid-grading leaves it.
    await s.grading.stop(5000);
    await snapshots(cand, token, [NO_CAUSAL_BAND, W_PLUS_ONE]);
    const claimed = await s.store.replays.claimNext('test-grader');
    expect(claimed?.code).toBe(NO_CAUSAL_BAND);
    // The same grader id starts again (server.ts keeps it in DATA_DIR): what it left running is taken again.
    const restarted = s.restartGrading();
    await restarted.start();
    const report = await reportWhenGraded(boss, id);
    expect(report.lanes[0].points.map((p: any) => p.passed)).toEqual([39, 38]);
    expect((await s.store.replays.forScreen(id)).every((g) => g.status === 'done')).toBe(true);
  });

  it('only interviewers read the lane; the candidate cannot', async () => {
    const { id, token, cand } = await newStartedScreen();
    expect((await cand.request('GET', `/api/screens/${id}/report`)).status).toBe(401);
    expect((await cand.request('GET', `/api/candidate/${token}/report`)).status).toBe(404);
  });
});
