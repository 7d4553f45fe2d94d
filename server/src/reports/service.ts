/**
 * "Report this test" (issue 12 §3): a learner reports a test of a submission (or a sample of a Run in the browser);
 * the report keeps the problem version, the test, the code and the verdict as the learner saw them; the authors read
 * it in their inbox and replay it: the reported code graded against the reported version, on the grading pool, in
 * the line feedback waits in (one job at a time). Grading is deterministic, so the replay shows the same verdict
 * and steps the learner saw; where it does not, the differences are listed.
 *
 * The reporter learns nothing new: creating a report answers its id only, and a hidden test is named by its index.
 * The authors, who wrote the tests, see the reported test in full (input, expected) and every replayed test.
 */
import { randomBytes } from 'node:crypto';
import { tagForJson } from '../../../harness/src/codec.ts';
import type { EsbuildApi } from '../../../harness/src/compile/transpile.ts';
import { gradeToEnd, present, type GradableTest, type TestResult } from '../../../harness/src/grade.ts';
import { sha256 } from '../../../harness/src/problem/build.ts';
import type { Executor } from '../../../harness/src/sandbox/executor.ts';
import type {
  GradeSummary,
  ReportBody,
  ReportDetail,
  ReportedTest,
  ReportReplay,
  ReportSummary,
  ReportVersionSource,
  TestResult as ShownResult,
  Verdict,
} from '../contract.ts';
import { ApiError } from '../errors.ts';
import type { JobLine } from '../grading/job-line.ts';
import { storedOutcome, type Logger } from '../grading/service.ts';
import type { CatalogEntry, ProblemCatalog } from '../problems/catalog.ts';
import type { Publishing } from '../problems/publishing.ts';
import type { ReportRow, ReportStatus } from '../storage/reports.ts';
import type { Store } from '../storage/types.ts';

export interface ReportDeps {
  store: Store;
  catalog: ProblemCatalog;
  publishing: Pick<Publishing, 'atVersion'>;
  executor: Executor;
  esbuild: EsbuildApi;
  log: Logger;
  /** The line replays wait in, shared with feedback. */
  line: JobLine;
  /** MAX_CODE_BYTES: a Run's code (a submission's was checked when it was submitted). */
  maxCodeBytes: number;
}

/** Who reports: the caller's owner id, and their account name if they have one. */
export interface Reporter {
  ownerId: string;
  name: string | null;
}

export function newReportId(): string {
  return randomBytes(12).toString('base64url');
}

function summaryOf(r: ReportRow): ReportSummary {
  return {
    id: r.id,
    problem: r.problem,
    problemVersion: r.problemVersion,
    source: r.source,
    submissionId: r.submissionId,
    testIndex: r.testIndex,
    testGroup: r.testGroup,
    verdict: r.verdict as Verdict | null,
    testVerdict: r.testVerdict as Verdict | null,
    message: r.message,
    reporter: r.reporterName,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    resolvedBy: r.resolvedBy,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    reply: r.reply,
  };
}

/** A suite's test as its authors see it. */
function reportedTest(t: GradableTest, index: number): ReportedTest {
  return {
    index,
    group: t.group,
    id: t.id,
    name: t.name,
    input: tagForJson(t.input) as ReportedTest['input'],
    ...('expected' in t ? { expected: tagForJson(t.expected) } : {}),
    ...(t.expectedDigest ? { expectedDigest: t.expectedDigest } : {}),
    stepBudget: t.stepBudget,
    ...(t.purpose ? { purpose: t.purpose } : {}),
  };
}

export class ReportService {
  constructor(private readonly deps: ReportDeps) {}

