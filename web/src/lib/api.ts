/**
 * The one place where the web app talks to the server: every response and every stored draft is validated here
 * (shape and types), and tagged values inside results are decoded, so components only ever see checked data.
 */
import type { PublicProblem } from '../../../server/src/problems/catalog.ts';
import type { ScreenPhase } from '../../../server/src/screens/lifecycle.ts';
import type { ProblemReport as ServerProblemReport } from '../../../server/src/screens/service.ts';
import type { GradeSummary, TestResult } from '../../../harness/src/grade.ts';
import type { CompileError } from '../../../harness/src/compile/transpile.ts';
import { reviveTags } from '../../../harness/src/codec.ts';
import { isVerdict, type Verdict } from '../../../harness/src/verdict.ts';

export type { PublicProblem, GradeSummary, TestResult, CompileError, Verdict };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// ---- a tiny validator -------------------------------------------------------------------------------------------

type Check<T> = (v: unknown, path: string) => T;

function fail(path: string, what: string): never {
  throw new ApiError(0, 'BAD_RESPONSE', `unexpected response from the server: ${path} is not ${what}`);
}
const str: Check<string> = (v, p) => (typeof v === 'string' ? v : fail(p, 'a string'));
const num: Check<number> = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? v : fail(p, 'a number'));
const bool: Check<boolean> = (v, p) => (typeof v === 'boolean' ? v : fail(p, 'a boolean'));
const any: Check<unknown> = (v) => v;
const nullable =
  <T>(c: Check<T>): Check<T | null> =>
  (v, p) => (v === null ? null : c(v, p));
const optional =
  <T>(c: Check<T>): Check<T | undefined> =>
  (v, p) => (v === undefined ? undefined : c(v, p));
const arr =
  <T>(c: Check<T>): Check<T[]> =>
  (v, p) => (Array.isArray(v) ? v.map((x, i) => c(x, `${p}[${i}]`)) : fail(p, 'an array'));
const oneOf =
  <T extends string>(...values: T[]): Check<T> =>
  (v, p) => ((values as unknown[]).includes(v) ? (v as T) : fail(p, `one of ${values.join(', ')}`));
function obj<T>(shape: { [K in keyof T]: Check<T[K]> }): Check<T> {
  return (v, p) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return fail(p, 'an object');
    const src = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape) as Array<keyof T & string>) {
      const value = (shape[key] as Check<unknown>)(src[key], `${p}.${key}`);
      if (value !== undefined) out[key] = value;
    }
    return out as T;
  };
}
const verdict: Check<Verdict> = (v, p) => (isVerdict(v) ? v : fail(p, 'a verdict'));

// ---- shapes -----------------------------------------------------------------------------------------------------

export interface ProblemSummary {
  slug: string;
  title: string;
  difficulty: string;
  tags: string[];
  solved: boolean;
  attempted: boolean;
}
const problemSummary = obj<ProblemSummary>({ slug: str, title: str, difficulty: str, tags: arr(str), solved: bool, attempted: bool });

const problemDetail: Check<PublicProblem> = (v, p) => {
  const checked = obj({
    slug: str,
    title: str,
    difficulty: oneOf('easy', 'medium', 'hard'),
    tags: arr(str),
    statement: str,
    starter: str,
    entries: arr(obj({ name: str, signature: str, checker: obj({ name: oneOf('exact', 'float', 'custom'), args: optional(any as Check<Record<string, unknown>>) }) })),
    typings: str,
    samples: arr(obj({ index: num, name: str, input: any, expected: any, stepBudget: num })),
    limits: obj({ memoryMb: num, wallMs: num, stackKb: num, outputKb: num, consoleKb: num }),
    runner: obj({
      driverJs: nullable(str),
      sandboxLimits: obj({ memoryBytes: num, stackBytes: num, outputBytes: num, consoleBytes: num, judgeStepBudget: num, wallMs: num }),
    }),
  })(v, p);
  if (checked.runner.driverJs === undefined) checked.runner.driverJs = null;
  return checked as PublicProblem;
};

const compileError = obj<CompileError>({ message: str, line: num, column: num, lineText: (v) => (typeof v === 'string' ? v : '') });

