/**
 * The candidate's side of a timed screen, reached through the link's token: an intro (problems, duration, rules),
 * Start, then the screen's problems with Run and Submit as usual under a countdown that is the server's. When time
 * is up the editor turns read-only (the server grades each problem's last draft). Editor activity goes to the
 * screen's timeline through a queue that survives a dropped network.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, screenWorkspace, type CandidateScreen } from '../lib/api.ts';
import { formatOffset } from '../lib/replay.ts';
import { TimelineQueue } from '../lib/timeline.ts';
import { ProblemPage, type EditorActivity } from './ProblemPage.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { errorText } from '../lib/format.ts';

/** Snapshots of changed code are taken at most this often (the timeline's resolution for the replay). */
const SNAPSHOT_MS = 4000;
const FLUSH_MS = 3000;
/** How often the countdown is checked against the server (it also picks up extra time given meanwhile). */
const RESYNC_MS = 30_000;

const GONE: Record<string, { title: string; text: string }> = {
  SCREEN_NOT_FOUND: {
    title: 'This link is not valid',
    text: 'Check that you opened the whole link from your invitation, or ask your interviewer for a new one.',
  },
  SCREEN_REVOKED: {
    title: 'This screen was cancelled',
    text: 'Your interviewer cancelled this screen. Please contact them if you think this is a mistake.',
  },
  SCREEN_LINK_EXPIRED: {
    title: 'This link has expired',
    text: 'The screen was not started before its link expired. Ask your interviewer for a new link.',
  },
  // After the end and its grace period the link stops working (the server answers 410); the results are the
  // interviewer's.
  SCREEN_OVER: {
    title: 'This screen is over',
    text: 'Thank you. The last version of each problem was graded, and your interviewer has the results.',
  },
};

/** The server's remaining time, carried forward with the browser's monotonic clock (never its wall clock). */
interface Clock {
  remainingMs: number;
  measuredAt: number;
}

function remaining(clock: Clock | null, now = performance.now()): number | null {
  return clock ? Math.max(0, clock.remainingMs - (now - clock.measuredAt)) : null;
}

function useTick(active: boolean): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setTick((x) => x + 1), 500);
    return () => clearInterval(t);
  }, [active]);
}

