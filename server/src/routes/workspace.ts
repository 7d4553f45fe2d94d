/**
 * A workspace: a problem, its draft, and submissions with their live grading. Practice and a candidate's screen are
 * the same routes registered twice, at `/api` (the caller owns the work) and at `/api/candidate/:token` (the screen
 * owns it); a `WorkspaceAccess` says, per request, whose work it is and what it may touch. The web app's
 * `Workspace` (web/src/lib/api.ts) speaks these routes under either base.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TObject, type TProperties } from 'typebox';
import { reviveTags, tagForJson } from '../../../harness/src/codec.ts';
import type { TestInput } from '../../../harness/src/problem/authoring.ts';
import { ANON_COOKIE } from '../auth/identity.ts';
import {
  CounterexampleBody,
  CounterexampleReport,
  DraftBody,
  DraftParams,
  DraftSaved,
  DraftView,
  ExpectedOutputs,
  ExpectedOutputsBody,
  ProblemDetail,
  SlugParams,
  SubmissionCreated,
  SubmissionEvent,
  SubmissionList,
  SubmissionListQuery,
  SubmissionParams,
  SubmissionView,
  SubmitBody,
  type SubmissionEvent as SubmissionEventValue,
  type Verdict,
} from '../contract.ts';
import { ApiError } from '../errors.ts';
import { storedOutcome } from '../grading/service.ts';
import { clientAddress, enforce } from '../limits.ts';
import type { Services } from '../services.ts';
import type { SubmissionRow } from '../storage/types.ts';

/** Whose work one request touches, and what it may do with it. */
export interface WorkspaceScope {
  /** What storage files the work under. */
  ownerId: string;
  /** Reads every owner's submissions (an admin in practice). */
  readsAll: boolean;
  /** Throws UNKNOWN_PROBLEM unless `slug` is one of this workspace's problems. */
  checkProblem(slug: string): void;
  /** Throws when this workspace takes no more work of that kind (a screen whose time is up). */
  checkOpen(work: 'draft' | 'submission'): void;
  /** Called once a submission is stored and queued. */
  submitted(problem: string, code: string, id: string): Promise<void>;
  /**
   * Feedback beyond the suite (issue 15): the reference's output for the user's inputs, and a counterexample
   * search. Practice has both; a screen has expected outputs only if the interviewer enabled them, never
   * counterexamples.
   */
  feedback: { expectedOutputs: boolean; counterexample: boolean };
}

export interface WorkspaceAccess {
  /** The OpenAPI tag of these routes. */
  tag: string;
  /** Schemas of the parameters in the prefix the routes are registered under (`:token`). */
  prefixParams: TProperties;
  /** Who owns the work of this request; throws (an unknown link, a screen not started) when there is none. */
  scope(req: FastifyRequest): Promise<WorkspaceScope>;
}

export function newSubmissionId(): string {
  return randomBytes(12).toString('base64url');
}

function checkCodeSize(services: Services, code: string): void {
  const max = services.config.MAX_CODE_BYTES;
  if (Buffer.byteLength(code, 'utf8') > max) throw new ApiError('CODE_TOO_LARGE', `code is larger than ${max} bytes`);
}

/**
 * Checks and stores a submission (status queued), then wakes the grader. Everything that is rejected is rejected
 * before anything is stored. The queue's limits (QUEUE_LIMIT in all, QUEUED_PER_OWNER for one owner) are checked
 * by the same atomic statement that stores it, so one owner never fills the queue and a burst never overshoots.
 */
export async function enqueueSubmission(
  services: Services,
  ownerId: string,
  problem: string,
  code: string,
): Promise<string> {
  const { store, catalog, grading, config } = services;
  checkCodeSize(services, code);
  if (!catalog.get(problem)) throw new ApiError('UNKNOWN_PROBLEM', `no problem named "${problem}"`);
  const id = newSubmissionId();
  const outcome = await store.enqueueSubmission(
    { id, ownerId, problem, code },
    { queueLimit: config.QUEUE_LIMIT, perOwner: config.QUEUED_PER_OWNER },
  );
  if (!outcome.queued && outcome.reason === 'owner-full') {
    throw new ApiError(
      'TOO_MANY_QUEUED',
      `${config.QUEUED_PER_OWNER} of your submissions are still waiting to be graded; submit again once they are`,
      { 'retry-after': '5' },
    );
  }
  if (!outcome.queued)
    throw new ApiError('QUEUE_FULL', 'the grading queue is full; try again shortly', { 'retry-after': '5' });
  grading.notify();
  return id;
}

