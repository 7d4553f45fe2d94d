import { describe, expect, it } from 'vitest';
import type { ScreenReport } from './api.ts';
import { buildReplay, codeAt, codeStepAt, formatOffset, problemAt } from './replay.ts';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const at = (s: number): string => new Date(T0 + s * 1000).toISOString();

const report: ScreenReport = {
  screen: {
    id: 'scr123',
    problems: ['a', 'b'],
    durationMinutes: 30,
    extraMinutes: 0,
    candidateName: 'Ada',
    candidateEmail: null,
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
    { id: 's1', problem: 'a', submittedAt: at(100), auto: false, status: 'done', verdict: 'WA', summary: { verdict: 'WA', passed: 3, total: 30, steps: 1, maxMemoryBytes: 1, wallMs: 1, compileMs: 1, firstFailure: 3 }, results: [], code: 'a-v2' },
    { id: 's2', problem: 'b', submittedAt: at(1815), auto: true, status: 'done', verdict: 'AC', summary: null, results: [], code: 'b-final' },
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

describe('replay', () => {
  const { steps, durationMs } = buildReplay(report);

  it('has one step per event after the start, in time order, with labels in words', () => {
    expect(steps.map((s) => s.kind)).toEqual(['start', 'snapshot', 'paste', 'run', 'submit', 'blur', 'focus', 'snapshot', 'auto-submit']);
    expect(steps[2]!.label).toBe('Pasted 120 characters (7 lines)');
    expect(steps[3]!.label).toBe('Ran the samples: Wrong answer (1/2)');
    expect(steps[4]!.label).toMatch(/^Submitted: Wrong answer \(3\/30\)$/);
    expect(steps[8]!.label).toMatch(/^Graded automatically at the end/);
    expect(durationMs).toBe(1815_000);
  });

  it('shows each problem’s code as it stood at every step', () => {
    expect(codeAt(steps, 0, 'a')).toBeNull();
    expect(codeAt(steps, 1, 'a')).toBe('a-v1');
    expect(codeAt(steps, 3, 'a')).toBe('a-v1');
    expect(codeAt(steps, 4, 'a')).toBe('a-v2');
    expect(codeAt(steps, 8, 'a')).toBe('a-v2');
    expect(codeAt(steps, 6, 'b')).toBeNull();
    expect(codeAt(steps, 7, 'b')).toBe('b-v1');
    expect(codeAt(steps, 8, 'b')).toBe('b-final');
  });

  it('follows the problem the candidate was on', () => {
    expect(problemAt(steps, 0, 'a')).toBe('a');
    expect(problemAt(steps, 5, 'a')).toBe('a');
    expect(problemAt(steps, 7, 'a')).toBe('b');
  });

  it('finds the step that last set a problem’s code, and formats offsets', () => {
    expect(codeStepAt(steps, 6, 'a')).toBe(4);
    expect(codeStepAt(steps, 3, 'a')).toBe(1);
    expect(codeStepAt(steps, 6, 'b')).toBe(-1);
    expect(formatOffset(65_000)).toBe('1:05');
    expect(formatOffset(3_725_000)).toBe('1:02:05');
  });
});