  /**
   * Stores a learner's report; answers only its id (the reporter learns nothing new about hidden tests). `admit`
   * is called once the report is found valid, just before it is stored (the rate limit: a refused report reaches
   * no inbox, so it costs nothing).
   */
  async create(
    reporter: Reporter,
    body: ReportBody,
    admit: () => void = () => undefined,
  ): Promise<{ id: string; status: ReportStatus }> {
    const { store, catalog } = this.deps;
    const message = body.message.trim();
    if (!message) throw new ApiError('BAD_REQUEST', 'say what looks wrong (the message is empty)');
    const entry = catalog.forPractice(body.problem);
    if (!entry) throw new ApiError('UNKNOWN_PROBLEM', `no problem named "${body.problem}"`);
    const id = newReportId();
    const base = { id, problem: body.problem, message, ownerId: reporter.ownerId, reporterName: reporter.name };
    if (body.submissionId !== undefined) {
      if (body.code !== undefined || body.verdict !== undefined)
        throw new ApiError(
          'BAD_REQUEST',
          "a submission's code and verdict are taken from the submission: send neither",
        );
      const row = await store.getSubmission(body.submissionId);
      // Another owner's submission does not exist for this caller (as GET /api/submissions/:id says).
      if (!row || row.ownerId !== reporter.ownerId) throw new ApiError('NOT_FOUND', 'no such submission');
      if (row.problem !== body.problem)
        throw new ApiError('BAD_REQUEST', `that submission is of ${row.problem}, not ${body.problem}`);
      if (row.status !== 'done')
        throw new ApiError(
          'SUBMISSION_NOT_GRADED',
          'that submission is not graded yet: report it once it has a verdict',
        );
      // What the learner was shown (hidden tests redacted), kept as it is now: a re-grade later changes the
      // submission, not what was reported.
      const seen = storedOutcome(row);
      const test = body.testIndex === undefined ? null : seen.results.find((r) => r.index === body.testIndex);
      if (test === undefined) throw new ApiError('BAD_REQUEST', `that submission has no test ${body.testIndex! + 1}`);
      admit();
      await store.reports.create({
        ...base,
        problemVersion: row.problemVersion,
        source: 'submission',
        submissionId: row.id,
        testIndex: test?.index ?? null,
        testGroup: test?.group ?? null,
        verdict: row.verdict,
        testVerdict: test?.verdict ?? null,
        seen: { summary: seen.summary, results: seen.results },
        code: row.code,
      });
    } else {
      // A Run: graded in the browser on the samples of the live version.
      if (body.code === undefined) throw new ApiError('BAD_REQUEST', 'send the code that ran (or a submissionId)');
      if (Buffer.byteLength(body.code, 'utf8') > this.deps.maxCodeBytes)
        throw new ApiError('CODE_TOO_LARGE', `code is larger than ${this.deps.maxCodeBytes} bytes`);
      const index = body.testIndex;
      if (index === undefined || entry.tests[index]?.group !== 'sample')
        throw new ApiError('BAD_REQUEST', 'a Run is reported on one of its samples: send that sample’s testIndex');
      admit();
      await store.reports.create({
        ...base,
        problemVersion: entry.problem.version,
        source: 'run',
        submissionId: null,
        testIndex: index,
        testGroup: 'sample',
        verdict: null,
        testVerdict: body.verdict ?? null,
        seen: null,
        code: body.code,
      });
    }
    return { id, status: 'open' };
  }

  /** The inbox; with `author` (an account name), only reports on the problems that account published or revised. */
  async list(status: ReportStatus, limit: number, author?: string): Promise<ReportSummary[]> {
    return (await this.deps.store.reports.list(status, limit, author)).map(summaryOf);
  }

  private async row(id: string): Promise<ReportRow> {
    const row = await this.deps.store.reports.get(id);
    if (!row) throw new ApiError('NOT_FOUND', 'no such report');
    return row;
  }

  /** The reported version's problem, or the current one standing in when that version is gone. */
  private async problemOf(row: ReportRow): Promise<{ entry: CatalogEntry | null; source: ReportVersionSource }> {
    const found = row.problemVersion ? await this.deps.publishing.atVersion(row.problem, row.problemVersion) : null;
    if (found) return { entry: found.entry, source: found.from };
    return { entry: this.deps.catalog.get(row.problem) ?? null, source: 'gone' };
  }

