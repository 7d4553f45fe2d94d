/**
 * The problem list: the problem sets with the caller's progress in each (pick one to follow it in order), then title,
 * difficulty, estimated time, tags and the caller's marks, filtered by set, search, difficulty and tag.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ProblemSet } from '../../../server/src/contract.ts';
import { api, type ProblemSummary } from '../lib/api.ts';
import { linkClick } from '../lib/router.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { SetSelect } from '../components/SetSelect.tsx';
import { errorText } from '../lib/format.ts';

const DIFFICULTIES = ['easy', 'medium', 'hard'];

export function ProblemList() {
  const [problems, setProblems] = useState<ProblemSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [difficulty, setDifficulty] = useState('');
  const [tag, setTag] = useState('');
  const [sets, setSets] = useState<ProblemSet[]>([]);
  const [setId, setSetId] = useState('');

  useEffect(() => {
    document.title = 'Problems · ML-infra judge';
    api.problems().then(setProblems, (e: unknown) => setError(errorText(e)));
    // Sets are an aid: without them the list still works.
    api.problemSets().then(setSets, () => setSets([]));
  }, []);
  const activeSet = sets.find((x) => x.id === setId);

  const tags = useMemo(() => [...new Set((problems ?? []).flatMap((p) => p.tags))].sort(), [problems]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    // Signed-in staff also get unlisted and screens-only problems (for screens): practice lists the listed ones.
    const matching = (problems ?? []).filter(
      (p) =>
        p.visibility === 'listed' &&
        (!activeSet || activeSet.problems.includes(p.slug)) &&
        (!difficulty || p.difficulty === difficulty) &&
        (!tag || p.tags.includes(tag)) &&
        (!q || p.title.toLowerCase().includes(q) || p.slug.includes(q) || p.tags.some((t) => t.includes(q))),
    );
    // A set is followed in its own order.
    return activeSet
      ? matching.sort((a, b) => activeSet.problems.indexOf(a.slug) - activeSet.problems.indexOf(b.slug))
      : matching;
  }, [problems, query, difficulty, tag, activeSet]);
  const bySlug = useMemo(() => new Map((problems ?? []).map((p) => [p.slug, p])), [problems]);

  const solved = (problems ?? []).filter((p) => p.solved).length;

  return (
    <main className="list-page" id="main">
      <div className="list-head">
        <h1>Problems</h1>
        {problems ? (
          <p className="list-progress">
            {solved} of {problems.length} solved
          </p>
        ) : null}
      </div>
      {problems && sets.length > 0 ? (
        <ul className="set-cards" aria-label="Problem sets">
          {sets.map((x) => {
            const done = x.problems.filter((slug) => bySlug.get(slug)?.solved).length;
            const minutes = x.problems.reduce((m, slug) => m + (bySlug.get(slug)?.estimatedMinutes ?? 0), 0);
            return (
              <li key={x.id}>
                <button
                  type="button"
                  className={`set-card ${setId === x.id ? 'active' : ''}`}
                  aria-pressed={setId === x.id}
                  data-set={x.id}
                  onClick={() => setSetId(setId === x.id ? '' : x.id)}
                  title={x.description}
                >
                  <span className="set-title">{x.title}</span>
                  <span className="set-meta">
                    {x.problems.length} problems · ~{Math.round(minutes / 6) / 10} h
                  </span>
                  <span className="set-progress" aria-label={`${done} of ${x.problems.length} solved`}>
                    <span className="set-bar" style={{ width: `${(100 * done) / x.problems.length}%` }} />
                  </span>
                  <span className="set-count">
                    {done}/{x.problems.length} solved
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {activeSet ? <p className="set-description">{activeSet.description}</p> : null}
      <div className="filters" role="search">
        <label>
          <span className="visually-hidden">Search problems</span>
          <input
            type="search"
            placeholder="Search by title or tag…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            aria-label="Search problems"
          />
        </label>
        <SetSelect sets={sets} value={setId} onChange={setSetId} label="Set" ariaLabel="Filter by set" />
        <label>
          <span className="filter-label">Difficulty</span>
          <select value={difficulty} onChange={(e) => setDifficulty(e.target.value)} aria-label="Filter by difficulty">
            <option value="">All</option>
            {DIFFICULTIES.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="filter-label">Tag</span>
          <select value={tag} onChange={(e) => setTag(e.target.value)} aria-label="Filter by tag">
            <option value="">All</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBox>{error ? `Could not load the problems: ${error}` : null}</ErrorBox>
      {!problems && !error ? <p className="muted">Loading…</p> : null}
      {problems ? (
        <table className="problem-table">
          <thead>
            <tr>
              <th scope="col" className="col-status">
                <span className="visually-hidden">Status</span>
              </th>
              <th scope="col">Title</th>
              <th scope="col">Difficulty</th>
              <th scope="col">Time</th>
              <th scope="col">Tags</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.slug} data-slug={p.slug}>
                <td className="col-status">
                  {p.solved ? (
                    <span className="mark solved" title="Solved" aria-label="Solved">
                      ✓
                    </span>
                  ) : p.attempted ? (
                    <span className="mark attempted" title="Attempted" aria-label="Attempted">
                      ●
                    </span>
                  ) : null}
                </td>
                <td>
                  <a href={`/p/${p.slug}`} onClick={(e) => linkClick(e, `/p/${p.slug}`)} className="problem-link">
                    {p.title}
                  </a>
                </td>
                <td>
                  <span className={`difficulty d-${p.difficulty}`}>{p.difficulty}</span>
                </td>
                <td className="muted nowrap" title="estimated time for a prepared candidate">
                  {p.estimatedMinutes ? `~${p.estimatedMinutes} min` : ''}
                </td>
                <td>
                  <ul className="tags" aria-label="tags">
                    {p.tags.map((t) => (
                      <li key={t}>
                        <button
                          type="button"
                          className={`tag ${tag === t ? 'active' : ''}`}
                          onClick={() => setTag(tag === t ? '' : t)}
                          aria-pressed={tag === t}
                          title={`Show problems tagged ${t}`}
                        >
                          {t}
                        </button>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
            {shown.length === 0 ? (
              <tr>
                <td colSpan={5} className="muted">
                  No problem matches these filters.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      ) : null}
    </main>
  );
}
