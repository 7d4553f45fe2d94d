import { describe, expect, it } from 'vitest';
import { report } from './replay.fixture.ts';
import { buildReplay, codeAt, codeStepAt, formatOffset, problemAt } from './replay.ts';

describe('replay', () => {
  const { steps, durationMs } = buildReplay(report);

  it('has one step per event after the start, in time order, with labels in words', () => {
    expect(steps.map((s) => s.kind)).toEqual([
      'start',
      'snapshot',
      'paste',
      'run',
      'submit',
      'blur',
      'focus',
      'snapshot',
      'auto-submit',
    ]);
    expect(steps[2]!.label).toBe('Pasted 120 characters (7 lines)');
    expect(steps[3]!.label).toBe('Ran the samples: Wrong answer (1/2)');
    expect(steps[4]!.label).toMatch(/^Submitted: Wrong answer \(3\/30\)$/);
    expect(steps[8]!.label).toMatch(/^Graded automatically at the end/);
    expect(durationMs).toBe(1815_000);
  });

  it('spans the time so far while the screen still runs, then the whole screen', () => {
    const start = Date.parse(report.screen.startedAt!);
    const running = { ...report, screen: { ...report.screen, phase: 'active' as const } };
    // A report read 40 minutes in (the last event is at 30:15): up to the last event, not the hour.
    const long = { ...running, screen: { ...running.screen, endsAt: new Date(start + 3600_000).toISOString() } };
    expect(buildReplay(long, start + 2400_000).durationMs).toBe(2400_000);
    expect(buildReplay(long, start + 60_000).durationMs).toBe(1815_000);
    expect(buildReplay({ ...long, screen: { ...long.screen, phase: 'over' } }, start).durationMs).toBe(3600_000);
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
