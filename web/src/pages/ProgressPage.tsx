/**
 * A learner's progress (issue 15 §4): problems solved and attempted, by difficulty and by tag; per problem, the
 * cheapest accepted submission's steps against the reference's; a calendar of activity with the streak. Anonymous
 * learners see the history of this browser and can create an account (name and password) to keep it across
 * devices: what they did here moves into the account.
 */
import { useCallback, useEffect, useState } from 'react';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { api, ApiError, type Progress, type SignedIn } from '../lib/api.ts';
import { errorText, formatSteps } from '../lib/format.ts';
import { calendarWeeks, describeRatio } from '../lib/progress.ts';
import { linkClick } from '../lib/router.ts';

const WEEKS = 26;
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function Bar({ solved, attempted, total, label }: { solved: number; attempted: number; total: number; label: string }) {
  const pct = (n: number): string => `${total ? (100 * n) / total : 0}%`;
  return (
    <span
      className="tally-bar"
      role="img"
      aria-label={`${label}: ${solved} solved, ${attempted} attempted of ${total}`}
    >
      <span className="tally-attempted" style={{ width: pct(attempted) }} />
      <span className="tally-solved" style={{ width: pct(solved) }} />
    </span>
  );
}

function SignUp({ onSignedIn }: { onSignedIn: (r: SignedIn) => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.signup(name, password));
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'NAME_TAKEN'
          ? 'That name is taken: choose another, or sign in if it is yours.'
          : errorText(err),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form signup" onSubmit={(e) => void submit(e)} aria-labelledby="signup-title">
      <h2 id="signup-title">Keep your progress across devices</h2>
      <p className="muted small">
        You practise anonymously: this history lives in this browser. Create an account and it moves into it.
      </p>
      <div className="form-row">
        <label>
          <span>Name</span>
          <input
            name="name"
            autoComplete="username"
            required
            minLength={3}
            maxLength={40}
            pattern="[A-Za-z0-9][A-Za-z0-9._\-]*"
            title="3–40 letters, digits, dots, dashes or underscores"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label>
          <span>Password (8 characters or more)</span>
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
      </div>
      <ErrorBox>{error}</ErrorBox>
      <div>
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create account'}
        </button>{' '}
        <span className="muted small">
          Have one?{' '}
          <a href="/login" onClick={(e) => linkClick(e, '/login')}>
            Sign in
          </a>{' '}
          (this browser&apos;s history joins it too).
        </span>
      </div>
    </form>
  );
}

