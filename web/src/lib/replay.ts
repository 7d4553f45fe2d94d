/**
 * The replay of a screen, derived from its report: one step per timeline event, in order, each with the code of its
 * problem as it stood at that moment (from editor snapshots and submissions). Pure, so it is tested on its own.
 */
import type { LanePoint, ScreenReport, TestResult, TimelineEventKind } from './api.ts';
import { verdictName } from './format.ts';
import { isVerdict } from '../../../harness/src/verdict.ts';

export type StepKind = 'start' | TimelineEventKind;

export interface ReplayStep {
  /** Milliseconds since the screen started (negative never: events before the start are clamped to 0). */
  offsetMs: number;
  at: string;
  kind: StepKind;
  problem: string | null;
  /** What happened, in words. */
  label: string;
  /**
   * Reported by the candidate's browser (snapshots, runs, pastes, focus changes): a client can forge these, unlike
   * what the server recorded itself (the start, submissions and their verdicts).
   */
  clientReported: boolean;
  /** The code of `problem` after this step, if this step carries it. */
  code?: string;
  /** The index of the timeline event this step shows (the start has none). */
  event?: number;
}

export interface Replay {
  steps: ReplayStep[];
  /**
   * The length of the scrubber: the screen's end, or the last event if that is later. While the screen still runs,
   * only the time so far: a report read a minute into an hour-long screen would otherwise crowd every point into
   * the first 2% of the track, one on top of the other.
   */
  durationMs: number;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function buildReplay(report: ScreenReport, now: number = Date.now()): Replay {
  const start = Date.parse(report.screen.startedAt ?? '') || Date.parse(report.timeline[0]?.at ?? '') || 0;
  const byId = new Map(report.submissions.map((s) => [s.id, s]));
  const steps: ReplayStep[] = [
    {
      offsetMs: 0,
      at: report.screen.startedAt ?? '',
      kind: 'start',
      problem: null,
      label: 'Screen started',
      clientReported: false,
    },
  ];
  report.timeline.forEach((e, event) => {
    const kind = e.kind;
    const step: ReplayStep = {
      offsetMs: Math.max(0, Date.parse(e.at) - start),
      at: e.at,
      kind,
      problem: e.problem,
      label: e.kind,
      clientReported: e.source === 'client',
      event,
    };
    const d = e.data;
    switch (kind) {
      case 'snapshot':
        step.code = str(d.code);
        step.label = 'Edited';
        break;
      case 'run': {
        const verdict = str(d.verdict);
        step.label = verdict
          ? `Ran the samples: ${isVerdict(verdict) ? verdictName(verdict) : verdict} (${num(d.passed) ?? 0}/${num(d.total) ?? 0})`
          : `Ran the samples${str(d.error) ? `: ${str(d.error)}` : ''}`;
        break;
      }
      case 'submit':
      case 'auto-submit': {
        const s = byId.get(str(d.submissionId) ?? '');
        step.code = s?.code;
        const how = kind === 'auto-submit' ? 'Graded automatically at the end' : 'Submitted';
        step.label = s
          ? `${how}: ${s.status === 'done' ? `${verdictName(s.verdict)}${s.summary ? ` (${s.summary.passed}/${s.summary.total})` : ''}` : s.status}`
          : how;
        break;
      }
      case 'paste':
        step.label = `Pasted ${num(d.chars) ?? '?'} characters (${num(d.lines) ?? '?'} lines)`;
        break;
      case 'blur':
        step.label = 'Left the page';
        break;
      case 'focus':
        step.label = 'Came back to the page';
        break;
    }
    steps.push(step);
  });
  steps.sort((a, b) => a.offsetMs - b.offsetMs);
  let ends = Date.parse(report.screen.endsAt ?? '');
  if (report.screen.phase === 'active' || report.screen.phase === 'grace') ends = Math.min(ends, now);
  const durationMs = Math.max(Number.isFinite(ends) ? ends - start : 0, steps.at(-1)?.offsetMs ?? 0, 1);
  return { steps, durationMs };
}

/** The problem whose code step `i` shows: its own, or the last one the candidate touched before it. */
export function problemAt(steps: ReplayStep[], i: number, fallback: string | null): string | null {
  for (let j = Math.min(i, steps.length - 1); j >= 0; j--) if (steps[j]!.problem) return steps[j]!.problem;
  return fallback;
}

/** The index of the step (at or before `i`) that set the code of `problem` last, or -1. */
export function codeStepAt(steps: ReplayStep[], i: number, problem: string | null): number {
  for (let j = Math.min(i, steps.length - 1); j >= 0; j--) {
    const s = steps[j]!;
    if (s.problem === problem && s.code !== undefined) return j;
  }
  return -1;
}

/** The code of `problem` as it stood at step `i`, or null when nothing was recorded yet. */
export function codeAt(steps: ReplayStep[], i: number, problem: string | null): string | null {
  const j = codeStepAt(steps, i, problem);
  return j >= 0 ? steps[j]!.code! : null;
}

/** What the replay lane knows of the code a step shows: its point and, once graded, each test's verdict. */
export interface StepGrade {
  point: LanePoint;
  results: TestResult[];
}

/** The lane point of timeline event `event` of `problem`, with the verdicts of its code, or null. */
export function gradeOfEvent(
  report: ScreenReport,
  problem: string | null,
  event: number | undefined,
): StepGrade | null {
  if (event === undefined || problem === null) return null;
  const point = report.lanes.find((l) => l.problem === problem)?.points.find((p) => p.event === event);
  if (!point) return null;
  const submissionId = report.timeline[event]?.data.submissionId;
  const results =
    point.kind === 'snapshot'
      ? (report.grades.find((g) => g.problem === problem && g.codeHash === point.codeHash)?.results ?? [])
      : (report.submissions.find((s) => s.id === submissionId)?.results ?? []);
  return { point, results };
}

export function formatOffset(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