function Intro({
  screen,
  onStart,
  starting,
  error,
}: {
  screen: CandidateScreen;
  onStart: () => void;
  starting: boolean;
  error: string | null;
}) {
  return (
    <main className="center-page intro" id="main">
      <h1>{screen.candidateName ? `Welcome, ${screen.candidateName}` : 'Welcome to your coding screen'}</h1>
      <p>
        You have <strong>{screen.durationMinutes === 1 ? '1 minute' : `${screen.durationMinutes} minutes`}</strong> for{' '}
        {screen.problems.length === 1 ? 'this problem' : `these ${screen.problems.length} problems`}:
      </p>
      {/* The server names the problems only once the clock runs: here, their number and difficulty. */}
      <ol className="intro-problems">
        {screen.problems.map((p, i) => (
          <li key={i}>
            {p.title ?? `Problem ${i + 1}`} <span className={`difficulty d-${p.difficulty}`}>{p.difficulty}</span>
          </li>
        ))}
      </ol>
      <h2>Rules</h2>
      <ul>
        {screen.rules.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <ErrorBox>{error}</ErrorBox>
      <button type="button" className="btn primary big" onClick={onStart} disabled={starting}>
        {starting ? 'Starting…' : 'Start the screen'}
      </button>
    </main>
  );
}

export function CandidatePage({ token }: { token: string }) {
  const [screen, setScreen] = useState<CandidateScreen | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [clock, setClock] = useState<Clock | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const expectedOutputs = screen?.expectedOutputs ?? false;
  const workspace = useMemo(() => screenWorkspace(token, { expectedOutputs }), [token, expectedOutputs]);
  const timeline = useMemo(
    () => new TimelineQueue(token, (clientId, events) => api.candidate.sendEvents(token, clientId, events)),
    [token],
  );

  const sync = useCallback(async () => {
    try {
      const s = await api.candidate.screen(token);
      setScreen(s);
      setError(null);
      setClock(s.remainingMs === null ? null : { remainingMs: s.remainingMs, measuredAt: performance.now() });
      setCurrent((c) => c ?? s.problems[0]?.slug ?? null);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'ERROR', errorText(e)));
    }
  }, [token]);

  useEffect(() => {
    document.title = 'Coding screen · ML-infra judge';
    void sync();
  }, [sync]);

  const started = screen !== null && screen.phase !== 'not-started';
  const left = remaining(clock);
  const timeUp = started && (screen.phase === 'over' || left === 0);
  useTick(started && !timeUp);

  // Check the countdown against the server now and then, and as soon as it reaches zero.
  useEffect(() => {
    if (!started) return;
    const t = setInterval(() => void sync(), RESYNC_MS);
    return () => clearInterval(t);
  }, [started, sync]);
  useEffect(() => {
    if (timeUp && screen?.phase !== 'over') {
      const t = setTimeout(() => void sync(), 1500);
      return () => clearTimeout(t);
    }
  }, [timeUp, screen?.phase, sync]);

  const start = async (): Promise<void> => {
    setStarting(true);
    setStartError(null);
    try {
      await api.candidate.start(token);
      await sync();
    } catch (e) {
      setStartError(errorText(e));
    } finally {
      setStarting(false);
    }
  };

  // ---- the timeline ----------------------------------------------------------------------------------------------

  const latestCode = useRef(new Map<string, string>());
  const dirty = useRef(new Set<string>());
  const currentRef = useRef(current);
  currentRef.current = current;

  const snapshot = useCallback(() => {
    for (const p of dirty.current) timeline.push('snapshot', p, { code: latestCode.current.get(p) ?? '' });
    dirty.current.clear();
  }, [timeline]);

  useEffect(() => {
    if (!started) return;
    const flush = (): void => void timeline.flush();
    const snap = setInterval(snapshot, SNAPSHOT_MS);
    const send = setInterval(flush, FLUSH_MS);
    const onBlur = (): void => {
      snapshot();
      timeline.push('blur', currentRef.current);
      flush();
    };
    const onFocus = (): void => {
      timeline.push('focus', currentRef.current);
      flush();
    };
    const onHide = (): void => {
      snapshot();
      flush();
    };
    window.addEventListener('blur', onBlur);
    window.addEventListener('focus', onFocus);
    window.addEventListener('pagehide', onHide);
    window.addEventListener('online', flush);
    flush();
    return () => {
      clearInterval(snap);
      clearInterval(send);
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('online', flush);
      onHide();
    };
  }, [started, snapshot, timeline]);

  const onActivity = useCallback(
    (a: EditorActivity) => {
      const p = currentRef.current;
      if (!p) return;
      if (a.kind === 'edit') {
        if (latestCode.current.get(p) !== a.code) dirty.current.add(p);
        latestCode.current.set(p, a.code);
      } else if (a.kind === 'paste') {
        timeline.push('paste', p, { chars: a.chars, lines: a.lines });
      } else {
        snapshot();
        timeline.push('run', p, {
          verdict: a.verdict,
          passed: a.passed,
          total: a.total,
          ...(a.error ? { error: a.error } : {}),
        });
        void timeline.flush();
      }
    },
    [snapshot, timeline],
  );

  const choose = (slug: string): void => {
    snapshot();
    setCurrent(slug);
  };

  // ---- pages ------------------------------------------------------------------------------------------------------

  if (error && (GONE[error.code] || !screen)) {
    const gone = GONE[error.code];
    return (
      <main className="center-page" id="main">
        <h1>{gone?.title ?? 'The screen cannot be loaded'}</h1>
        <p>{gone?.text ?? error.message}</p>
        {!gone ? (
          <button type="button" className="btn" onClick={() => void sync()}>
            Try again
          </button>
        ) : null}
      </main>
    );
  }
  if (!screen) {
    return (
      <main className="center-page" id="main">
        <p className="muted">Loading…</p>
      </main>
    );
  }
  if (!started) return <Intro screen={screen} onStart={() => void start()} starting={starting} error={startError} />;

  const low = left !== null && left < 5 * 60_000;
  return (
    <div className="screen-workspace">
      <div className="screen-bar" role="navigation" aria-label="Screen problems">
        <div className="screen-tabs">
          {screen.problems.flatMap((p, i) =>
            p.slug === null
              ? []
              : [
                  <button
                    key={p.slug}
                    type="button"
                    className={`tab ${current === p.slug ? 'active' : ''}`}
                    aria-current={current === p.slug ? 'page' : undefined}
                    onClick={() => choose(p.slug!)}
                  >
                    {i + 1}. {p.title}
                  </button>,
                ],
          )}
        </div>
        <span className="spacer" />
        {timeUp ? (
          <span className="countdown over" role="status" data-testid="countdown">
            Time is up
          </span>
        ) : (
          <span
            className={`countdown ${low ? 'low' : ''}`}
            role="timer"
            aria-label={`Time left: ${formatOffset(left ?? 0)}`}
            data-testid="countdown"
          >
            {formatOffset(left ?? 0)} left
          </span>
        )}
      </div>
      <ErrorBox className="banner">{error?.message}</ErrorBox>
      {timeUp ? (
        <p className="time-up banner" role="status">
          Time is up. The editor is read-only, and the last version of each problem{' '}
          {screen.phase === 'over' ? 'has been' : 'is being'} graded automatically. Thank you!
        </p>
      ) : null}
      {current ? (
        <ProblemPage
          key={current}
          slug={current}
          workspace={workspace}
          readOnly={timeUp}
          backHref={`/screen/${token}`}
          onActivity={onActivity}
        />
      ) : null}
    </div>
  );
}
