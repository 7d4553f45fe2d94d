/** A finished two-problem screen's report, for the replay's tests. */
import type { LanePoint, ScreenReport } from './api.ts';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const at = (s: number): string => new Date(T0 + s * 1000).toISOString();

/** A lane point of the code at timeline event `event`, `s` seconds in (graded with 3 samples of 30 tests, or not). */
function point(
  event: number,
  s: number,
  kind: LanePoint['kind'],
  codeHash: string,
  graded: { verdict: LanePoint['verdict']; passed: number; samplesPassed: number } | null,
  change: LanePoint['change'],
  firstSamplesPass = false,
): LanePoint {
  return {
    event,
    at: at(s),
    offsetMs: s * 1000,
    kind,
    codeHash,
    status: graded ? 'done' : 'queued',
    verdict: graded?.verdict ?? null,
    passed: graded?.passed ?? null,
    total: graded ? 30 : null,
    samplesPassed: graded?.samplesPassed ?? null,
    samplesTotal: graded ? 3 : null,
    change,
    firstSamplesPass,
  };
}

export const report: ScreenReport = {
  screen: {
    id: 'scr123',
    problems: ['a', 'b'],
    durationMinutes: 30,
    extraMinutes: 0,
    candidateName: 'Ada',
    candidateEmail: null,
    expectedOutputs: false,
    linkExpiresAt: at(86400),
    createdAt: at(-60),
    revokedAt: null,
    startedAt: at(0),
    endsAt: at(1800),
    phase: 'over',
    remainingMs: 0,
  },
  problems: [],
  lanes: [
    {
      problem: 'a',
      points: [
        point(0, 10, 'snapshot', 'h1', { verdict: 'WA', passed: 1, samplesPassed: 1 }, 'first'),
        point(3, 100, 'submit', 'h2', { verdict: 'WA', passed: 3, samplesPassed: 3 }, 'rose', true),
      ],
      distinctCodes: 2,
      pending: 0,
      firstSamplesPassedMs: 100_000,
      firstAcceptedMs: null,
      bestPassed: 3,
      total: 30,
      regressions: 0,
    },
    {
      problem: 'b',
      points: [
        point(6, 300, 'snapshot', 'h3', null, 'pending'),
        point(7, 1815, 'auto-submit', 'h4', { verdict: 'AC', passed: 30, samplesPassed: 3 }, 'first', true),
      ],
      distinctCodes: 2,
      pending: 1,
      firstSamplesPassedMs: 1_815_000,
      firstAcceptedMs: 1_815_000,
      bestPassed: 30,
      total: 30,
      regressions: 0,
    },
  ],
  grades: [
    {
      problem: 'a',
      codeHash: 'h1',
      status: 'done',
      verdict: 'WA',
      summary: null,
      results: [
        { index: 0, group: 'sample', verdict: 'AC', steps: 1, memoryBytes: 1 },
        { index: 1, group: 'sample', verdict: 'WA', steps: 1, memoryBytes: 1 },
        { index: 2, group: 'hidden', verdict: 'WA', steps: 1, memoryBytes: 1 },
      ],
    },
  ],
  submissions: [
    {
      id: 's1',
      problem: 'a',
      submittedAt: at(100),
      auto: false,
      status: 'done',
      verdict: 'WA',
      summary: {
        verdict: 'WA',
        passed: 3,
        total: 30,
        steps: 1,
        maxMemoryBytes: 1,
        wallMs: 1,
        compileMs: 1,
        firstFailure: 3,
      },
      results: [],
      code: 'a-v2',
    },
    {
      id: 's2',
      problem: 'b',
      submittedAt: at(1815),
      auto: true,
      status: 'done',
      verdict: 'AC',
      summary: null,
      results: [],
      code: 'b-final',
    },
  ],
  timeline: [
    { at: at(10), kind: 'snapshot', problem: 'a', data: { code: 'a-v1' }, source: 'client' },
    { at: at(20), kind: 'paste', problem: 'a', data: { chars: 120, lines: 7 }, source: 'client' },
    { at: at(40), kind: 'run', problem: 'a', data: { verdict: 'WA', passed: 1, total: 2 }, source: 'client' },
    { at: at(100), kind: 'submit', problem: 'a', data: { submissionId: 's1' }, source: 'server' },
    { at: at(200), kind: 'blur', problem: null, data: {}, source: 'client' },
    { at: at(260), kind: 'focus', problem: null, data: {}, source: 'client' },
    { at: at(300), kind: 'snapshot', problem: 'b', data: { code: 'b-v1' }, source: 'client' },
    { at: at(1815), kind: 'auto-submit', problem: 'b', data: { submissionId: 's2' }, source: 'server' },
  ],
};