/**
 * Feedback is rate-limited per user: the caller's account or learner cookie, the screen's link for a candidate; a
 * caller without a valid cookie (a fresh identity on every request) is counted by address instead.
 */
export function feedbackRateKey(req: FastifyRequest): string {
  const token = (req.params as { token?: unknown }).token;
  if (typeof token === 'string') return `screen:${token}`;
  const { ownerId, user } = req.identity;
  if (user) return `owner:${ownerId}`;
  const cookie = req.cookies[ANON_COOKIE];
  const unsigned = cookie ? req.unsignCookie(cookie) : null;
  return unsigned?.valid && `anon:${unsigned.value}` === ownerId ? `owner:${ownerId}` : `ip:${clientAddress(req)}`;
}

export async function submissionView(services: Services, row: SubmissionRow): Promise<SubmissionView> {
  const regrades = await services.store.revisions.appliedRegrades(row.id);
  return {
    id: row.id,
    problem: row.problem,
    status: row.status,
    ...storedOutcome(row),
    code: row.code,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
    problemVersion: row.problemVersion,
    regrades: regrades.map((r) => ({
      at: r.at.toISOString(),
      fromVersion: r.fromVersion,
      toVersion: r.toVersion,
      was: r.was as Verdict | null,
      now: r.now as Verdict,
      note: r.note,
    })),
  };
}

