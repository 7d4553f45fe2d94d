/**
 * An interviewer's screens: create one (problems, duration, candidate, link expiry, extra time) and get the
 * candidate's link; list them with their state; extend, revoke, open the report.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type ProblemSummary, type ScreenView } from '../lib/api.ts';
import type { ProblemSet } from '../../../server/src/contract.ts';
import { linkClick } from '../lib/router.ts';
import { formatOffset } from '../lib/replay.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { SetSelect } from '../components/SetSelect.tsx';
import { errorText } from '../lib/format.ts';

export const PHASE_LABEL: Record<ScreenView['phase'], string> = {
  'not-started': 'Not started',
  active: 'In progress',
  grace: 'Ending',
  over: 'Finished',
  'link-expired': 'Link expired',
  revoked: 'Revoked',
};

/** `<input type="datetime-local">` works in local time without a zone. */
function localInputValue(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function CreateScreen({
  problems,
  sets,
  onCreated,
}: {
  problems: ProblemSummary[];
  sets: ProblemSet[];
  onCreated: (s: ScreenView, link: string) => void;
}) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [duration, setDuration] = useState('45');
  const [extra, setExtra] = useState('0');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [expectedOutputs, setExpectedOutputs] = useState(false);
  const [expires, setExpires] = useState(() => localInputValue(new Date(Date.now() + 7 * 24 * 3600_000)));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [setId, setSetId] = useState('');
  const activeSet = sets.find((x) => x.id === setId);
  // A set lists its problems in its order; chosen problems stay chosen when the set changes.
  const listed = activeSet ? activeSet.problems.flatMap((slug) => problems.filter((p) => p.slug === slug)) : problems;

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (chosen.length === 0) return setError('Choose at least one problem.');
    const expiresAt = new Date(expires);
    if (Number.isNaN(expiresAt.getTime())) return setError('The link expiry is not a valid date.');
    setBusy(true);
    setError(null);
    try {
      const r = await api.createScreen({
        problems: chosen,
        durationMinutes: Number(duration),
        ...(Number(extra) > 0 ? { extraMinutes: Number(extra) } : {}),
        ...(name.trim() ? { candidateName: name.trim() } : {}),
        ...(email.trim() ? { candidateEmail: email.trim() } : {}),
        ...(expectedOutputs ? { expectedOutputs: true } : {}),
        linkExpiresAt: expiresAt.toISOString(),
      });
      onCreated(r.screen, new URL(r.link, window.location.origin).href);
      setChosen([]);
      setName('');
      setEmail('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form create-screen" onSubmit={(e) => void submit(e)} aria-labelledby="create-screen-title">
      <h2 id="create-screen-title">New screen</h2>
      <fieldset>
        <legend>Problems, in the order the candidate sees them</legend>
        <SetSelect
          sets={sets}
          value={setId}
          onChange={setSetId}
          label="Show a set"
          ariaLabel="Choose problems from a set"
          className="from-set"
        />
        <div className="problem-choices">
          {listed.map((p) => (
            <label key={p.slug} className="check">
              <input
                type="checkbox"
                name="problem"
                value={p.slug}
                checked={chosen.includes(p.slug)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, p.slug] : c.filter((x) => x !== p.slug)))}
              />
              <span>{p.title}</span> <span className={`difficulty d-${p.difficulty}`}>{p.difficulty}</span>
              {p.estimatedMinutes ? <span className="muted small"> ~{p.estimatedMinutes} min</span> : null}
              {p.visibility !== 'listed' ? <span className="badge">{p.visibility}</span> : null}
            </label>
          ))}
        </div>
        {chosen.length > 0 ? (
          <p className="muted small" aria-live="polite">
            {chosen.length} chosen · about{' '}
            {chosen.reduce((m, slug) => m + (problems.find((p) => p.slug === slug)?.estimatedMinutes ?? 0), 0)} minutes
            of work
          </p>
        ) : null}
      </fieldset>
      <div className="form-row">
        <label>
          <span>Duration (minutes)</span>
          <input
            name="duration"
            type="number"
            min={1}
            max={600}
            required
            value={duration}
            onChange={(e) => setDuration(e.target.value)}
          />
        </label>
        <label>
          <span>Extra time (minutes, accommodation)</span>
          <input
            name="extra"
            type="number"
            min={0}
            max={600}
            value={extra}
            onChange={(e) => setExtra(e.target.value)}
          />
        </label>
        <label>
          <span>Link expires</span>
          <input
            name="expires"
            type="datetime-local"
            required
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
          />
        </label>
      </div>
      <div className="form-row">
        <label>
          <span>Candidate name (optional)</span>
          <input name="candidateName" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          <span>Candidate email (optional)</span>
          <input
            name="candidateEmail"
            type="email"
            maxLength={200}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
      </div>
      <label className="checkbox-row">
        <input
          type="checkbox"
          name="expectedOutputs"
          checked={expectedOutputs}
          onChange={(e) => setExpectedOutputs(e.target.checked)}
        />
        <span>Let the candidate see the reference&apos;s output for their own custom inputs</span>
      </label>
      <ErrorBox>{error}</ErrorBox>
      <div>
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create screen'}
        </button>
      </div>
    </form>
  );
}