/** A per-test result: the fields every result has are checked; values are decoded from tagged JSON. */
export const testResult: Check<TestResult> = (v, p) => {
  const base = obj({ index: num, group: oneOf('sample', 'hidden'), verdict, steps: num, memoryBytes: num })(v, p);
  const src = v as Record<string, unknown>;
  const out: TestResult = { ...base };
  const text = (k: string): string | undefined => (typeof src[k] === 'string' ? (src[k] as string) : undefined);
  const n = (k: string): number | undefined => (typeof src[k] === 'number' ? (src[k] as number) : undefined);
  if (n('wallMs') !== undefined) out.wallMs = n('wallMs');
  if (n('stepBudget') !== undefined) out.stepBudget = n('stepBudget');
  if (n('scaleN') !== undefined) out.scaleN = n('scaleN');
  if (text('id') !== undefined) out.id = text('id');
  if (text('name') !== undefined) out.name = text('name');
  if (text('message') !== undefined) out.message = text('message');
  if (text('console') !== undefined) out.console = text('console');
  if (src.consoleTruncated === true) out.consoleTruncated = true;
  if (src.error && typeof src.error === 'object') {
    const e = src.error as Record<string, unknown>;
    out.error = { name: String(e.name ?? 'Error'), message: String(e.message ?? ''), stack: String(e.stack ?? '') };
  }
  if ('input' in src && src.input && typeof src.input === 'object') out.input = reviveTags(src.input) as TestResult['input'];
  if ('expected' in src) out.expected = reviveTags(src.expected);
  if ('actual' in src) out.actual = reviveTags(src.actual);
  if (src.mismatch && typeof src.mismatch === 'object') {
    const m = src.mismatch as Record<string, unknown>;
    out.mismatch = { path: String(m.path ?? 'out'), reason: String(m.reason ?? ''), expected: reviveTags(m.expected), actual: reviveTags(m.actual) };
  }
  return out;
};

const gradeSummary: Check<GradeSummary> = (v, p) => {
  const s = obj({ verdict, passed: num, total: num, steps: num, maxMemoryBytes: num, wallMs: num, compileMs: num, firstFailure: nullable(num) })(v, p);
  const src = v as Record<string, unknown>;
  const ce = src.compileError;
  const g = src.growth as { points?: unknown; exponent?: unknown; referenceExponent?: unknown } | undefined;
  const growth = g && Array.isArray(g.points)
    ? {
        points: g.points.map((x, i) => obj({ n: num, steps: num, referenceSteps: num, capped: (b, q) => (typeof b === 'boolean' ? b : fail(q, 'a boolean')) })(x, `${p}.growth.points[${i}]`)),
        exponent: nullable(num)(g.exponent ?? null, `${p}.growth.exponent`),
        referenceExponent: nullable(num)(g.referenceExponent ?? null, `${p}.growth.referenceExponent`),
      }
    : undefined;
  return {
    ...s,
    firstFailure: s.firstFailure ?? null,
    ...(ce ? { compileError: compileError(ce, `${p}.compileError`) } : {}),
    ...(growth ? { growth } : {}),
    ...(typeof src.explanation === 'string' ? { explanation: src.explanation } : {}),
  };
};

const nullableSummary: Check<GradeSummary | null> = (v, p) => (v === null || v === undefined ? null : gradeSummary(v, p));

export interface SubmissionView {
  id: string;
  problem: string;
  status: 'queued' | 'running' | 'done';
  verdict: Verdict | null;
  summary: GradeSummary | null;
  results: TestResult[];
  code?: string;
  createdAt: string;
  finishedAt: string | null;
}
const submissionView = obj<SubmissionView>({
  id: str,
  problem: str,
  status: oneOf('queued', 'running', 'done'),
  verdict: nullable(verdict),
  summary: nullableSummary,
  results: arr(testResult),
  code: optional(str),
  createdAt: str,
  finishedAt: nullable(str),
});

export interface SubmissionListItem {
  id: string;
  problem: string;
  status: string;
  verdict: Verdict | null;
  createdAt: string;
}
const submissionList = arr(obj<SubmissionListItem>({ id: str, problem: str, status: str, verdict: nullable(verdict), createdAt: str }));

export interface Draft {
  code: string;
  /** Milliseconds since the epoch. */
  updatedAt: number;
}
const serverDraft: Check<Draft> = (v, p) => {
  const d = obj({ code: str, updatedAt: str })(v, p);
  const t = Date.parse(d.updatedAt);
  return { code: d.code, updatedAt: Number.isFinite(t) ? t : 0 };
};