export const workspaceRoutes: FastifyPluginAsyncTypebox<{ access: WorkspaceAccess }> = async (app, { access }) => {
  const { services, limits } = app;
  const { store, catalog } = services;
  const tags = [access.tag];
  // The prefix's parameters (`:token`) are validated and documented with each route's own; handlers read only their own.
  const params = <P extends TProperties>(own: P) =>
    Type.Object({ ...access.prefixParams, ...own }) as unknown as TObject<P>;

  const readable = async (req: FastifyRequest, id: string): Promise<SubmissionRow> => {
    const scope = await access.scope(req);
    const row = await store.getSubmission(id);
    if (!row || (row.ownerId !== scope.ownerId && !scope.readsAll))
      throw new ApiError('NOT_FOUND', 'no such submission');
    return row;
  };

  app.get(
    '/problems/:slug',
    {
      schema: {
        tags,
        summary: 'Statement, starter, typings, samples and limits (never hidden tests)',
        params: params(SlugParams.properties),
        response: { 200: ProblemDetail },
      },
    },
    async (req) => {
      (await access.scope(req)).checkProblem(req.params.slug);
      const entry = catalog.get(req.params.slug);
      if (!entry) throw new ApiError('UNKNOWN_PROBLEM', `no problem named "${req.params.slug}"`);
      return entry.view;
    },
  );

  app.put(
    '/drafts/:problem',
    {
      schema: {
        tags,
        summary: 'Autosave the code of a problem (a screen grades the last one when time is up)',
        params: params(DraftParams.properties),
        body: DraftBody,
        response: { 200: DraftSaved },
      },
    },
    async (req) => {
      // Each save without a cookie creates a learner: the address is what limits them (issue 14 §5).
      enforce(limits.draftsPerAddress, clientAddress(req), 'draft saves from this address');
      const scope = await access.scope(req);
      scope.checkProblem(req.params.problem);
      scope.checkOpen('draft');
      checkCodeSize(services, req.body.code);
      const updatedAt = await store.saveDraft(scope.ownerId, req.params.problem, req.body.code);
      return { updatedAt: updatedAt.toISOString() };
    },
  );

  app.get(
    '/drafts/:problem',
    {
      schema: {
        tags,
        summary: 'The autosaved code of a problem',
        params: params(DraftParams.properties),
        response: { 200: DraftView },
      },
    },
    async (req) => {
      const scope = await access.scope(req);
      scope.checkProblem(req.params.problem);
      const draft = await store.getDraft(scope.ownerId, req.params.problem);
      if (!draft) throw new ApiError('NOT_FOUND', 'no draft for this problem');
      return { code: draft.code, updatedAt: draft.updatedAt.toISOString() };
    },
  );

  app.post(
    '/submissions',
    {
      schema: {
        tags,
        summary: 'Store a submission, then queue it for grading',
        params: params({}),
        body: SubmitBody,
        response: { 202: SubmissionCreated },
      },
    },
    async (req, reply) => {
      enforce(limits.submitsPerAddress, clientAddress(req), 'submissions from this address');
      const scope = await access.scope(req);
      // Per owner: a learner, an account, or a screen whatever the address (issue 14 §3).
      enforce(limits.submitsPerOwner, scope.ownerId, 'submissions');
      scope.checkProblem(req.body.problem);
      scope.checkOpen('submission');
      const id = await enqueueSubmission(services, scope.ownerId, req.body.problem, req.body.code);
      await scope.submitted(req.body.problem, req.body.code, id);
      return reply.code(202).send({ id });
    },
  );

  app.post(
    '/expected-outputs',
    {
      schema: {
        tags,
        summary: "The reference's output for your own inputs (or the validator's message for an invalid one)",
        params: params({}),
        body: ExpectedOutputsBody,
        response: { 200: ExpectedOutputs },
      },
      config: {
        rateLimit: {
          max: services.config.EXPECTED_RATE_PER_MINUTE,
          timeWindow: 60_000,
          keyGenerator: feedbackRateKey,
        },
      },
    },
    async (req) => {
      const scope = await access.scope(req);
      scope.checkProblem(req.body.problem);
      if (!scope.feedback.expectedOutputs)
        throw new ApiError('FEEDBACK_OFF', 'expected outputs are not available in this screen');
      const inputs = req.body.inputs.map((i) => reviveTags(i) as TestInput);
      const outputs = await services.feedback.expected(req.body.problem, inputs);
      return { outputs: outputs.map((o) => (o.status === 'ok' ? { ...o, expected: tagForJson(o.expected) } : o)) };
    },
  );

  app.post(
    '/counterexamples',
    {
      schema: {
        tags,
        summary: 'Find a small input on which your code and the reference disagree (practice only)',
        params: params({}),
        body: CounterexampleBody,
        response: { 200: CounterexampleReport },
      },
      config: {
        rateLimit: {
          max: services.config.COUNTEREXAMPLE_RATE_PER_MINUTE,
          timeWindow: 60_000,
          keyGenerator: feedbackRateKey,
        },
      },
    },
    async (req) => {
      const scope = await access.scope(req);
      scope.checkProblem(req.body.problem);
      if (!scope.feedback.counterexample)
        throw new ApiError('FEEDBACK_OFF', 'counterexamples are available in practice only');
      checkCodeSize(services, req.body.code);
      const report = await services.feedback.counterexample(req.body.problem, req.body.code);
      return tagForJson(report) as CounterexampleReport;
    },
  );

  app.get(
    '/submissions',
    {
      schema: {
        tags,
        summary: 'Submissions, newest first',
        params: params({}),
        querystring: SubmissionListQuery,
        response: { 200: SubmissionList },
      },
    },
    async (req) => {
      const scope = await access.scope(req);
      const rows = await store.listSubmissions(scope.ownerId, req.query.problem, req.query.limit);
      return rows.map((r) => ({ ...r, verdict: r.verdict as Verdict | null, createdAt: r.createdAt.toISOString() }));
    },
  );

  app.get(
    '/submissions/:id',
    {
      schema: {
        tags,
        summary: 'Status, verdict, per-test results (hidden tests redacted) and the code',
        params: params(SubmissionParams.properties),
        response: { 200: SubmissionView },
      },
    },
    async (req) => submissionView(services, await readable(req, req.params.id)),
  );

  app.get(
    '/submissions/:id/events',
    {
      schema: {
        tags,
        summary: 'Server-sent events with live grading progress (`event: <type>`, `data: <the event as JSON>`)',
        params: params(SubmissionParams.properties),
        response: {
          200: {
            description: 'the stream of grading events',
            content: { 'text/event-stream': { schema: SubmissionEvent } },
          },
        },
      },
    },
    async (req, reply) => streamSubmission(app, await readable(req, req.params.id), req, reply),
  );
};

