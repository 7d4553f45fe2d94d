/**
 * Misuse of the harness (a bad problem package, a bad option) is thrown as a JudgeError with a stable code, so
 * tests, logs and API clients can match on the code. Expected failures of a submission (compile errors, runtime
 * errors) are values, never thrown.
 */
export const ERROR_CODES = {
  PROBLEM_NOT_FOUND: 'JUDGE_PROBLEM_NOT_FOUND',
  PROBLEM_INVALID: 'JUDGE_PROBLEM_INVALID',
  SUITE_MISSING: 'JUDGE_SUITE_MISSING',
  SUITE_STALE: 'JUDGE_SUITE_STALE',
  DRIVER_INVALID: 'JUDGE_DRIVER_INVALID',
  CHECKER_UNKNOWN: 'JUDGE_CHECKER_UNKNOWN',
  ENGINE_UNAVAILABLE: 'JUDGE_ENGINE_UNAVAILABLE',
  POOL_CLOSED: 'JUDGE_POOL_CLOSED',
  BAD_OPTION: 'JUDGE_BAD_OPTION',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export class JudgeError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JudgeError';
    this.code = code;
  }
}

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };
