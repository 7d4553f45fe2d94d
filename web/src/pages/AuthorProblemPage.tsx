/**
 * Editing one problem package in the browser: its files on the left (add, rename, delete; solutions/<verdict>/ is
 * where a stored solution's expected verdict is said), Monaco in the middle (statement.md with a live preview),
 * and Check / Publish. Check sends the package as a revision without tests/suite.json: the server builds the suite
 * (judge build), runs judge check and re-grades stored submissions; the page follows it, then Publish puts it live.
 * The working copy lives in this browser (storage.ts) until it is published; Export gives the CLI folder as a .zip.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { packagePathProblem, VERDICT_FOLDER_NAMES } from '../../../harness/src/problem/package-paths.ts';
import { api, type AuthoringProblem, type RevisionView, type Visibility } from '../lib/api.ts';
import { errorText } from '../lib/format.ts';
import { packageToZip } from '../lib/package-zip.ts';
import { linkClick } from '../lib/router.ts';
import { workingCopies, type WorkingCopy } from '../lib/storage.ts';
import { useTheme } from '../lib/theme.ts';
import { loadMonaco } from '../editor/load-monaco.ts';
import type { Monaco } from '../editor/monaco-setup.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { PackageEditor } from '../components/PackageEditor.tsx';
import { RevisionPanel } from '../components/RevisionPanel.tsx';
import { Statement } from '../components/Statement.tsx';

const SUITE = 'tests/suite.json';
const FIXED = new Set(['problem.json', 'statement.md', 'starter.ts', 'solutions/accepted/reference.ts']);
const ORDER = ['problem.json', 'statement.md', 'starter.ts', 'tests/', 'generator.ts', 'driver.ts', 'validator.ts'];
const rank = (p: string): number => {
  const i = ORDER.findIndex((o) => (o.endsWith('/') ? p.startsWith(o) : p === o));
  if (i >= 0) return i;
  return p.startsWith('solutions/') ? ORDER.length + 1 : ORDER.length;
};
const sortPaths = (paths: string[]): string[] => [...paths].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const settled = (r: RevisionView): boolean => r.status !== 'checking' && r.status !== 'regrading';

function download(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The working copy: from this browser, else the revision on its way, else the live package. */
async function loadCopy(slug: string, live: AuthoringProblem | undefined): Promise<WorkingCopy | null> {
  const local = workingCopies.get(slug);
  if (local) return local;
  if (!live) return null;
  if (live.pendingRevision) {
    const r = await api.authoring.revisionFiles(live.pendingRevision);
    return { files: r.files, origin: 'revision', revision: r.id, updatedAt: Date.now() };
  }
  const f = await api.authoring.files(slug);
  return { files: f.files, origin: 'live', revision: null, updatedAt: Date.now() };
}

