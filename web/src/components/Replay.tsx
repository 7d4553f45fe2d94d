/**
 * A screen replayed: a scrubber over the timeline with, per problem, the tests each version of the code passed
 * (every snapshot re-graded on the whole suite: TestsLane), marks for runs, submissions, pastes and focus changes,
 * and the code of the problem the candidate was on, as it stood at that moment, with that version's verdicts. Code
 * is shown as text, never as HTML.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ScreenReport, TestResult } from '../lib/api.ts';
import { verdictName } from '../lib/format.ts';
import {
  buildReplay,
  codeAt,
  codeStepAt,
  formatOffset,
  gradeOfEvent,
  problemAt,
  type StepGrade,
  type StepKind,
} from '../lib/replay.ts';
import { LaneFacts, TestsLane } from './TestsLane.tsx';
import { VerdictBadge } from './VerdictBadge.tsx';

/** Said of every mark the candidate's browser reported (issue 14 §4): the interviewer weighs it accordingly. */
const CLIENT_REPORTED = "reported by the candidate's browser, not verified by the server";

/** One lane per kind of mark, so marks at the same moment never hide one another. */
const LANES: Array<{ label: string; kinds: StepKind[] }> = [
  { label: 'Runs', kinds: ['run'] },
  { label: 'Submissions', kinds: ['submit', 'auto-submit'] },
  { label: 'Pastes', kinds: ['paste'] },
  { label: 'Focus', kinds: ['blur', 'focus'] },
];

/** Lines of `code` that are new compared with `before` (a line-set difference: cheap, and enough to guide the eye). */
function changedLines(code: string, before: string | null): Set<number> {
  if (before === null) return new Set();
  const old = new Map<string, number>();
  for (const l of before.split('\n')) old.set(l, (old.get(l) ?? 0) + 1);
  const changed = new Set<number>();
  code.split('\n').forEach((l, i) => {
    const n = old.get(l) ?? 0;
    if (n > 0) old.set(l, n - 1);
    else changed.add(i);
  });
  return changed;
}

/** Each test's verdict as a small cell (hidden tests show nothing else anywhere). */
function TestCells({ results }: { results: TestResult[] }) {
  if (results.length === 0) return null;
  return (
    <ol className="test-cells" aria-label="Verdict of each test">
      {results.map((r) => (
        <li
          key={r.index}
          className={`test-cell v-${r.verdict} g-${r.group}`}
          title={`${r.group === 'sample' ? 'Sample' : 'Hidden'} test ${r.index + 1}: ${verdictName(r.verdict)}`}
        />
      ))}
    </ol>
  );
}

/** The verdict of the version of the code the replay shows. */
function VersionVerdict({ grade }: { grade: StepGrade | null }) {
  if (!grade) return null;
  const p = grade.point;
  return (
    <div className="replay-verdict" data-testid="replay-verdict">
      {p.status !== 'done' || p.passed === null ? (
        <span className="muted">This version is being graded on the whole suite…</span>
      ) : (
        <>
          <span>
            This version on the whole suite: <VerdictBadge verdict={p.verdict} /> {verdictName(p.verdict)} ·{' '}
            <strong>
              {p.passed}/{p.total}
            </strong>{' '}
            tests
            {p.samplesTotal ? ` · samples ${p.samplesPassed}/${p.samplesTotal}` : ''}
          </span>
          <TestCells results={grade.results} />
        </>
      )}
    </div>
  );
}