function NewLink({ link, onClose }: { link: string; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <section className="new-link" aria-label="Candidate link" role="status">
      <strong>Screen created.</strong> Send this link to the candidate. It is shown only now: copy it before you leave.
      <div className="link-row">
        <input
          readOnly
          value={link}
          aria-label="Candidate link"
          onFocus={(e) => e.target.select()}
          data-testid="candidate-link"
        />
        <button
          type="button"
          className="btn"
          onClick={() =>
            void navigator.clipboard.writeText(link).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="btn ghost" onClick={onClose} aria-label="Dismiss">
          ✕
        </button>
      </div>
    </section>
  );
}

export function ScreensPage() {
  const [screens, setScreens] = useState<ScreenView[] | null>(null);
  const [problems, setProblems] = useState<ProblemSummary[]>([]);
  const [sets, setSets] = useState<ProblemSet[]>([]);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [newLink, setNewLink] = useState<string | null>(null);

  const load = useCallback(() => {
    api.screens().then(
      (s) => (setScreens(s), setError(null)),
      (e: unknown) =>
        setError(
          e instanceof ApiError ? { code: e.code, message: e.message } : { code: 'ERROR', message: errorText(e) },
        ),
    );
  }, []);

  useEffect(() => {
    document.title = 'Screens · ML-infra judge';
    load();
    api.problems().then(setProblems, () => setProblems([]));
    api.problemSets().then(setSets, () => setSets([]));
  }, [load]);

  const reissue = async (s: ScreenView): Promise<void> => {
    if (!window.confirm('Make a new candidate link? The current link stops working.')) return;
    await act(async () => setNewLink(new URL((await api.newLink(s.id)).link, window.location.origin).href));
  };

  const act = async (f: () => Promise<unknown>): Promise<void> => {
    try {
      await f();
      load();
    } catch (e) {
      window.alert(errorText(e));
    }
  };

  if (error?.code === 'UNAUTHENTICATED') {
    return (
      <main className="center-page" id="main">
        <h1>Screens</h1>
        <p>
          Timed screens are for interviewers.{' '}
          <a href="/login" onClick={(e) => linkClick(e, '/login')}>
            Sign in
          </a>{' '}
          to create one.
        </p>
      </main>
    );
  }

  return (
    <main className="list-page" id="main">
      <div className="list-head">
        <h1>Screens</h1>
        <p className="list-progress">
          Timed coding screens: a link for the candidate, a clock the server keeps, a report after.
        </p>
      </div>
      <ErrorBox>{error?.message}</ErrorBox>
      {newLink ? <NewLink link={newLink} onClose={() => setNewLink(null)} /> : null}
      {error?.code !== 'FORBIDDEN' ? (
        <CreateScreen
          problems={problems}
          sets={sets}
          onCreated={(_, link) => {
            setNewLink(link);
            load();
          }}
        />
      ) : null}
      <h2 className="screens-title">Your screens</h2>
      {screens === null && !error ? <p className="muted">Loading…</p> : null}
      {screens && screens.length === 0 ? <p className="muted">No screens yet.</p> : null}
      {screens && screens.length > 0 ? (
        <table className="problem-table screens-table">
          <thead>
            <tr>
              <th scope="col">Candidate</th>
              <th scope="col">Problems</th>
              <th scope="col">Time</th>
              <th scope="col">State</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {screens.map((s) => (
              <tr key={s.id} data-screen={s.id}>
                <td>
                  <a
                    href={`/screens/${s.id}`}
                    onClick={(e) => linkClick(e, `/screens/${s.id}`)}
                    className="problem-link"
                  >
                    {s.candidateName ?? 'Unnamed candidate'}
                  </a>
                  {s.candidateEmail ? <div className="muted small">{s.candidateEmail}</div> : null}
                </td>
                <td className="small">{s.problems.join(', ')}</td>
                <td className="small">
                  {s.durationMinutes} min{s.extraMinutes ? ` + ${s.extraMinutes}` : ''}
                </td>
                <td>
                  <span className={`phase phase-${s.phase}`}>{PHASE_LABEL[s.phase]}</span>
                  {s.phase === 'active' && s.remainingMs !== null ? (
                    <div className="muted small">{formatOffset(s.remainingMs)} left</div>
                  ) : null}
                  {s.phase === 'not-started' ? (
                    <div className="muted small">link until {new Date(s.linkExpiresAt).toLocaleDateString()}</div>
                  ) : null}
                </td>
                <td className="small muted">{new Date(s.createdAt).toLocaleString()}</td>
                <td className="actions">
                  <a className="btn small" href={`/screens/${s.id}`} onClick={(e) => linkClick(e, `/screens/${s.id}`)}>
                    Report
                  </a>
                  {s.phase !== 'revoked' && s.phase !== 'over' ? (
                    <button
                      type="button"
                      className="btn small"
                      onClick={() => void reissue(s)}
                      title="The current link stops working"
                    >
                      New link
                    </button>
                  ) : null}
                  {s.phase === 'not-started' || s.phase === 'active' || s.phase === 'grace' ? (
                    <>
                      <button
                        type="button"
                        className="btn small"
                        onClick={() => void act(() => api.extendScreen(s.id, 15))}
                        title="Give the candidate 15 more minutes"
                      >
                        +15 min
                      </button>
                      <button
                        type="button"
                        className="btn small danger"
                        onClick={() =>
                          window.confirm('Revoke this screen? The link stops working at once.') &&
                          void act(() => api.revokeScreen(s.id))
                        }
                      >
                        Revoke
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </main>
  );
}