export function AuthorProblemPage({ slug }: { slug: string }) {
  const [theme] = useTheme();
  const [monaco, setMonaco] = useState<Monaco | null>(null);
  const [live, setLive] = useState<AuthoringProblem | null | undefined>(undefined);
  const [copy, setCopy] = useState<WorkingCopy | null | undefined>(undefined);
  const [selected, setSelected] = useState('statement.md');
  const [revision, setRevision] = useState<RevisionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const [newPath, setNewPath] = useState('solutions/wrong_answer/');
  const [renameTo, setRenameTo] = useState('');
  const [preview, setPreview] = useState('');
  /** The files as last sent for a check (minus the suite): the built suite is taken only if nothing changed since. */
  const sent = useRef<Record<string, string> | null>(null);

  const refreshLive = useCallback(async () => {
    const all = await api.authoring.problems();
    const p = all.find((x) => x.slug === slug) ?? null;
    setLive(p);
    return p;
  }, [slug]);

  useEffect(() => {
    document.title = `Authoring ${slug} · ML-infra judge`;
    loadMonaco().then(setMonaco, (e: unknown) => setError(`The editor failed to load: ${errorText(e)}`));
    refreshLive()
      .then((p) => loadCopy(slug, p ?? undefined))
      .then(setCopy)
      .catch((e: unknown) => setError(errorText(e)));
  }, [slug, refreshLive]);

  // Every change is kept in this browser at once.
  useEffect(() => {
    if (copy) workingCopies.set(slug, copy);
  }, [slug, copy]);

  // The revision of this copy: read it, and follow it while the server checks and re-grades.
  const revisionId = copy?.revision ?? null;
  useEffect(() => {
    if (!revisionId) return setRevision(null);
    let stop = false;
    const poll = async (): Promise<void> => {
      while (!stop) {
        try {
          const r = await api.authoring.revision(revisionId);
          if (stop) return;
          setRevision(r);
          if (settled(r)) {
            if (r.status === 'ready' || r.status === 'live') await takeBuiltSuite(r.id);
            return;
          }
        } catch (e) {
          if (!stop) setError(errorText(e));
          return;
        }
        await new Promise((res) => setTimeout(res, 1000));
      }
    };
    const takeBuiltSuite = async (id: string): Promise<void> => {
      const before = sent.current;
      if (!before) return;
      const built = (await api.authoring.revisionFiles(id)).files[SUITE];
      if (built === undefined || stop) return;
      setCopy((c) => {
        if (!c) return c;
        const { [SUITE]: _old, ...rest } = c.files;
        const same =
          Object.keys(rest).length === Object.keys(before).length &&
          Object.entries(rest).every(([k, v]) => before[k] === v);
        return same ? { ...c, files: { ...c.files, [SUITE]: built } } : c;
      });
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [revisionId]);

  const statement = copy?.files['statement.md'] ?? '';
  useEffect(() => {
    const t = setTimeout(() => setPreview(statement), 150);
    return () => clearTimeout(t);
  }, [statement]);

  const edit = useCallback((path: string, text: string) => {
    setCopy((c) => {
      if (!c || c.files[path] === text) return c;
      // Any edit makes the built suite stale: Check builds it again.
      const { [SUITE]: _stale, ...files } = c.files;
      return { ...c, files: path === SUITE ? c.files : { ...files, [path]: text }, updatedAt: Date.now() };
    });
  }, []);

  if (copy === null)
    return (
      <main className="center-page" id="main">
        <h1>No problem named {slug}</h1>
        <p>
          Create it on the{' '}
          <a href="/authoring" onClick={(e) => linkClick(e, '/authoring')}>
            Authoring
          </a>{' '}
          page.
        </p>
      </main>
    );
  if (copy === undefined)
    return (
      <main className="center-page" id="main">
        {error ? <ErrorBox>{error}</ErrorBox> : <p className="muted">Loading…</p>}
      </main>
    );

  const files = copy.files;
  const paths = sortPaths(Object.keys(files));
  const shown = files[selected] !== undefined ? selected : 'statement.md';

  const check = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const { [SUITE]: _suite, ...toSend } = files;
      sent.current = toSend;
      const r = await api.authoring.submit({ slug, files: toSend, ...(note.trim() ? { note: note.trim() } : {}) });
      setRevision(r);
      setCopy((c) => (c ? { ...c, revision: r.id } : c));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const decide = async (action: 'publish' | 'discard'): Promise<void> => {
    if (!revision) return;
    setBusy(true);
    setError(null);
    try {
      setRevision(await api.authoring[action](revision.id));
      await refreshLive();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const addFile = (e: React.FormEvent): void => {
    e.preventDefault();
    const p = newPath.trim();
    const why = packagePathProblem(p);
    if (why) return setError(`${p}: ${why}`);
    if (files[p] !== undefined) return setError(`${p} exists`);
    setError(null);
    const text = p.startsWith('solutions/') ? (files['starter.ts'] ?? '') : p.endsWith('.json') ? '[]\n' : '';
    setCopy({ ...copy, files: { ...files, [p]: text }, updatedAt: Date.now() });
    setSelected(p);
  };
  const rename = (e: React.FormEvent): void => {
    e.preventDefault();
    const to = renameTo.trim();
    const why = packagePathProblem(to);
    if (why) return setError(`${to}: ${why}`);
    if (files[to] !== undefined) return setError(`${to} exists`);
    setError(null);
    const { [shown]: text, [SUITE]: _stale, ...rest } = files;
    setCopy({ ...copy, files: { ...rest, [to]: text ?? '' }, updatedAt: Date.now() });
    setSelected(to);
    setRenameTo('');
  };
  const remove = (): void => {
    const { [shown]: _gone, [SUITE]: _stale, ...rest } = files;
    setCopy({ ...copy, files: rest, updatedAt: Date.now() });
    setSelected('statement.md');
  };
  const reset = async (): Promise<void> => {
    if (!window.confirm('Drop the edits kept in this browser and load the package from the server?')) return;
    workingCopies.remove(slug);
    sent.current = null;
    setRevision(null);
    setCopy(await loadCopy(slug, live ?? undefined).catch(() => null));
  };
  const setVisibility = async (v: Visibility): Promise<void> => {
    setError(null);
    try {
      await api.authoring.setVisibility(slug, v);
      await refreshLive();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const skipped = new URLSearchParams(window.location.search).get('skipped');
  return (
    <main className="author-page" id="main">
      <div className="author-head">
        <h1>
          <a href="/authoring" onClick={(e) => linkClick(e, '/authoring')} className="muted">
            Authoring
          </a>{' '}
          / {slug}
        </h1>
        {live ? (
          <span className="small">
            live version <code>{live.version}</code> ·{' '}
            <a href={`/p/${slug}`} onClick={(e) => linkClick(e, `/p/${slug}`)}>
              learner view
            </a>{' '}
            ·{' '}
            <label>
              visibility{' '}
              <select value={live.visibility} onChange={(e) => void setVisibility(e.target.value as Visibility)}>
                <option value="listed">listed</option>
                <option value="unlisted">unlisted</option>
                <option value="screens-only">screens-only</option>
              </select>
            </label>
          </span>
        ) : (
          <span className="badge">not published</span>
        )}
        <span className="spacer" />
        <label className="note">
          <span className="visually-hidden">What changed</span>
          <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="What changed (shown to users)" />
        </label>
        <button type="button" className="btn" onClick={() => download(`${slug}.zip`, packageToZip(slug, files))}>
          Export .zip
        </button>
        <button type="button" className="btn ghost" onClick={() => void reset()}>
          Reset
        </button>
        <button type="button" className="btn primary" onClick={() => void check()} disabled={busy}>
          Check
        </button>
      </div>
      {skipped ? <p className="muted small">The .zip had {skipped} entries that are not part of a package.</p> : null}
      <ErrorBox>{error}</ErrorBox>
      <div className="author-body">
        <nav className="file-list" aria-label="Package files">
          <ul>
            {paths.map((p) => (
              <li key={p}>
                <button
                  type="button"
                  className={`file ${p === shown ? 'current' : ''}`}
                  aria-current={p === shown ? 'true' : undefined}
                  onClick={() => setSelected(p)}
                  data-path={p}
                >
                  {p}
                  {p === SUITE ? <span className="muted small"> (built)</span> : null}
                </button>
              </li>
            ))}
          </ul>
          <form onSubmit={addFile} className="file-form">
            <label>
              <span>New file</span>
              <input value={newPath} onChange={(e) => setNewPath(e.target.value)} list="package-folders" />
            </label>
            <datalist id="package-folders">
              {VERDICT_FOLDER_NAMES.map((f) => (
                <option key={f} value={`solutions/${f}/`} />
              ))}
              <option value="tests/" />
            </datalist>
            <button type="submit" className="btn small">
              Add
            </button>
          </form>
          {!FIXED.has(shown) && shown !== SUITE ? (
            <form onSubmit={rename} className="file-form">
              <label>
                <span>Rename {shown} to</span>
                <input value={renameTo} onChange={(e) => setRenameTo(e.target.value)} placeholder={shown} />
              </label>
              <button type="submit" className="btn small">
                Rename
              </button>
              <button type="button" className="btn small danger" onClick={remove} aria-label={`Delete ${shown}`}>
                Delete
              </button>
            </form>
          ) : null}
        </nav>
        <div className={`author-editor ${shown === 'statement.md' ? 'with-preview' : ''}`}>
          {monaco ? (
            <PackageEditor
              monaco={monaco}
              slug={slug}
              files={files}
              path={shown}
              theme={theme}
              readOnly={shown === SUITE}
              onChange={edit}
            />
          ) : (
            <p className="muted">Loading the editor…</p>
          )}
          {shown === 'statement.md' ? (
            <div className="statement-preview" data-testid="statement-preview" aria-label="Statement preview">
              <Statement markdown={preview} />
            </div>
          ) : null}
        </div>
        <aside className="author-side" aria-label="Check and publish">
          {revision ? (
            <RevisionPanel
              revision={revision}
              busy={busy}
              onPublish={() => void decide('publish')}
              onDiscard={() => void decide('discard')}
            />
          ) : (
            <p className="muted small">
              Check sends this package to the server: it builds the test suite, runs judge check (each stored solution
              must get its folder’s verdict), then re-grades stored submissions. Nothing reaches learners before
              Publish.
            </p>
          )}
        </aside>
      </div>
    </main>
  );
}
