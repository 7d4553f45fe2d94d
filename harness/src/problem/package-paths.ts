/**
 * Which relative paths belong to a problem package, as pure functions (no Node APIs), so the server (folder.ts) and
 * the browser's authoring page (its file list and .zip import) apply the same rule.
 */

/** A problem's slug (its folder's name): lower-case words joined by hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/;
export const PACKAGE_EXTENSIONS = ['.ts', '.json', '.md', '.txt'];

/** Why a relative path cannot be part of a package, or null when it can. */
export function packagePathProblem(rel: string): string | null {
  const parts = rel.split('/');
  if (parts.length > 3) return 'more than three levels deep';
  if (!parts.every((p) => SEGMENT.test(p)))
    return 'each part must be letters, digits, "_", "-" or "." and not start with "."';
  if (!PACKAGE_EXTENSIONS.some((e) => rel.endsWith(e)))
    return `only ${PACKAGE_EXTENSIONS.join(', ')} files belong to a package`;
  return null;
}

/**
 * The folders under solutions/, each named for the verdict its solutions must get (verify-package.ts's
 * VERDICT_FOLDERS maps them to verdicts; a test keeps the two lists equal).
 */
export const VERDICT_FOLDER_NAMES = [
  'accepted',
  'wrong_answer',
  'time_limit_exceeded',
  'memory_limit_exceeded',
  'runtime_error',
  'output_limit_exceeded',
  'compile_error',
] as const;