  async detail(id: string): Promise<ReportDetail> {
    const row = await this.row(id);
    const { entry, source } = await this.problemOf(row);
    const t = row.testIndex === null ? undefined : entry?.tests[row.testIndex];
    return {
      ...summaryOf(row),
      code: row.code,
      versionSource: source,
      currentVersion: this.deps.catalog.get(row.problem)?.problem.version ?? null,
      test: t ? reportedTest(t, row.testIndex!) : null,
      seen: row.seen
        ? { summary: row.seen.summary as GradeSummary | null, results: row.seen.results as ShownResult[] }
        : null,
    };
  }

  async resolve(id: string, by: string, note: string | null): Promise<ReportSummary> {
    const reply = note?.trim() ? note.trim() : null;
    if (!(await this.deps.store.reports.resolve(id, by, reply))) {
      await this.row(id);
      throw new ApiError('REPORT_CLOSED', 'this report is resolved already');
    }
    return summaryOf(await this.row(id));
  }

  /**
   * Grades the reported code against the reported version (or the current one, flagged, when that version is
   * gone), exactly as a submission is graded (the same options; hidden tests shown in full for the authors), and
   * compares it with what the reporter saw.
   */
  async replay(id: string): Promise<ReportReplay> {
    const row = await this.row(id);
    const { entry, source } = await this.problemOf(row);
    if (!entry) throw new ApiError('UNKNOWN_PROBLEM', `the problem ${row.problem} is no longer served`);
    const { log } = this.deps;
    const graded = await this.deps.line.run(() =>
      gradeToEnd({
        source: row.code,
        problem: entry.problem,
        tests: entry.tests,
        esbuild: this.deps.esbuild,
        executor: this.deps.executor,
        reveal: 'all',
        digest: sha256,
        // As a submission is graded (grading/service.ts): the rest of the suite is not run after a limit.
        stopAfterLimit: true,
        onJudgeError: (message, context) =>
          log.error({ ...context, report: row.id }, `judge error replaying a report: ${message}`),
      }),
    );
    const byIndex = new Map(graded.results.map((r) => [r.index, r]));
    const reportedResult = row.testIndex === null ? undefined : byIndex.get(row.testIndex);
    return {
      report: row.id,
      version: entry.problem.version,
      versionSource: source,
      warning:
        source === 'gone'
          ? `version ${row.problemVersion ?? '(not recorded)'} of ${row.problem} is gone (a built-in problem changed ` +
            `on disk, or the submission predates versions): this replay used the current version ` +
            `${entry.problem.version}, so it may differ from what the learner saw`
          : null,
      summary: tagForJson(graded.summary) as GradeSummary,
      results: tagForJson(graded.results) as ShownResult[],
      testIndex: row.testIndex,
      sameVerdict: row.verdict === null ? null : graded.summary.verdict === row.verdict,
      sameTestVerdict: row.testVerdict === null || !reportedResult ? null : reportedResult.verdict === row.testVerdict,
      differences: row.seen
        ? differences(row.seen.results as ShownResult[], byIndex, entry.problem.limits.memoryBytes)
        : null,
    };
  }
}

/**
 * The tests whose verdict or steps, as the learner was shown them, the replay did not reproduce: each replayed
 * result is shown as the learner would see it (hidden tests redacted) and compared with what they saw.
 */
function differences(
  seen: ShownResult[],
  replayed: Map<number, TestResult>,
  memoryLimitBytes: number,
): ReportReplay['differences'] {
  const out: NonNullable<ReportReplay['differences']> = [];
  for (const s of seen) {
    const r = replayed.get(s.index);
    const shown = r ? present(r, 'samples', memoryLimitBytes) : undefined;
    if (shown && shown.verdict === s.verdict && shown.steps === s.steps) continue;
    out.push({
      index: s.index,
      seen: { verdict: s.verdict, ...(s.steps !== undefined ? { steps: s.steps } : {}) },
      replayed: shown
        ? { verdict: shown.verdict, ...(shown.steps !== undefined ? { steps: shown.steps } : {}) }
        : { verdict: 'JE' },
    });
  }
  return out;
}