// ---- requests ---------------------------------------------------------------------------------------------------

async function request<T>(method: string, url: string, check: Check<T>, body?: unknown): Promise<T> {
  let r: Response;
  try {
    r = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'OFFLINE', 'the server cannot be reached (offline?)');
  }
  let json: unknown = null;
  try {
    json = await r.json();
  } catch {
    // a body that is not JSON: handled below
  }
  if (!r.ok) {
    const e = json && typeof json === 'object' ? (json as Record<string, unknown>) : {};
    throw new ApiError(r.status, typeof e.code === 'string' ? e.code : `HTTP_${r.status}`, typeof e.message === 'string' ? e.message : `the server answered ${r.status}`);
  }
  return check(json, 'response');
}

/**
 * Where a problem's editor loads and saves its work: the learner's practice (`/api`) or a candidate's screen
 * (`/api/candidate/<token>`). Both speak the same routes under their own base, so one editor page serves both.
 */
export interface Workspace {
  /** What this browser files drafts and custom inputs under, so a screen's work never mixes with practice. */
  storageScope: string;
  problem(slug: string): Promise<PublicProblem>;
  /** The server's draft, or null when there is none. */
  draft(slug: string): Promise<Draft | null>;
  saveDraft(slug: string, code: string): Promise<unknown>;
  submit(slug: string, code: string): Promise<{ id: string }>;
  submission(id: string): Promise<SubmissionView>;
  /** The caller's submissions for one problem, newest first. */
  submissions(slug: string): Promise<SubmissionListItem[]>;
  /** Follows a submission's live grading; returns a function that stops following. */
  follow(id: string, onEvent: (e: LiveEvent) => void, onError: (e: Error) => void): () => void;
}

function workspaceAt(base: string, storageScope: string): Workspace {
  const enc = encodeURIComponent;
  const ws: Workspace = {
    storageScope,
    problem: (slug) => request('GET', `${base}/problems/${enc(slug)}`, problemDetail),
    draft: async (slug) => {
      try {
        return await request('GET', `${base}/drafts/${enc(slug)}`, serverDraft);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    saveDraft: (slug, code) => request('PUT', `${base}/drafts/${enc(slug)}`, obj({ updatedAt: str }), { code }),
    submit: (problem, code) => request('POST', `${base}/submissions`, obj({ id: str }), { problem, code }),
    submission: (id) => request('GET', `${base}/submissions/${enc(id)}`, submissionView),
    // A screen's list is not filtered by the server (it holds a few submissions): filter here for both.
    submissions: async (slug) => (await request('GET', `${base}/submissions?problem=${enc(slug)}`, submissionList)).filter((s) => s.problem === slug),
    follow: (id, onEvent, onError) => followSubmission(`${base}/submissions/${enc(id)}/events`, () => ws.submission(id), onEvent, onError),
  };
  return ws;
}

/** The learner's own practice. */
export const practice: Workspace = workspaceAt('/api', '');

/** A candidate's screen, reached through its link token (the only credential the candidate has). */
export function screenWorkspace(token: string): Workspace {
  return workspaceAt(`/api/candidate/${encodeURIComponent(token)}`, `screen:${token}:`);
}

// ---- accounts and screens ---------------------------------------------------------------------------------------

export interface Me {
  user: { id: string; name: string; role: string } | null;
}
const me = obj<Me>({ user: nullable(obj({ id: str, name: str, role: str })) });

export type { ScreenPhase };
const phase = oneOf<ScreenPhase>('not-started', 'active', 'grace', 'over', 'link-expired', 'revoked');

/** A screen as its interviewer sees it. */
export interface ScreenInfo {
  id: string;
  problems: string[];
  durationMinutes: number;
  extraMinutes: number;
  candidateName: string | null;
  candidateEmail: string | null;
  linkExpiresAt: string;
  createdAt: string;
  revokedAt: string | null;
  startedAt: string | null;
  endsAt: string | null;
  phase: ScreenPhase;
  remainingMs: number | null;
}
const screenInfo = obj<ScreenInfo>({
  id: str,
  problems: arr(str),
  durationMinutes: num,
  extraMinutes: num,
  candidateName: nullable(str),
  candidateEmail: nullable(str),
  linkExpiresAt: str,
  createdAt: str,
  revokedAt: nullable(str),
  startedAt: nullable(str),
  endsAt: nullable(str),
  phase,
  remainingMs: nullable(num),
});

export interface NewScreenInput {
  problems: string[];
  durationMinutes: number;
  extraMinutes?: number;
  candidateName?: string;
  candidateEmail?: string;
  linkExpiresAt?: string;
}

/** The server's per-problem report, with its verdict checked. */
export type ProblemReport = Omit<ServerProblemReport, 'finalVerdict'> & { finalVerdict: Verdict | null };
export interface ReportSubmission {
  id: string;
  problem: string;
  submittedAt: string;
  auto: boolean;
  status: string;
  verdict: Verdict | null;
  summary: GradeSummary | null;
  results: TestResult[];
  code: string;
}
export interface TimelineEvent {
  at: string;
  kind: string;
  problem: string | null;
  data: Record<string, unknown>;
}
export interface ScreenReport {
  screen: ScreenInfo;
  problems: ProblemReport[];
  submissions: ReportSubmission[];
  timeline: TimelineEvent[];
}
const screenReport = obj<ScreenReport>({
  screen: screenInfo,
  problems: arr(
    obj<ProblemReport>({
      problem: str,
      finalVerdict: nullable(verdict),
      testsPassed: nullable(num),
      testsTotal: nullable(num),
      steps: nullable(num),
      maxMemoryBytes: nullable(num),
      submissions: num,
      msToFirstAccepted: nullable(num),
    }),
  ),
  submissions: arr(
    obj<ReportSubmission>({
      id: str,
      problem: str,
      submittedAt: str,
      auto: bool,
      status: str,
      verdict: nullable(verdict),
      summary: nullableSummary,
      results: arr(testResult),
      code: str,
    }),
  ),
  timeline: arr(
    obj<TimelineEvent>({
      at: str,
      kind: str,
      problem: nullable(str),
      data: (v) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}),
    }),
  ),
});