export function Replay({ report }: { report: ScreenReport }) {
  const { steps, durationMs } = useMemo(() => buildReplay(report), [report]);
  const [i, setI] = useState(steps.length - 1);
  const [playing, setPlaying] = useState(false);
  const [pinned, setPinned] = useState<string | null>(null);

  useEffect(() => setI(steps.length - 1), [steps]);
  // Playing: one step every 600 ms, stopping at the last one.
  useEffect(() => {
    if (!playing) return;
    if (i >= steps.length - 1) {
      setPlaying(false);
      return;
    }
    const t = setTimeout(() => setI(i + 1), 600);
    return () => clearTimeout(t);
  }, [playing, i, steps.length]);

  const step = steps[i] ?? steps[0]!;
  const problem = pinned ?? problemAt(steps, i, report.screen.problems[0] ?? null);
  const k = codeStepAt(steps, i, problem);
  const code = k >= 0 ? steps[k]!.code! : null;
  // Highlight what the step that set this code changed, compared with the code before it.
  const changed = code === null || k === 0 ? new Set<number>() : changedLines(code, codeAt(steps, k - 1, problem));
  const grade = k >= 0 ? gradeOfEvent(report, problem, steps[k]!.event) : null;
  const jumpToEvent = (event: number): void => {
    const j = steps.findIndex((x) => x.event === event);
    if (j >= 0) {
      setPlaying(false);
      setI(j);
    }
  };

  return (
    <section className="replay" aria-labelledby="replay-title">
      <div className="replay-head">
        <h2 id="replay-title">Replay</h2>
        <label className="filter-label">
          Problem{' '}
          <select
            value={pinned ?? ''}
            onChange={(e) => setPinned(e.target.value || null)}
            aria-label="Problem shown in the replay"
          >
            <option value="">Follow the candidate</option>
            {report.screen.problems.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted small">
        Edits, runs, pastes and focus changes are reported by the candidate&apos;s browser, which could forge them;
        submissions and their verdicts are recorded by the server.
      </p>
      <div className="scrubber">
        <div className="lanes">
          {report.lanes.map((lane) => (
            <TestsLane
              key={lane.problem}
              lane={lane}
              durationMs={durationMs}
              currentEvent={grade?.point.event}
              onJump={jumpToEvent}
            />
          ))}
          {LANES.map((lane) => (
            <div className="lane" key={lane.label}>
              <span className="lane-label">{lane.label}</span>
              <div className="lane-track">
                {steps.map((s, j) =>
                  lane.kinds.includes(s.kind) ? (
                    <button
                      key={j}
                      type="button"
                      className={`mark-dot k-${s.kind} ${j === i ? 'current' : ''}`}
                      style={{ left: `${(100 * s.offsetMs) / durationMs}%` }}
                      title={`${formatOffset(s.offsetMs)} ${s.label}${s.clientReported ? ` (${CLIENT_REPORTED})` : ''}`}
                      aria-label={`Jump to ${formatOffset(s.offsetMs)}: ${s.label}${s.clientReported ? ' (reported by the browser)' : ''}`}
                      onClick={() => (setPlaying(false), setI(j))}
                    />
                  ) : null,
                )}
              </div>
            </div>
          ))}
          <div className="lane">
            <button
              type="button"
              className="btn small lane-label"
              onClick={() => (i >= steps.length - 1 ? (setI(0), setPlaying(true)) : setPlaying((p) => !p))}
              aria-label={playing ? 'Pause the replay' : 'Play the replay'}
            >
              {playing ? '❚❚ Pause' : '▶ Play'}
            </button>
            <input
              type="range"
              min={0}
              max={Math.max(0, steps.length - 1)}
              value={i}
              onChange={(e) => (setPlaying(false), setI(Number(e.target.value)))}
              aria-label="Replay position"
              aria-valuetext={`${formatOffset(step.offsetMs)}: ${step.label}`}
            />
          </div>
        </div>
        <span className="scrub-time" aria-live="polite">
          {formatOffset(step.offsetMs)} / {formatOffset(durationMs)}
        </span>
      </div>
      {report.lanes.length > 0 ? (
        <ul className="lane-facts muted small" aria-label="Tests passed over time, per problem">
          {report.lanes.map((lane) => (
            <LaneFacts key={lane.problem} lane={lane} />
          ))}
        </ul>
      ) : null}
      <p className="replay-step">
        <span className={`mark-dot k-${step.kind}`} aria-hidden="true" /> <strong>{step.label}</strong>
        {step.clientReported ? (
          <span className="tag static" title={CLIENT_REPORTED} data-testid="client-reported">
            reported by the browser
          </span>
        ) : null}
        {step.problem ? <span className="muted"> · {step.problem}</span> : null}
        <span className="muted small">
          {' '}
          · step {i + 1} of {steps.length}
        </span>
      </p>
      <VersionVerdict grade={grade} />
      <div
        className="replay-code"
        aria-label={`Code of ${problem ?? 'the problem'} at ${formatOffset(step.offsetMs)}`}
        data-testid="replay-code"
      >
        {code === null ? (
          <p className="muted">No code recorded for {problem ?? 'this problem'} yet at this point.</p>
        ) : (
          <pre>
            {code.split('\n').map((line, n) => (
              <div key={n} className={changed.has(n) ? 'line changed' : 'line'}>
                <span className="ln" aria-hidden="true">
                  {n + 1}
                </span>
                {line || ' '}
              </div>
            ))}
          </pre>
        )}
      </div>
    </section>
  );
}
