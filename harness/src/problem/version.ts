/**
 * A problem's version: a short hash of everything grading depends on, and nothing else. Two packages with the same
 * version grade every submission identically (steps are deterministic), so a stored verdict names the version it
 * was graded against, and a new version is what makes a re-grade worth running. In the hash: the built suite (inputs,
 * expected outputs or digests, step budgets), the sandbox limits, the entries and their checkers, and the package's
 * own modules that grading reads (driver.ts, checker.ts and any other module at the package's root). Not in it: the
 * statement, the starter, the title and tags, the visibility, the stored solutions, the generator and the validator
 * (they only feed `judge build`, whose output, the suite, is hashed).
 */
import { createHash } from 'node:crypto';
import type { SandboxLimits } from '../sandbox/types.ts';
import type { Manifest, Suite } from './manifest.ts';

/** Root modules that never take part in grading (their effect, if any, is the built suite). */
export const NOT_GRADED_MODULES: ReadonlySet<string> = new Set(['generator.ts', 'validator.ts', 'starter.ts']);

export interface VersionInputs {
  manifest: Manifest;
  limits: SandboxLimits;
  suite: Suite | null;
  /** The package's root modules that grading reads, by file name (driver.ts, checker.ts, helpers). */
  modules: Record<string, string>;
}

/** JSON with object keys sorted at every level, so equal content gives equal text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

/** 12 hex digits of SHA-256 over the grading inputs (48 bits: collisions between one problem's versions are moot). */
export function problemVersion(v: VersionInputs): string {
  const m = v.manifest;
  const text = stableJson({
    format: 1,
    entries: m.entries.map((e) => ({ name: e.name, checker: e.checker ?? m.checker })),
    limits: v.limits,
    suite: v.suite,
    modules: Object.fromEntries(Object.entries(v.modules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  });
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