/** The screen as the candidate sees it: the intro and the server's clock. */
export interface CandidateScreen {
  phase: ScreenPhase;
  startedAt: string | null;
  endsAt: string | null;
  remainingMs: number | null;
  serverTime: string;
  durationMinutes: number;
  candidateName: string | null;
  problems: Array<{ slug: string; title: string; difficulty: string }>;
  rules: string[];
}
const candidateScreen = obj<CandidateScreen>({
  phase,
  startedAt: nullable(str),
  endsAt: nullable(str),
  remainingMs: nullable(num),
  serverTime: str,
  durationMinutes: num,
  candidateName: nullable(str),
  problems: arr(obj({ slug: str, title: str, difficulty: str })),
  rules: arr(str),
});

/** A timeline event as the candidate's browser sends it (the server stamps the time). */
export interface OutgoingEvent {
  seq: number;
  kind: 'snapshot' | 'run' | 'paste' | 'blur' | 'focus';
  problem?: string;
  data?: Record<string, unknown>;
}

export const api = {
  problems: () => request('GET', '/api/problems', arr(problemSummary)),
  me: () => request('GET', '/api/auth/me', me),
  login: (name: string, password: string) => request('POST', '/api/auth/login', me, { name, password }),
  logout: () => request('POST', '/api/auth/logout', any),
  screens: () => request('GET', '/api/screens', arr(screenInfo)),
  createScreen: (input: NewScreenInput) => request('POST', '/api/screens', obj({ screen: screenInfo, token: str, link: str }), input),
  newLink: (id: string) => request('POST', `/api/screens/${encodeURIComponent(id)}/link`, obj({ screen: screenInfo, token: str, link: str }), {}),
  revokeScreen: (id: string) => request('POST', `/api/screens/${encodeURIComponent(id)}/revoke`, screenInfo, {}),
  extendScreen: (id: string, minutes: number) => request('POST', `/api/screens/${encodeURIComponent(id)}/extend`, screenInfo, { minutes }),
  report: (id: string) => request('GET', `/api/screens/${encodeURIComponent(id)}/report`, screenReport),
  reportDownloadUrl: (id: string) => `/api/screens/${encodeURIComponent(id)}/report?download=1`,
  candidate: {
    screen: (token: string) => request('GET', `/api/candidate/${encodeURIComponent(token)}`, candidateScreen),
    start: (token: string) => request('POST', `/api/candidate/${encodeURIComponent(token)}/start`, obj({ startedAt: str, endsAt: str, remainingMs: num, serverTime: str }), {}),
    sendEvents: (token: string, clientId: string, events: OutgoingEvent[]) => request('POST', `/api/candidate/${encodeURIComponent(token)}/events`, obj({ stored: num }), { clientId, events }),
  },
};

