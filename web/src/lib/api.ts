/**
 * The one place where the web app talks to the server. Every response and live event is checked against the API's
 * contract (server/src/contract.ts: the schemas the server validates and serializes with), and tagged values inside
 * results are decoded, so components only ever see checked data.
 */
import type { Static, TSchema } from 'typebox';
import { Check, Errors } from 'typebox/schema';
import { reviveTags } from '../../../harness/src/codec.ts';
import {
  AuthoringProblems,
  CandidateScreen,
  ClientEventsStored,
  CounterexampleReport,
  DraftSaved,
  DraftView,
  FlipDetail,
  ExpectedOutputs,
  Me,
  ProblemDetail,
  ProblemFilesView,
  ProblemList,
  ProblemSets,
  Progress,
  ReportCreated,
  ReportDetail,
  ReportList,
  ReportReplay,
  ReportSummary,
  RevisionFilesView,
  RevisionView,
  ScaffoldView,
  ScreenLink,
  ScreenList,
  ScreenReport,
  ScreenStarted,
  ScreenView,
  SignedIn,
  SignedOut,
  SubmissionCreated,
  SubmissionEvents,
  SubmissionList,
  SubmissionView,
  VisibilityBody,
  type ClientEvent,
  type CreateScreenBody,
  type CustomInput,
  type ExpectedOutput,
  type ReportBody,
  type ReportStatus,
  type SubmissionEvent,
  type SubmissionListItem,
  type TestResult,
} from '../../../server/src/contract.ts';
import type { Draft } from './storage.ts';

export type {
  AuthoringProblem,
  CandidateScreen,
  ClientEvent,
  CompileError,
  CostBand,
  CounterexampleReport,
  CreateScreenBody,
  CustomInput,
  ExpectedOutput,
  GradeSummary,
  LanePoint,
  Me,
  ProblemDetail,
  ProblemReport,
  ProblemRecord,
  ProblemSummary,
  Progress,
  ReplayLane,
  ReportDetail,
  ReportReplay,
  ReportStatus,
  ReportSummary,
  ReportedTest,
  RevisionView,
  ScreenPhase,
  ScreenReport,
  ScreenView,
  SignedIn,
  SubmissionEvent,
  SubmissionListItem,
  SubmissionView,
  TestCost,
  TestResult,
  TimelineEventKind,
  Verdict,
  Visibility,
} from '../../../server/src/contract.ts';

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

// ---- checks -----------------------------------------------------------------------------------------------------

const A: Record<string, string> = { array: 'an array', object: 'an object', integer: 'an integer', null: 'null' };

/** `/0/tags` → `response[0].tags`. */
function at(root: string, pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .reduce(
      (p, seg) => (/^\d+$/.test(seg) ? `${p}[${seg}]` : `${p}.${seg.replace(/~1/g, '/').replace(/~0/g, '~')}`),
      root,
    );
}

/** The deepest of the schema's complaints, in words. */
function describe(schema: TSchema, value: unknown, root: string): string {
  const [, errors] = Errors(schema, value);
  const deepest = errors.reduce<(typeof errors)[number] | undefined>(
    (best, e) => (!best || e.instancePath.length > best.instancePath.length ? e : best),
    undefined,
  );
  if (!deepest) return `${root} does not fit`;
  const where = at(root, deepest.instancePath);
  const params = deepest.params as { type?: string; allowedValues?: unknown[]; requiredProperties?: string[] };
  switch (deepest.keyword) {
    case 'type':
      return `${where} is not ${A[params.type ?? ''] ?? `a ${params.type}`}`;
    case 'enum':
      return `${where} is not one of ${(params.allowedValues ?? []).join(', ')}`;
    case 'required':
      return `${where}.${params.requiredProperties?.[0] ?? '?'} is missing`;
    default:
      return `${where} ${deepest.message}`;
  }
}

/** Returns `value` typed by `schema`, or throws BAD_RESPONSE saying where it does not fit. */
function checked<T extends TSchema>(schema: T, value: unknown, root: string): Static<T> {
  if (Check(schema, value)) return value as Static<T>;
  throw new ApiError(0, 'BAD_RESPONSE', `unexpected response from the server: ${describe(schema, value, root)}`);
}

