/**
 * A revision as the author follows it: its status, what `judge check` said (rendered line by line as the server
 * sends it, so new sections of the check show up with no change here; a stored solution's verdict gets a badge),
 * the flip table of the re-grade, and Publish / Discard.
 */
import { useState } from 'react';
import { api, type RevisionView, type Verdict } from '../lib/api.ts';
import { errorText } from '../lib/format.ts';
import { VERDICT_NAMES } from '../../../harness/src/verdict.ts';
import { ErrorBox } from './ErrorBox.tsx';
import { VerdictBadge } from './VerdictBadge.tsx';

const STATUS_TEXT: Record<RevisionView['status'], string> = {
  checking: 'Checking: the server builds the suite and runs judge check…',
  refused: 'Refused by the check',
  regrading: 'Re-grading stored submissions against this version…',
  ready: 'Ready to publish',
  live: 'Published: learners get this version',
  superseded: 'Superseded by a newer published version',
  discarded: 'Discarded',
};

/** `dot-sum: solutions/accepted/x.ts → AC, growth n^1.00` → the line without the slug, and its verdict if any. */
export function reportLine(slug: string, line: string): { text: string; file?: string; verdict?: Verdict } {
  const text = line.startsWith(`${slug}: `) ? line.slice(slug.length + 2) : line.replace(`${slug}/`, '');
  const m = /^(solutions\/\S+) → ([A-Z]{2,3})\b(.*)$/.exec(text);
  if (m && m[2]! in VERDICT_NAMES) return { text: m[3]!.replace(/^,\s*/, ''), file: m[1]!, verdict: m[2] as Verdict };
  return { text };
}

function CheckReport({ slug, check }: { slug: string; check: NonNullable<RevisionView['check']> }) {
  return (
    <div className="check-report" data-testid="check-report" data-ok={String(check.ok)}>
      {check.errors.length > 0 ? (
        <>
          <h3 className="check-title bad">
            {check.errors.length} error{check.errors.length === 1 ? '' : 's'}
          </h3>
          <ul className="check-errors">
            {check.errors.map((e, i) => (
              <li key={i}>
                <pre>{e.replaceAll(`${slug}/`, '')}</pre>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <h3 className="check-title ok">judge check passed</h3>
      )}
      {check.lines.length > 0 ? (
        <ul className="check-lines">
          {check.lines.map((l, i) => {
            const r = reportLine(slug, l);
            return (
              <li key={i} data-file={r.file}>
                {r.file ? (
                  <>
                    <code>{r.file}</code> <VerdictBadge verdict={r.verdict!} />{' '}
                  </>
                ) : null}
                <span>{r.text}</span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

function FlipTableView({ flips }: { flips: NonNullable<RevisionView['flips']> }) {
  const [detail, setDetail] = useState<{ link: string; code: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = async (link: string): Promise<void> => {
    setError(null);
    try {
      const d = await api.authoring.flip(link);
      const failing = d.to.results.find((r) => r.verdict !== 'AC');
      setDetail({
        link,
        code: d.code,
        text: `${d.from.verdict ?? '-'} → ${d.to.verdict ?? '-'}${failing ? ` on ${failing.group} test ${failing.index + 1}${failing.name ? ` "${failing.name}"` : ''}${failing.message ? `: ${failing.message}` : ''}` : ''}`,
      });
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section className="flip-table" data-testid="flip-table" aria-label="Flip table">
      <h3>Re-grade: stored verdicts under this version</h3>
      <p className="muted small">
        {flips.submissions} stored submission{flips.submissions === 1 ? '' : 's'} re-graded ({flips.distinctCodes}{' '}
        distinct code{flips.distinctCodes === 1 ? '' : 's'})
        {flips.skipped > 0 ? `, ${flips.skipped} older skipped` : ''}; {flips.flippedTotal} would change.
      </p>
      {flips.counts.length > 0 ? (
        <table className="problem-table flip-counts">
          <thead>
            <tr>
              <th>Old</th>
              <th>New</th>
              <th>Submissions</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {flips.counts.map((c, i) => (
              <tr key={i} className={c.from !== c.to ? 'flipped' : undefined}>
                <td>
                  <VerdictBadge verdict={c.from} />
                </td>
                <td>
                  <VerdictBadge verdict={c.to} />
                </td>
                <td>{c.submissions}</td>
                <td className="small">{c.from !== c.to ? 'flipped' : 'unchanged'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {flips.flipped.length > 0 ? (
        <ul className="flipped-list">
          {flips.flipped.map((f) => (
            <li key={f.submission}>
              <button type="button" className="btn ghost small" onClick={() => void open(f.link)}>
                Submission {f.submission.slice(0, 8)}: {f.from ?? '-'} → {f.to}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorBox>{error}</ErrorBox>
      {detail ? (
        <div className="flip-detail" data-testid="flip-detail">
          <p>{detail.text}</p>
          <pre className="code-block">{detail.code}</pre>
        </div>
      ) : null}
    </section>
  );
}

export function RevisionPanel({
  revision,
  onPublish,
  onDiscard,
  busy,
}: {
  revision: RevisionView;
  onPublish: () => void;
  onDiscard: () => void;
  busy: boolean;
}) {
  const r = revision;
  const pending = r.status === 'checking' || r.status === 'regrading' || r.status === 'ready';
  return (
    <section className="revision-panel" data-testid="revision" data-status={r.status} aria-live="polite">
      <div className="revision-head">
        <span className={`revision-status revision-${r.status}`}>{STATUS_TEXT[r.status]}</span>
        {r.version ? <span className="muted small">version {r.version}</span> : null}
        {r.baseVersion ? <span className="muted small">(live: {r.baseVersion})</span> : null}
        {r.regrade && r.status === 'regrading' ? (
          <span className="muted small">
            {r.regrade.done}/{r.regrade.jobs}
          </span>
        ) : null}
        <span className="spacer" />
        {pending ? (
          <>
            <button type="button" className="btn" onClick={onDiscard} disabled={busy}>
              Discard
            </button>
            <button
              type="button"
              className="btn primary"
              onClick={onPublish}
              disabled={busy || r.status !== 'ready'}
              title={r.status === 'ready' ? 'Put this version live' : 'Wait for the check and the re-grade'}
            >
              Publish
            </button>
          </>
        ) : null}
      </div>
      {r.check ? <CheckReport slug={r.slug} check={r.check} /> : null}
      {r.error && !r.check ? <ErrorBox>{r.error.message}</ErrorBox> : null}
      {r.flips ? <FlipTableView flips={r.flips} /> : null}
      {r.status === 'ready' && !r.flips && r.baseVersion === null ? (
        <p className="muted small">A new problem: no stored submissions to re-grade.</p>
      ) : null}
    </section>
  );
}
