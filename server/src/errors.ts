/**
 * API errors: a stable code and a clear message for 4xx; 5xx never carries internals (the details go to the log).
 */
export const API_ERRORS = {
  BAD_REQUEST: { status: 400, code: 'BAD_REQUEST' },
  MALFORMED_JSON: { status: 400, code: 'MALFORMED_JSON' },
  CODE_TOO_LARGE: { status: 413, code: 'CODE_TOO_LARGE' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  URL_TOO_LONG: { status: 414, code: 'URL_TOO_LONG' },
  UNKNOWN_PROBLEM: { status: 404, code: 'UNKNOWN_PROBLEM' },
  NOT_FOUND: { status: 404, code: 'NOT_FOUND' },
  UNAUTHENTICATED: { status: 401, code: 'UNAUTHENTICATED' },
  FORBIDDEN: { status: 403, code: 'FORBIDDEN' },
  BAD_CREDENTIALS: { status: 401, code: 'BAD_CREDENTIALS' },
  NAME_TAKEN: { status: 409, code: 'NAME_TAKEN' },
  RATE_LIMITED: { status: 429, code: 'RATE_LIMITED' },
  TOO_MANY_QUEUED: { status: 429, code: 'TOO_MANY_QUEUED' },
  TOO_MANY_STREAMS: { status: 429, code: 'TOO_MANY_STREAMS' },
  /** Expected outputs or counterexamples where they are off (a screen: issue 15). */
  FEEDBACK_OFF: { status: 403, code: 'FEEDBACK_OFF' },
  QUEUE_FULL: { status: 503, code: 'QUEUE_FULL' },
  EVENT_TOO_LARGE: { status: 413, code: 'EVENT_TOO_LARGE' },
  TIMELINE_FULL: { status: 413, code: 'TIMELINE_FULL' },
  SCREEN_NOT_FOUND: { status: 404, code: 'SCREEN_NOT_FOUND' },
  SCREEN_REVOKED: { status: 410, code: 'SCREEN_REVOKED' },
  SCREEN_LINK_EXPIRED: { status: 410, code: 'SCREEN_LINK_EXPIRED' },
  SCREEN_OVER: { status: 410, code: 'SCREEN_OVER' },
  SCREEN_NOT_STARTED: { status: 409, code: 'SCREEN_NOT_STARTED' },
  SCREEN_TIME_UP: { status: 409, code: 'SCREEN_TIME_UP' },
  PROBLEM_INVALID: { status: 400, code: 'PROBLEM_INVALID' },
  PACKAGE_TOO_LARGE: { status: 413, code: 'PACKAGE_TOO_LARGE' },
  PROBLEM_CHECK_FAILED: { status: 422, code: 'PROBLEM_CHECK_FAILED' },
  REVISION_NOT_READY: { status: 409, code: 'REVISION_NOT_READY' },
  REVISION_CLOSED: { status: 409, code: 'REVISION_CLOSED' },
  REVISION_STALE: { status: 409, code: 'REVISION_STALE' },
  PROBLEM_EXISTS: { status: 409, code: 'PROBLEM_EXISTS' },
  /** A report of a submission still being graded: there is no verdict to report yet (issue 12 §3). */
  SUBMISSION_NOT_GRADED: { status: 409, code: 'SUBMISSION_NOT_GRADED' },
  /** Resolving a report that is resolved already. */
  REPORT_CLOSED: { status: 409, code: 'REPORT_CLOSED' },
  INTERNAL: { status: 500, code: 'INTERNAL' },
} as const;
export type ApiErrorKind = keyof typeof API_ERRORS;

export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(kind: ApiErrorKind, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.statusCode = API_ERRORS[kind].status;
    this.code = API_ERRORS[kind].code;
    this.headers = headers;
  }
}