/** Decodes a result's tagged values (non-finite numbers, -0, undefined) once its shape is checked. */
export function decodeResult(r: TestResult): TestResult {
  const out: TestResult = { ...r };
  if (r.input) out.input = reviveTags(r.input) as TestResult['input'];
  if ('expected' in r) out.expected = reviveTags(r.expected);
  if ('actual' in r) out.actual = reviveTags(r.actual);
  if (r.mismatch)
    out.mismatch = { ...r.mismatch, expected: reviveTags(r.mismatch.expected), actual: reviveTags(r.mismatch.actual) };
  return out;
}

function decodeEvent(e: SubmissionEvent): SubmissionEvent {
  return e.type === 'test-finished' ? { ...e, result: decodeResult(e.result) } : e;
}

// ---- requests ---------------------------------------------------------------------------------------------------

async function request<T extends TSchema>(method: string, url: string, schema: T, body?: unknown): Promise<Static<T>> {
  let r: Response;
  try {
    r = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
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
    throw new ApiError(
      r.status,
      typeof e.code === 'string' ? e.code : `HTTP_${r.status}`,
      typeof e.message === 'string' ? e.message : `the server answered ${r.status}`,
    );
  }
  return checked(schema, json, 'response');
}

/**
 * Where a problem's editor loads and saves its work: the learner's practice (`/api`) or a candidate's screen
 * (`/api/candidate/<token>`). The server registers the same routes under both bases (server/src/routes/workspace.ts),
 * so one editor page serves both.
 */
export interface Workspace {
  /** What this browser files drafts and custom inputs under, so a screen's work never mixes with practice. */
  storageScope: string;
  problem(slug: string): Promise<ProblemDetail>;
  /** The server's draft, or null when there is none. */
  draft(slug: string): Promise<Draft | null>;
  saveDraft(slug: string, code: string): Promise<unknown>;
  submit(slug: string, code: string): Promise<{ id: string }>;
  submission(id: string): Promise<SubmissionView>;
  /** The caller's submissions for one problem, newest first. */
  submissions(slug: string): Promise<SubmissionListItem[]>;
  /** Follows a submission's live grading; returns a function that stops following. */
  follow(id: string, onEvent: (e: SubmissionEvent) => void, onError: (e: Error) => void): () => void;
  /** What feedback beyond the suite this workspace offers (issue 15): practice both, a screen at most the first. */
  feedback: { expectedOutputs: boolean; counterexample: boolean };
  /** The reference's output for each of the user's inputs (or the validator's message), decoded. */
  expectedOutputs(slug: string, inputs: CustomInput[]): Promise<ExpectedOutput[]>;
  /** A shrunk input on which `code` and the reference disagree, if one is found; decoded. */
  counterexample(slug: string, code: string): Promise<CounterexampleReport>;
}

