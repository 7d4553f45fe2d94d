/**
 * The replay lane of a screen (issue 15 §3): every code in the timeline — editor snapshots and submissions — graded
 * on the hidden suite, so the report shows per problem how many tests passed over time: when the samples first
 * passed, when the count rose, when it fell. Each distinct code is graded once (storage/replays.ts is the queue,
 * graded at low priority by grading/service.ts); submitted code is graded as a submission already and is not graded
 * again. Only counts and verdicts leave the server, as for hidden tests everywhere.
 */
import { createHash } from 'node:crypto';
import type { GradeSummary, LanePoint, ReplayGrade, ReplayLane, TestResult, Verdict } from '../contract.ts';
import { storedOutcome } from '../grading/service.ts';
import type { ReplayGradeRow, ReplayJobInput } from '../storage/replays.ts';
import type { ScreenEventRow, ScreenRow } from '../storage/screens.ts';
import type { SubmissionRow } from '../storage/types.ts';

export function codeHash(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

type TimelineEvent = Pick<ScreenEventRow, 'kind' | 'problem' | 'data'>;

/**
 * The distinct snapshot codes among `events` to grade for the replay lane: of the screen's problems, and no larger
 * than a submission may be (a larger one could not have been submitted either).
 */
export function replayJobsFrom(screen: ScreenRow, events: TimelineEvent[], maxCodeBytes: number): ReplayJobInput[] {
  const jobs = new Map<string, ReplayJobInput>();
  for (const e of events) {
    const code = e.data.code;
    if (e.kind !== 'snapshot' || !e.problem || typeof code !== 'string') continue;
    if (!screen.problems.includes(e.problem) || Buffer.byteLength(code, 'utf8') > maxCodeBytes) continue;
    const hash = codeHash(code);
    jobs.set(`${e.problem}\n${hash}`, { screenId: screen.id, problem: e.problem, codeHash: hash, code });
  }
  return [...jobs.values()];
}

/** The figures of one point: from a submission's own grading or from the replay lane's. */
interface Figures {
  status: LanePoint['status'];
  verdict: Verdict | null;
  passed: number | null;
  total: number | null;
  samplesPassed: number | null;
  samplesTotal: number | null;
}

const PENDING: Figures = {
  status: 'queued',
  verdict: null,
  passed: null,
  total: null,
  samplesPassed: null,
  samplesTotal: null,
};

function submissionFigures(row: SubmissionRow): Figures {
  const { verdict, summary, results } = storedOutcome(row);
  if (row.status !== 'done' || !summary) return { ...PENDING, status: row.status };
  const samples = results.filter((r) => r.group === 'sample');
  return {
    status: 'done',
    verdict,
    passed: summary.passed,
    total: summary.total,
    samplesPassed: samples.filter((r) => r.verdict === 'AC').length,
    samplesTotal: samples.length,
  };
}

function gradeFigures(g: ReplayGradeRow): Figures {
  if (g.status !== 'done') return { ...PENDING, status: g.status };
  return {
    status: 'done',
    verdict: g.verdict as Verdict | null,
    passed: g.passed,
    total: g.total,
    samplesPassed: g.samplesPassed,
    samplesTotal: g.samplesTotal,
  };
}

/** Marks each graded point against the graded point before it, and the first that passed every sample. */
export function markChanges(points: Array<Omit<LanePoint, 'change' | 'firstSamplesPass'>>): LanePoint[] {
  let previous: number | null = null;
  let samplesPassed = false;
  return points.map((p) => {
    if (p.status !== 'done' || p.passed === null) return { ...p, change: 'pending', firstSamplesPass: false };
    const change: LanePoint['change'] =
      previous === null ? 'first' : p.passed > previous ? 'rose' : p.passed < previous ? 'fell' : 'same';
    previous = p.passed;
    const allSamples = p.samplesTotal !== null && p.samplesTotal > 0 && p.samplesPassed === p.samplesTotal;
    const firstSamplesPass = allSamples && !samplesPassed;
    if (allSamples) samplesPassed = true;
    return { ...p, change, firstSamplesPass };
  });
}

/**
 * The lanes of a screen's report, one per problem: a point for every snapshot and submission in the timeline, in
 * order, with the figures of its code (pending until the low-priority lane has graded it).
 */
export function buildLanes(
  screen: ScreenRow,
  timeline: Array<TimelineEvent & { at: Date }>,
  submissions: SubmissionRow[],
  grades: ReplayGradeRow[],
  maxCodeBytes: number,
): ReplayLane[] {
  const start = screen.startedAt?.getTime() ?? timeline[0]?.at.getTime() ?? 0;
  const byId = new Map(submissions.map((s) => [s.id, s]));
  const gradeOf = new Map(grades.map((g) => [`${g.problem}\n${g.codeHash}`, g]));
  const raw = new Map<string, Array<Omit<LanePoint, 'change' | 'firstSamplesPass'>>>(
    screen.problems.map((p) => [p, []]),
  );
  timeline.forEach((e, event) => {
    if (!e.problem || !raw.has(e.problem)) return;
    let code: string | undefined;
    let figures: Figures | undefined;
    if (e.kind === 'snapshot' && typeof e.data.code === 'string') {
      code = e.data.code;
      // Larger than a submission may be: never graded (replayJobsFrom), so not a point either.
      if (Buffer.byteLength(code, 'utf8') > maxCodeBytes) return;
      const g = gradeOf.get(`${e.problem}\n${codeHash(code)}`);
      figures = g ? gradeFigures(g) : PENDING;
    } else if ((e.kind === 'submit' || e.kind === 'auto-submit') && typeof e.data.submissionId === 'string') {
      const row = byId.get(e.data.submissionId);
      if (!row) return;
      code = row.code;
      figures = submissionFigures(row);
    }
    if (code === undefined || !figures) return;
    raw.get(e.problem)!.push({
      event,
      at: e.at.toISOString(),
      offsetMs: Math.max(0, e.at.getTime() - start),
      kind: e.kind as LanePoint['kind'],
      codeHash: codeHash(code),
      ...figures,
    });
  });
  return screen.problems.map((problem) => {
    const points = markChanges(raw.get(problem)!);
    const graded = points.filter((p) => p.status === 'done' && p.passed !== null);
    return {
      problem,
      points,
      distinctCodes: new Set(points.map((p) => p.codeHash)).size,
      pending: points.length - graded.length,
      firstSamplesPassedMs: points.find((p) => p.firstSamplesPass)?.offsetMs ?? null,
      firstAcceptedMs: graded.find((p) => p.verdict === 'AC')?.offsetMs ?? null,
      bestPassed: graded.length ? Math.max(...graded.map((p) => p.passed!)) : null,
      total: graded.at(-1)?.total ?? null,
      regressions: points.filter((p) => p.change === 'fell').length,
    };
  });
}

/** The verdicts of each graded code, for the point a reader clicks (submissions carry their own results). */
export function replayGrades(grades: ReplayGradeRow[]): ReplayGrade[] {
  return grades.map((g) => ({
    problem: g.problem,
    codeHash: g.codeHash,
    status: g.status,
    verdict: g.verdict as Verdict | null,
    summary: (g.summary ?? null) as GradeSummary | null,
    results: g.results as TestResult[],
  }));
}