export function ProgressPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [merged, setMerged] = useState<SignedIn['merged'] | null>(null);

  const load = useCallback(() => {
    api.progress().then(
      (p) => (setProgress(p), setError(null)),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  useEffect(() => {
    document.title = 'Progress · ML-infra judge';
    load();
  }, [load]);

  if (!progress)
    return (
      <main className="list-page" id="main">
        {error ? <ErrorBox>{error}</ErrorBox> : <p className="muted">Loading…</p>}
      </main>
    );

  const p = progress;
  const weeks = calendarWeeks(p.activity, p.streak.today, WEEKS);
  const recent = weeks.flat().filter((d) => !d.future && d.submissions > 0);
  return (
    <main className="list-page progress-page" id="main">
      <div className="list-head">
        <h1>Your progress</h1>
        <p className="list-progress" data-testid="who">
          {p.me.user ? `Signed in as ${p.me.user.name}` : 'Anonymous, in this browser'}
        </p>
      </div>
      {merged ? (
        <p className="notice" role="status">
          Account created: {plural(merged.submissions, 'submission')} and {plural(merged.drafts, 'draft')} from this
          browser are now in it.
        </p>
      ) : null}

      <ul className="stat-cards" aria-label="Summary">
        <li>
          <strong data-testid="solved">{p.totals.solved}</strong>
          <span>solved of {p.totals.total}</span>
        </li>
        <li>
          <strong data-testid="attempted">{p.totals.attempted}</strong>
          <span>attempted</span>
        </li>
        <li>
          <strong>{p.totals.submissions}</strong>
          <span>{p.totals.submissions === 1 ? 'submission' : 'submissions'}</span>
        </li>
        <li>
          <strong data-testid="streak">{plural(p.streak.current, 'day')}</strong>
          <span>streak (longest {plural(p.streak.longest, 'day')})</span>
        </li>
      </ul>

      {p.me.user ? null : (
        <SignUp
          onSignedIn={(r) => {
            setMerged(r.merged);
            onSignedIn();
            load();
          }}
        />
      )}

      <section aria-labelledby="activity-title">
        <h2 id="activity-title">Activity</h2>
        <div className="calendar" role="group" aria-label={`Submissions per day over the last ${WEEKS} weeks`}>
          {weeks.map((week) => (
            <div className="calendar-week" key={week[0]!.day}>
              {week.map((d) => (
                <span
                  key={d.day}
                  role="img"
                  className={`calendar-day l${d.level}${d.future ? ' future' : ''}${d.day === p.streak.today ? ' today' : ''}`}
                  data-day={d.day}
                  title={`${d.day}: ${plural(d.submissions, 'submission')}${d.accepted ? `, ${d.accepted} accepted` : ''}`}
                  aria-label={`${d.day}: ${plural(d.submissions, 'submission')}`}
                />
              ))}
            </div>
          ))}
        </div>
        <p className="muted small">
          {recent.length === 0
            ? 'No submissions in this period yet.'
            : `${plural(recent.length, 'day')} with submissions in the last ${WEEKS} weeks.`}
        </p>
      </section>

      <div className="progress-grid">
        <section aria-labelledby="difficulty-title">
          <h2 id="difficulty-title">By difficulty</h2>
          <table className="tally-table">
            <tbody>
              {p.byDifficulty.map((d) => (
                <tr key={d.difficulty} data-difficulty={d.difficulty}>
                  <th scope="row">
                    <span className={`difficulty d-${d.difficulty}`}>{d.difficulty}</span>
                  </th>
                  <td>
                    <Bar {...d} label={d.difficulty} />
                  </td>
                  <td className="mono small">
                    {d.solved}/{d.total} solved · {d.attempted} tried
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="tag-title">
          <h2 id="tag-title">By tag</h2>
          <table className="tally-table">
            <tbody>
              {p.byTag.map((t) => (
                <tr key={t.tag} data-tag={t.tag}>
                  <th scope="row">
                    <span className="tag static">{t.tag}</span>
                  </th>
                  <td>
                    <Bar {...t} label={t.tag} />
                  </td>
                  <td className="mono small">
                    {t.solved}/{t.total}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      <section aria-labelledby="problems-title">
        <h2 id="problems-title">Problems</h2>
        <table className="problem-table">
          <thead>
            <tr>
              <th scope="col">Problem</th>
              <th scope="col">Difficulty</th>
              <th scope="col">Status</th>
              <th scope="col">Submissions</th>
              <th scope="col">Best accepted: steps against the reference</th>
            </tr>
          </thead>
          <tbody>
            {p.problems.map((x) => (
              <tr key={x.slug} data-problem={x.slug}>
                <td>
                  <a className="problem-link" href={`/p/${x.slug}`} onClick={(e) => linkClick(e, `/p/${x.slug}`)}>
                    {x.title}
                  </a>
                </td>
                <td>
                  <span className={`difficulty d-${x.difficulty}`}>{x.difficulty}</span>
                </td>
                <td>
                  {x.solved ? (
                    <span className="mark solved">Solved</span>
                  ) : x.attempted ? (
                    <span className="mark attempted">
                      Attempted{x.bestPassed !== null ? ` · best ${x.bestPassed}/${x.total} tests` : ''}
                    </span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>{x.submissions || ''}</td>
                <td className="best-cell">
                  {x.best ? (
                    <>
                      <span
                        className="ratio-bar"
                        role="img"
                        aria-label={describeRatio(x.best.ratio)}
                        title={`${formatSteps(x.best.steps)} steps; the reference: ${formatSteps(x.best.referenceSteps)}`}
                      >
                        <span style={{ width: `${Math.min(100, 100 / Math.max(x.best.ratio, 1))}%` }} />
                      </span>
                      <span className="small">{describeRatio(x.best.ratio)}</span>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