function workspaceAt(base: string, storageScope: string, feedback: Workspace['feedback']): Workspace {
  const enc = encodeURIComponent;
  const ws: Workspace = {
    storageScope,
    problem: (slug) => request('GET', `${base}/problems/${enc(slug)}`, ProblemDetail),
    draft: async (slug) => {
      try {
        const d = await request('GET', `${base}/drafts/${enc(slug)}`, DraftView);
        const t = Date.parse(d.updatedAt);
        return { code: d.code, updatedAt: Number.isFinite(t) ? t : 0 };
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    saveDraft: (slug, code) => request('PUT', `${base}/drafts/${enc(slug)}`, DraftSaved, { code }),
    submit: (problem, code) => request('POST', `${base}/submissions`, SubmissionCreated, { problem, code }),
    submission: async (id) => {
      const s = await request('GET', `${base}/submissions/${enc(id)}`, SubmissionView);
      return { ...s, results: s.results.map(decodeResult) };
    },
    submissions: (slug) => request('GET', `${base}/submissions?problem=${enc(slug)}`, SubmissionList),
    follow: (id, onEvent, onError) =>
      followSubmission(`${base}/submissions/${enc(id)}/events`, () => ws.submission(id), onEvent, onError),
    feedback,
    expectedOutputs: async (problem, inputs) => {
      const r = await request('POST', `${base}/expected-outputs`, ExpectedOutputs, { problem, inputs });
      return r.outputs.map((o) => (o.status === 'ok' ? { ...o, expected: reviveTags(o.expected) } : o));
    },
    counterexample: async (problem, code) => {
      const r = await request('POST', `${base}/counterexamples`, CounterexampleReport, { problem, code });
      if (!r.counterexample) return r;
      const c = r.counterexample;
      return {
        ...r,
        counterexample: { ...c, original: reviveTags(c.original) as typeof c.original, result: decodeResult(c.result) },
      };
    },
  };
  return ws;
}

/** The learner's own practice. */
export const practice: Workspace = workspaceAt('/api', '', { expectedOutputs: true, counterexample: true });

/** A candidate's screen, reached through its link token (the only credential the candidate has). */
export function screenWorkspace(token: string, opts: { expectedOutputs?: boolean } = {}): Workspace {
  // Counterexamples are for practice only; expected outputs when the interviewer enabled them.
  return workspaceAt(`/api/candidate/${encodeURIComponent(token)}`, `screen:${token}:`, {
    expectedOutputs: opts.expectedOutputs ?? false,
    counterexample: false,
  });
}

// ---- accounts and screens ---------------------------------------------------------------------------------------

const screenUrl = (id: string, action: string): string => `/api/screens/${encodeURIComponent(id)}/${action}`;
const candidateUrl = (token: string, action = ''): string => `/api/candidate/${encodeURIComponent(token)}${action}`;

export const api = {
  problems: () => request('GET', '/api/problems', ProblemList),
  problemSets: () => request('GET', '/api/problem-sets', ProblemSets),
  me: () => request('GET', '/api/auth/me', Me),
  login: (name: string, password: string) => request('POST', '/api/auth/login', SignedIn, { name, password }),
  signup: (name: string, password: string) => request('POST', '/api/auth/signup', SignedIn, { name, password }),
  /** The caller's record; days are counted in this browser's time zone. */
  progress: () => request('GET', `/api/progress?utcOffsetMinutes=${-new Date().getTimezoneOffset()}`, Progress),
  logout: () => request('POST', '/api/auth/logout', SignedOut),
  screens: () => request('GET', '/api/screens', ScreenList),
  createScreen: (input: CreateScreenBody) => request('POST', '/api/screens', ScreenLink, input),
  newLink: (id: string) => request('POST', screenUrl(id, 'link'), ScreenLink, {}),
  revokeScreen: (id: string) => request('POST', screenUrl(id, 'revoke'), ScreenView, {}),
  extendScreen: (id: string, minutes: number) => request('POST', screenUrl(id, 'extend'), ScreenView, { minutes }),
  report: async (id: string) => {
    const r = await request('GET', screenUrl(id, 'report'), ScreenReport);
    return { ...r, submissions: r.submissions.map((s) => ({ ...s, results: s.results.map(decodeResult) })) };
  },
  reportDownloadUrl: (id: string) => `${screenUrl(id, 'report')}?download=1`,
  /** Reports a test to the problem's authors (issue 12 §3). */
  reportTest: (body: ReportBody) => request('POST', '/api/reports', ReportCreated, body),
  authoring: {
    problems: () => request('GET', '/api/authoring/problems', AuthoringProblems),
    files: (slug: string) =>
      request('GET', `/api/authoring/problems/${encodeURIComponent(slug)}/files`, ProblemFilesView),
    scaffold: (slug: string) => request('GET', `/api/authoring/scaffold/${encodeURIComponent(slug)}`, ScaffoldView),
    setVisibility: (slug: string, visibility: Static<typeof VisibilityBody>['visibility']) =>
      request('PUT', `/api/authoring/problems/${encodeURIComponent(slug)}/visibility`, VisibilityBody, { visibility }),
    submit: (body: { slug: string; files: Record<string, string>; note?: string }) =>
      request('POST', '/api/authoring/revisions', RevisionView, body),
    revision: (id: string) => request('GET', `/api/authoring/revisions/${encodeURIComponent(id)}`, RevisionView),
    revisionFiles: (id: string) =>
      request('GET', `/api/authoring/revisions/${encodeURIComponent(id)}/files`, RevisionFilesView),
    flip: (link: string) => request('GET', link, FlipDetail),
    publish: (id: string) =>
      request('POST', `/api/authoring/revisions/${encodeURIComponent(id)}/publish`, RevisionView, {}),
    discard: (id: string) =>
      request('POST', `/api/authoring/revisions/${encodeURIComponent(id)}/discard`, RevisionView, {}),
    /** The inbox of reported tests; `mine`: only on the problems the caller published or revised. */
    reports: (status: ReportStatus, mine = false) =>
      request(
        'GET',
        `/api/authoring/reports?status=${encodeURIComponent(status)}${mine ? '&mine=true' : ''}`,
        ReportList,
      ),
    report: async (id: string) => {
      const d = await request('GET', `/api/authoring/reports/${encodeURIComponent(id)}`, ReportDetail);
      return {
        ...d,
        test: d.test
          ? {
              ...d.test,
              input: reviveTags(d.test.input) as typeof d.test.input,
              ...('expected' in d.test ? { expected: reviveTags(d.test.expected) } : {}),
            }
          : null,
        seen: d.seen ? { ...d.seen, results: d.seen.results.map(decodeResult) } : null,
      };
    },
    replayReport: async (id: string) => {
      const r = await request('POST', `/api/authoring/reports/${encodeURIComponent(id)}/replay`, ReportReplay, {});
      return { ...r, results: r.results.map(decodeResult) };
    },
    resolveReport: (id: string, note: string) =>
      request('POST', `/api/authoring/reports/${encodeURIComponent(id)}/resolve`, ReportSummary, note ? { note } : {}),
  },
  candidate: {
    screen: (token: string) => request('GET', candidateUrl(token), CandidateScreen),
    start: (token: string) => request('POST', candidateUrl(token, '/start'), ScreenStarted, {}),
    sendEvents: (token: string, clientId: string, events: ClientEvent[]) =>
      request('POST', candidateUrl(token, '/events'), ClientEventsStored, { clientId, events }),
  },
};

// ---- live grading events ----------------------------------------------------------------------------------------

/** Errors in a row (no event in between) after which a broken stream is given up for polling. */
const MAX_RECONNECTS = 5;

/**
 * Follows a submission's server-sent events until its `done` event. When the stream breaks (an API process restarted,
 * a proxy cut it), the browser reconnects by itself and sends the id of the last event it got (`Last-Event-ID`): the
 * server resumes after it, from any API process, so no event is lost or repeated. If the server refuses the stream
 * or it keeps breaking, falls back to reading the stored submission. Returns a function that stops following.
 */
function followSubmission(
  eventsUrl: string,
  read: () => Promise<SubmissionView>,
  onEvent: (e: SubmissionEvent) => void,
  onError: (e: Error) => void,
): () => void {
  let stopped = false;
  let finished = false;
  let failures = 0;
  const source = new EventSource(eventsUrl);
  const stop = (): void => {
    stopped = true;
    source.close();
  };
  const emit = (e: SubmissionEvent): void => {
    if (stopped) return;
    onEvent(e);
    if (e.type === 'done') {
      finished = true;
      stop();
    }
  };
  for (const [type, schema] of Object.entries(SubmissionEvents)) {
    source.addEventListener(type, (ev: MessageEvent<string>) => {
      failures = 0;
      try {
        emit(decodeEvent(checked(schema, JSON.parse(ev.data), type)));
      } catch (err) {
        onError(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }
  source.onerror = () => {
    if (stopped || finished) return;
    failures++;
    // CONNECTING: the browser is reconnecting with Last-Event-ID; let it.
    if (source.readyState !== EventSource.CLOSED && failures < MAX_RECONNECTS) return;
    // Refused, or broken again and again: read the stored state instead, and poll until it is done.
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
          // A missing submission or an answer that breaks the contract will not mend by asking again; a network
          // error or a 5xx may.
          if (err instanceof ApiError && (err.status === 404 || err.code === 'BAD_RESPONSE')) {
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
