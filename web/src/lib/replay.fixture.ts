/** A finished two-problem screen's report, for the replay's tests. */
import type { ScreenReport } from './api.ts';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const at = (s: number): string => new Date(T0 + s * 1000).toISOString();

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
    { at: at(10), kind: 'snapshot', problem: 'a', data: { code: 'a-v1' } },
    { at: at(20), kind: 'paste', problem: 'a', data: { chars: 120, lines: 7 } },
    { at: at(40), kind: 'run', problem: 'a', data: { verdict: 'WA', passed: 1, total: 2 } },
    { at: at(100), kind: 'submit', problem: 'a', data: { submissionId: 's1' } },
    { at: at(200), kind: 'blur', problem: null, data: {} },
    { at: at(260), kind: 'focus', problem: null, data: {} },
    { at: at(300), kind: 'snapshot', problem: 'b', data: { code: 'b-v1' } },
    { at: at(1815), kind: 'auto-submit', problem: 'b', data: { submissionId: 's2' } },
  ],
};
