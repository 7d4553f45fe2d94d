/** Small formatting helpers shared by the panels. */
import type { CostBand } from '../../../server/src/contract.ts';
import { VERDICT_NAMES, type Verdict } from '../../../harness/src/verdict.ts';

export { VERDICT_NAMES };

/** What went wrong, in words, for any thrown value. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function verdictName(v: Verdict | null | undefined): string {
  return v ? VERDICT_NAMES[v] : 'Pending';
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n >= 100 * 1024 * 1024 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n} B`;
}

export function formatSteps(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 10_000) return `${(n / 1000).toFixed(0)}k`;
  return String(n);
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

export function relativeTime(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const s = Math.round((now - t) / 1000);
  if (s < 45) return 'just now';
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h ago`;
  return new Date(t).toLocaleDateString();
}

/** A hidden test's cost band (a share of its limit), e.g. "10–33%". */
export function formatBand(b: CostBand): string {
  return b === '0-10' ? '≤ 10%' : b === '10-33' ? '10–33%' : b === '33-100' ? '33–100%' : '> 100%';
}