// ---- live grading events ----------------------------------------------------------------------------------------

export type LiveEvent =
  | { type: 'status'; status: 'queued' | 'running' | 'done' }
  | { type: 'compiled'; ms: number }
  | { type: 'compile-error'; error: CompileError }
  | { type: 'test-started'; index: number; group: 'sample' | 'hidden' }
  | { type: 'test-finished'; result: TestResult }
  | { type: 'done'; summary: GradeSummary };

const liveChecks: Record<LiveEvent['type'], Check<LiveEvent>> = {
  status: obj({ type: oneOf('status'), status: oneOf('queued', 'running', 'done') }),
  compiled: obj({ type: oneOf('compiled'), ms: num }),
  'compile-error': obj({ type: oneOf('compile-error'), error: compileError }),
  'test-started': obj({ type: oneOf('test-started'), index: num, group: oneOf('sample', 'hidden') }),
  'test-finished': obj({ type: oneOf('test-finished'), result: testResult }),
  done: obj({ type: oneOf('done'), summary: gradeSummary }),
};

/**
 * Follows a submission's server-sent events until its `done` event. If the stream breaks, falls back to reading
 * the stored submission. Returns a function that stops following.
 */
function followSubmission(eventsUrl: string, read: () => Promise<SubmissionView>, onEvent: (e: LiveEvent) => void, onError: (e: Error) => void): () => void {
  let stopped = false;
  let finished = false;
  const source = new EventSource(eventsUrl);
  const stop = (): void => {
    stopped = true;
    source.close();
  };
  const emit = (e: LiveEvent): void => {
    if (stopped) return;
    onEvent(e);
    if (e.type === 'done') {
      finished = true;
      stop();
    }
  };
  for (const type of Object.keys(liveChecks) as Array<LiveEvent['type']>) {
    source.addEventListener(type, (ev: MessageEvent<string>) => {
      try {
        emit(liveChecks[type](JSON.parse(ev.data), type));
      } catch (err) {
        onError(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }
  source.onerror = () => {
    if (stopped || finished) return;
    // The stream broke (server restart, proxy): read the stored state instead, and poll until it is done.
    source.close();
    const poll = async (): Promise<void> => {
      while (!stopped) {
        try {
          const s = await read();
          if (s.status === 'done' && s.summary) {
            for (const r of s.results) emit({ type: 'test-finished', result: r });
            emit({ type: 'done', summary: s.summary });
            return;
          }
          emit({ type: 'status', status: s.status });
        } catch (err) {
          if (err instanceof ApiError && err.status === 404) {
            onError(err);
            return;
          }
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    void poll();
  };
  return stop;
}

// ---- local drafts -----------------------------------------------------------------------------------------------

const draftKey = (scope: string, slug: string): string => `judge:${scope}draft:${slug}`;

/** Drafts kept in this browser, filed under a workspace's storage scope ('' for practice). */
export const localDrafts = {
  get(scope: string, slug: string): Draft | null {
    try {
      const raw = localStorage.getItem(draftKey(scope, slug));
      if (!raw) return null;
      const d = JSON.parse(raw) as unknown;
      if (d && typeof d === 'object' && typeof (d as Draft).code === 'string' && typeof (d as Draft).updatedAt === 'number') return { code: (d as Draft).code, updatedAt: (d as Draft).updatedAt };
      return null;
    } catch {
      return null;
    }
  },
  set(scope: string, slug: string, code: string, updatedAt = Date.now()): void {
    try {
      localStorage.setItem(draftKey(scope, slug), JSON.stringify({ code, updatedAt }));
    } catch {
      // storage full or disabled: the server copy still works
    }
  },
  remove(scope: string, slug: string): void {
    try {
      localStorage.removeItem(draftKey(scope, slug));
    } catch {
      // ignore
    }
  },
};
