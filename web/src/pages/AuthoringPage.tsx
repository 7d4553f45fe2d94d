/**
 * Authoring (instructors and admins): every problem with its visibility, live version and the revision on its way;
 * create a new problem from the scaffold `judge new` writes, import a problem folder as a .zip, or open one to edit.
 * What is edited stays in this browser (a working copy) and on the server as unpublished revisions until Publish.
 */
import { useEffect, useRef, useState } from 'react';
import { SLUG_PATTERN } from '../../../harness/src/problem/package-paths.ts';
import { api, ApiError, type AuthoringProblem, type Me } from '../lib/api.ts';
import { errorText } from '../lib/format.ts';
import { packageFromZip } from '../lib/package-zip.ts';
import { linkClick, navigate } from '../lib/router.ts';
import { workingCopies } from '../lib/storage.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { ReportInbox } from '../components/ReportInbox.tsx';
import { inboxMine } from '../lib/storage.ts';
import { Tabs } from '../components/Tabs.tsx';

export const canAuthor = (me: Me['user']): boolean => !!me && (me.role === 'instructor' || me.role === 'admin');

export function SignInToAuthor() {
  return (
    <main className="center-page" id="main">
      <h1>Authoring</h1>
      <p>
        Instructors and admins write problems here.{' '}
        <a href="/login" onClick={(e) => linkClick(e, '/login')}>
          Sign in
        </a>{' '}
        with an instructor account.
      </p>
    </main>
  );
}

/** Working copies of problems the server does not serve yet (created or imported here, not published). */
const drafts = (problems: AuthoringProblem[]): string[] =>
  workingCopies.slugs().filter((s) => !problems.some((p) => p.slug === s));

export function AuthoringPage() {
  const [problems, setProblems] = useState<AuthoringProblem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [slug, setSlug] = useState('');
  const [busy, setBusy] = useState(false);
  const zipInput = useRef<HTMLInputElement>(null);
  // The inbox of reported tests is a tab of its own (`/authoring?tab=inbox`, so a reload or a link keeps it).
  const [tab, setTab] = useState<'problems' | 'inbox'>(() =>
    new URLSearchParams(window.location.search).get('tab') === 'inbox' ? 'inbox' : 'problems',
  );
  const [openReports, setOpenReports] = useState<number | null>(null);
  const showTab = (t: 'problems' | 'inbox'): void => {
    setTab(t);
    window.history.replaceState(null, '', t === 'inbox' ? '/authoring?tab=inbox' : '/authoring');
  };
  useEffect(() => {
    // The badge counts what the inbox shows: all open reports, or those on the author's problems.
    api.authoring.reports('open', inboxMine.get()).then(
      (l) => setOpenReports(l.length),
      () => undefined,
    );
  }, []);

  useEffect(() => {
    document.title = 'Authoring · ML-infra judge';
    api.authoring.problems().then(setProblems, (e: unknown) => setError(errorText(e)));
  }, []);

  const create = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    if (!SLUG_PATTERN.test(slug)) return setError('A slug is lower-case words joined by hyphens, e.g. dot-product.');
    if (workingCopies.get(slug)) return navigate(`/authoring/${slug}`);
    setBusy(true);
    try {
      const s = await api.authoring.scaffold(slug);
      workingCopies.set(slug, { files: s.files, origin: 'scaffold', revision: null, updatedAt: Date.now() });
      navigate(`/authoring/${slug}`);
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'PROBLEM_EXISTS' ? `${err.message}.` : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const importZip = async (file: File): Promise<void> => {
    setError(null);
    try {
      const p = packageFromZip(new Uint8Array(await file.arrayBuffer()));
      const name = p.slug ?? file.name.replace(/\.zip$/i, '');
      if (!SLUG_PATTERN.test(name))
        return setError(`"${name}" is not a slug: name the folder inside the .zip like dot-product.`);
      if (workingCopies.get(name) && !window.confirm(`Replace your unsent edits of ${name} with the .zip?`)) return;
      workingCopies.set(name, { files: p.files, origin: 'zip', revision: null, updatedAt: Date.now() });
      navigate(`/authoring/${name}${p.skipped.length ? `?skipped=${p.skipped.length}` : ''}`);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <main className="list-page authoring-page" id="main">
      <div className="list-head">
        <h1>Authoring</h1>
        <p className="list-progress muted">Edits reach learners only when you publish them.</p>
      </div>
      <Tabs
        idPrefix="authoring"
        label="Authoring"
        value={tab}
        onChange={showTab}
        options={[
          ['problems', 'Problems'],
          ['inbox', openReports ? `Inbox (${openReports})` : 'Inbox'],
        ]}
      />
      {tab === 'inbox' ? (
        <div id="authoring-panel" role="tabpanel" aria-labelledby="authoring-tab-inbox">
          <ReportInbox onCount={setOpenReports} />
        </div>
      ) : (
        <div id="authoring-panel" role="tabpanel" aria-labelledby="authoring-tab-problems">
          <div className="authoring-actions">
            <form className="form-inline" onSubmit={(e) => void create(e)}>
              <label>
                <span>New problem slug</span>
                <input
                  name="slug"
                  value={slug}
                  placeholder="dot-product"
                  onChange={(e) => setSlug(e.target.value.trim())}
                  pattern="[a-z0-9]+(-[a-z0-9]+)*"
                  required
                />
              </label>
              <button type="submit" className="btn primary" disabled={busy}>
                New problem
              </button>
            </form>
            <span className="spacer" />
            <input
              ref={zipInput}
              type="file"
              accept=".zip,application/zip"
              className="visually-hidden"
              aria-label="Import a problem folder (.zip)"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void importZip(f);
              }}
            />
            <button type="button" className="btn" onClick={() => zipInput.current?.click()}>
              Import .zip
            </button>
          </div>
          <ErrorBox>{error}</ErrorBox>
          {problems && drafts(problems).length > 0 ? (
            <section className="authoring-drafts" aria-label="New problems in this browser">
              <h2 className="screens-title">Not published yet (in this browser)</h2>
              <ul>
                {drafts(problems).map((s) => (
                  <li key={s}>
                    <a href={`/authoring/${s}`} onClick={(e) => linkClick(e, `/authoring/${s}`)}>
                      {s}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {problems === null && !error ? <p className="muted">Loading…</p> : null}
          {problems ? (
            <table className="problem-table authoring-table">
              <thead>
                <tr>
                  <th>Problem</th>
                  <th>Visibility</th>
                  <th>Live version</th>
                  <th>On its way</th>
                  <th>Source</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p) => (
                  <tr key={p.slug} data-problem={p.slug}>
                    <td>
                      <a
                        className="problem-link"
                        href={`/authoring/${p.slug}`}
                        onClick={(e) => linkClick(e, `/authoring/${p.slug}`)}
                      >
                        {p.title}
                      </a>
                      <div className="muted small">{p.slug}</div>
                    </td>
                    <td>
                      <span className="badge">{p.visibility}</span>
                    </td>
                    <td>
                      <code>{p.version}</code>
                    </td>
                    <td className="small">{p.pendingRevision ? 'a revision' : '—'}</td>
                    <td className="small muted">{p.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      )}
    </main>
  );
}