/** How long a browser waits before reconnecting a broken stream (the SSE `retry` field). */
const RETRY_MS = 1000;
/** How often an open stream also checks the stored submission, in case its last events were lost. */
const CHECK_MS = 3000;

/** The `Last-Event-ID` a reconnecting EventSource sends: the `id` of the last event it received. */
function lastEventId(req: FastifyRequest): number | null {
  const h = req.headers['last-event-id'];
  const v = Array.isArray(h) ? h[0] : h;
  return v !== undefined && /^\d{1,15}$/.test(v) ? Number(v) : null;
}

/**
 * Streams a submission's grading as server-sent events: what happened so far, then live events, each with its
 * stored sequence number as the event id. The events come from the database, whichever process grades, so a client
 * whose stream broke (this process restarted) reconnects to any API process with `Last-Event-ID` and gets the rest.
 */
async function streamSubmission(
  app: FastifyInstance,
  row: SubmissionRow,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const { store, events, config } = app.services;
  const release = app.limits.streams.acquire(clientAddress(req));
  if (!release)
    throw new ApiError('TOO_MANY_STREAMS', 'too many open event streams; read the submission instead', {
      'retry-after': '5',
    });
  const resumeAfter = lastEventId(req);
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.write(`retry: ${RETRY_MS}\n\n`);
  // Events replayed from the stored result, or made up here, carry no id: the client's last id stays that of the
  // last stored event it saw.
  const send = (e: SubmissionEventValue, seq?: number): void => {
    if (raw.writableEnded) return;
    raw.write(`${seq === undefined ? '' : `id: ${seq}\n`}event: ${e.type}\ndata: ${JSON.stringify(tagForJson(e))}\n\n`);
  };
  const end = (): void => {
    unsubscribe?.();
    clearInterval(keepAlive);
    clearTimeout(lifetime);
    release();
    clearInterval(check);
    if (!raw.writableEnded) raw.end();
  };
  const replayStored = (done: SubmissionRow): void => {
    const { summary, results } = storedOutcome(done);
    for (const result of results) send({ type: 'test-finished', result });
    if (summary) send({ type: 'done', summary });
  };
  let unsubscribe: (() => void) | null = null;
  const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), 15_000);
  const lifetime = setTimeout(end, config.SSE_STREAM_MAX_SECONDS * 1000);
  const check = setInterval(() => checkNow(), CHECK_MS);
  req.raw.on('close', end);
  if (row.status === 'done' && resumeAfter === null) {
    // Already graded: replay the stored outcome as the same events a live client would have seen.
    send({ type: 'status', status: 'done' });
    replayStored(row);
    end();
    return;
  }
  if (resumeAfter === null) send({ type: 'status', status: row.status });
  let sawDone = false;
  unsubscribe = events.subscribe(row.id, resumeAfter ?? 0, (e, seq) => {
    send(e, seq);
    if (e.type === 'done') sawDone = true;
    if (e.type === 'status' && e.status === 'done') end();
  });
  // The grader stores the `done` event before the result, and `status: done` after it. If the submission is done
  // and, once caught up, this stream has still not ended, its last events are gone (pruned, or a grader killed
  // between storing the result and its last event): finish from the stored result.
  const finishIfStored = async (): Promise<void> => {
    const again = await store.getSubmission(row.id);
    if (again?.status !== 'done' || raw.writableEnded) return;
    await events.catchUp(row.id);
    if (raw.writableEnded) return;
    if (!sawDone) replayStored(again);
    send({ type: 'status', status: 'done' });
    end();
  };
  function checkNow(): void {
    finishIfStored().catch(() => undefined);
  }
  if (row.status === 'done') checkNow();
}
