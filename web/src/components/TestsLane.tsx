/**
 * One problem's replay lane (issue 15 §3): the tests its code passed over time, each snapshot and submission
 * re-graded on the whole suite. A step line joins the graded points; a point is green where the count rose, red
 * where it fell, hollow while its code waits to be graded; a diamond marks the first code that passed every sample.
 * Clicking a point jumps the replay there.
 */
import type { LanePoint, ReplayLane } from '../lib/api.ts';
import { verdictName } from '../lib/format.ts';
import { formatOffset } from '../lib/replay.ts';

const CHANGE_LABEL: Record<LanePoint['change'], string> = {
  first: 'first graded code',
  rose: 'more tests pass',
  fell: 'fewer tests pass',
  same: 'no change',
  pending: 'being graded',
};

export function pointLabel(p: LanePoint): string {
  const what = p.kind === 'snapshot' ? 'Edit' : p.kind === 'submit' ? 'Submission' : 'Graded at the end';
  if (p.status !== 'done' || p.passed === null) return `${formatOffset(p.offsetMs)} ${what}: being graded`;
  const samples = p.samplesTotal ? `, samples ${p.samplesPassed}/${p.samplesTotal}` : '';
  const first = p.firstSamplesPass ? ', every sample passes for the first time' : '';
  return `${formatOffset(p.offsetMs)} ${what}: ${p.verdict ? verdictName(p.verdict) : ''} ${p.passed}/${p.total} tests${samples} (${CHANGE_LABEL[p.change]}${first})`;
}

/** Height of a point in the track: the share of tests passed (the bottom is none, the top all). */
const level = (p: LanePoint): number => (p.total ? (p.passed ?? 0) / p.total : 0);

export function TestsLane({
  lane,
  durationMs,
  currentEvent,
  onJump,
}: {
  lane: ReplayLane;
  durationMs: number;
  /** The timeline event the replay stands on, to ring its point. */
  currentEvent: number | undefined;
  onJump: (event: number) => void;
}) {
  const x = (p: LanePoint): number => (100 * p.offsetMs) / durationMs;
  const graded = lane.points.filter((p) => p.status === 'done' && p.passed !== null);
  // A step line: flat until the next graded point, then up or down to it.
  const path = graded
    .map((p, i) => {
      const y = 100 * (1 - level(p));
      return i === 0 ? `M ${x(p)} ${y}` : `H ${x(p)} V ${y}`;
    })
    .join(' ');
  return (
    <div className="lane tests-lane" data-problem={lane.problem}>
      <span className="lane-label" title={lane.problem}>
        Tests · {lane.problem}
      </span>
      <div className="lane-track tests-track">
        <svg viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
          <line x1="0" x2="100" y1="0" y2="0" className="full" />
          {path ? <path d={`${path} H 100`} /> : null}
        </svg>
        {lane.points.map((p) => (
          <button
            key={p.event}
            type="button"
            className={`lane-point pt-${p.change}${p.firstSamplesPass ? ' samples-pass' : ''}${p.event === currentEvent ? ' current' : ''}`}
            style={{ left: `${x(p)}%`, top: `${100 * (1 - level(p))}%` }}
            title={pointLabel(p)}
            aria-label={`Jump to ${pointLabel(p)}`}
            data-passed={p.passed ?? ''}
            onClick={() => onJump(p.event)}
          />
        ))}
      </div>
    </div>
  );
}

/** The lane in words: when the samples first passed, when every test did, regressions, what is still grading. */
export function LaneFacts({ lane }: { lane: ReplayLane }) {
  const facts = [
    lane.bestPassed !== null ? `best ${lane.bestPassed}/${lane.total} tests` : null,
    lane.firstSamplesPassedMs !== null ? `samples first passed at ${formatOffset(lane.firstSamplesPassedMs)}` : null,
    lane.firstAcceptedMs !== null ? `every test passed at ${formatOffset(lane.firstAcceptedMs)}` : null,
    lane.regressions ? `${lane.regressions} regression${lane.regressions > 1 ? 's' : ''}` : null,
    `${lane.distinctCodes} distinct version${lane.distinctCodes === 1 ? '' : 's'}`,
    lane.pending ? `${lane.pending} being graded` : null,
  ].filter(Boolean);
  return (
    <li data-problem={lane.problem}>
      <strong>{lane.problem}</strong>: {lane.points.length === 0 ? 'no code recorded' : facts.join(' · ')}
    </li>
  );
}
