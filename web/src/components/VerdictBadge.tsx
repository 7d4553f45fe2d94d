import type { Verdict } from '../../../harness/src/verdict.ts';
import { verdictName } from '../lib/format.ts';

export function VerdictBadge({
  verdict,
  long = false,
  label,
}: {
  verdict: Verdict | null;
  long?: boolean;
  label?: string;
}) {
  const v = verdict ?? 'pending';
  return (
    <span className={`badge verdict-${v}`} title={verdictName(verdict)} aria-label={label ?? verdictName(verdict)}>
      {long ? verdictName(verdict) : (verdict ?? '…')}
    </span>
  );
}
