/**
 * Timed coding screens. Interviewers (signed in) create, list, revoke, extend and read reports. Candidates reach
 * one screen through its link token, and only that screen: its problems, their own submissions and drafts.
 * Every deadline check uses the server's clock.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError } from '../errors.ts';
import { acceptsWork, EVENT_FLUSH_MS, screenState } from '../screens/lifecycle.ts';
import { buildReport, createScreen, finalizeDueScreens, reissueLink, screenByToken, screenOwner, screenView } from '../screens/service.ts';
import type { Services } from '../services.ts';
import type { ScreenRow } from '../storage/screens.ts';
import { ErrorBody, ProblemDetail, Slug, SubmissionId, SubmissionListView, SubmissionView } from './schemas.ts';
import { enqueueSubmission, streamSubmission, submissionView } from './submissions.ts';

const ScreenView = Type.Object({
  id: Type.String(),
  problems: Type.Array(Type.String()),
  durationMinutes: Type.Number(),
  extraMinutes: Type.Number(),
  candidateName: Type.Union([Type.String(), Type.Null()]),
  candidateEmail: Type.Union([Type.String(), Type.Null()]),
  linkExpiresAt: Type.String(),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  endsAt: Type.Union([Type.String(), Type.Null()]),
  phase: Type.String({ description: 'not-started, active, grace, over, link-expired, revoked' }),
  remainingMs: Type.Union([Type.Number(), Type.Null()]),
});

const CreateScreenBody = Type.Object(
  {
    problems: Type.Array(Slug, { minItems: 1, maxItems: 10, uniqueItems: true }),
    durationMinutes: Type.Number({ minimum: 1, maximum: 600 }),
    extraMinutes: Type.Optional(Type.Number({ minimum: 0, maximum: 600 })),
    candidateName: Type.Optional(Type.String({ maxLength: 200 })),
    candidateEmail: Type.Optional(Type.String({ maxLength: 200, pattern: '^[^@\\s]+@[^@\\s]+$' })),
    linkExpiresAt: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 date-time; default: 7 days from now' })),
  },
  { additionalProperties: false },
);

const CandidateView = Type.Object({
  phase: Type.String(),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  endsAt: Type.Union([Type.String(), Type.Null()]),
  remainingMs: Type.Union([Type.Number(), Type.Null()]),
  serverTime: Type.String(),
  durationMinutes: Type.Number(),
  candidateName: Type.Union([Type.String(), Type.Null()]),
  problems: Type.Array(Type.Object({ slug: Type.String(), title: Type.String(), difficulty: Type.String() })),
  rules: Type.Array(Type.String()),
});

const EventsBody = Type.Object(
  {
    clientId: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' }),
    events: Type.Array(
      Type.Object(
        {
          seq: Type.Integer({ minimum: 0 }),
          kind: Type.Union(['snapshot', 'run', 'paste', 'blur', 'focus'].map((k) => Type.Literal(k))),
          problem: Type.Optional(Slug),
          data: Type.Optional(Type.Record(Type.String(), Type.Any())),
        },
        { additionalProperties: false },
      ),
      { maxItems: 500 },
    ),
  },
  { additionalProperties: false, description: 'the server stamps each event with its own time' },
);

const RULES = [
  'The clock starts when you press Start and is kept by the server: reloading or switching devices does not stop it.',
  'Run tries your code on the sample tests in your browser; Submit grades it on hidden tests.',
  'When time is up the editor becomes read-only and the last version of each problem is graded automatically.',
  'Your editor activity (snapshots, runs, pastes, focus changes) is recorded for the interviewer.',
];

function requireInterviewer(req: { identity: { user: { id: string; role: string } | null } }): { id: string; role: string } {
  const user = req.identity.user;
  if (!user) throw new ApiError('UNAUTHENTICATED', 'sign in as an interviewer');
  if (user.role !== 'interviewer' && user.role !== 'admin') throw new ApiError('FORBIDDEN', 'only interviewers and admins manage screens');
  return user;
}

async function ownScreen(services: Services, id: string, user: { id: string; role: string }): Promise<ScreenRow> {
  const screen = await services.store.screens.get(id);
  if (!screen || (screen.interviewerId !== user.id && user.role !== 'admin')) throw new ApiError('NOT_FOUND', 'no such screen');
  return screen;
}

/** The candidate's screen from the link token; revoked or unstarted-and-expired links answer 410. */
async function candidateScreen(services: Services, token: string): Promise<ScreenRow> {
  // Finalize lazily too, so a screen whose time is over is graded even between sweeps.
  await finalizeDueScreens(services.store, services.now(), () => services.grading.notify());
  const screen = await screenByToken(services.store, token);
  if (!screen) throw new ApiError('SCREEN_NOT_FOUND', 'this screen link is not valid');
  const state = screenState(screen, services.now());
  if (state.phase === 'revoked') throw new ApiError('SCREEN_REVOKED', 'this screen was cancelled by the interviewer');
  if (state.phase === 'link-expired') throw new ApiError('SCREEN_LINK_EXPIRED', 'this screen link has expired');
  return screen;
}

export const screenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { services } = app;
  const byId = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{6,64}$' }) });
  const tokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) });

  // Interviewer side ----------------------------------------------------------------------------------------------

  app.post('/api/screens', { schema: { tags: ['screens'], summary: 'Create a screen; returns the candidate link (shown once)', body: CreateScreenBody, response: { 201: Type.Object({ screen: ScreenView, token: Type.String(), link: Type.String() }), '4xx': ErrorBody } } }, async (req, reply) => {
    const user = requireInterviewer(req);
    const body = req.body;
    for (const p of body.problems) if (!services.catalog.get(p)) throw new ApiError('UNKNOWN_PROBLEM', `no problem named "${p}"`);
    const now = services.now();
    const linkExpiresAt = body.linkExpiresAt ? new Date(body.linkExpiresAt) : new Date(now.getTime() + 7 * 24 * 3600_000);
    if (Number.isNaN(linkExpiresAt.getTime())) throw new ApiError('BAD_REQUEST', 'linkExpiresAt must be an ISO 8601 date-time');
    if (!(linkExpiresAt.getTime() > now.getTime())) throw new ApiError('BAD_REQUEST', 'linkExpiresAt must be in the future');
    const { screen, token } = await createScreen(services.store, {
      interviewerId: user.id,
      problems: body.problems,
      durationMs: Math.round(body.durationMinutes * 60_000),
      extraMs: Math.round((body.extraMinutes ?? 0) * 60_000),
      candidateName: body.candidateName ?? null,
      candidateEmail: body.candidateEmail ?? null,
      linkExpiresAt,
    }, now);
    return reply.code(201).send({ screen: screenView(screen, now), token, link: `/screen/${token}` });
  });

  app.get('/api/screens', { schema: { tags: ['screens'], summary: "The interviewer's screens (all, for admins)", response: { 200: Type.Array(ScreenView), '4xx': ErrorBody } } }, async (req) => {
    const user = requireInterviewer(req);
    const now = services.now();
    return (await services.store.screens.list(user.role === 'admin' ? null : user.id)).map((s) => screenView(s, now));
  });

  app.post('/api/screens/:id/revoke', { schema: { tags: ['screens'], summary: 'Cancel a screen: its link stops working', params: byId, response: { 200: ScreenView, '4xx': ErrorBody } } }, async (req) => {
    const screen = await ownScreen(services, req.params.id, requireInterviewer(req));
    await services.store.screens.revoke(screen.id, services.now());
    return screenView((await services.store.screens.get(screen.id))!, services.now());
  });

  app.post('/api/screens/:id/link', { schema: { tags: ['screens'], summary: 'A new candidate link (shown once); the old link stops working', params: byId, body: Type.Optional(Type.Object({ linkExpiresAt: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 date-time; default: unchanged, or 7 days from now if it has passed' })) }, { additionalProperties: false })), response: { 200: Type.Object({ screen: ScreenView, token: Type.String(), link: Type.String() }), '4xx': ErrorBody } } }, async (req) => {
    const screen = await ownScreen(services, req.params.id, requireInterviewer(req));
    const now = services.now();
    if (screen.revokedAt) throw new ApiError('SCREEN_REVOKED', 'this screen was revoked');
    if (screen.finalizedAt) throw new ApiError('SCREEN_TIME_UP', 'this screen is over and already graded');
    const asked = req.body?.linkExpiresAt;
    const expires = asked ? new Date(asked) : screen.linkExpiresAt.getTime() > now.getTime() ? screen.linkExpiresAt : new Date(now.getTime() + 7 * 24 * 3600_000);
    if (Number.isNaN(expires.getTime()) || !(expires.getTime() > now.getTime())) throw new ApiError('BAD_REQUEST', 'linkExpiresAt must be an ISO 8601 date-time in the future');
    const { screen: updated, token } = await reissueLink(services.store, screen, expires);
    return { screen: screenView(updated, now), token, link: `/screen/${token}` };
  });

  app.post('/api/screens/:id/extend', { schema: { tags: ['screens'], summary: 'Give the candidate more time', params: byId, body: Type.Object({ minutes: Type.Number({ minimum: 1, maximum: 600 }) }, { additionalProperties: false }), response: { 200: ScreenView, '4xx': ErrorBody } } }, async (req) => {
    const screen = await ownScreen(services, req.params.id, requireInterviewer(req));
    if (screen.finalizedAt) throw new ApiError('SCREEN_TIME_UP', 'this screen is over and already graded');
    await services.store.screens.extend(screen.id, Math.round(req.body.minutes * 60_000));
    return screenView((await services.store.screens.get(screen.id))!, services.now());
  });

  app.get('/api/screens/:id/report', { schema: { tags: ['screens'], summary: 'Per-problem results, submissions and the timeline for replay (JSON export with ?download=1)', params: byId, querystring: Type.Object({ download: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('true'), Type.Literal('0'), Type.Literal('false')])) }), response: { 200: Type.Any({ description: 'the report' }), '4xx': ErrorBody } } }, async (req, reply) => {
    const screen = await ownScreen(services, req.params.id, requireInterviewer(req));
    await finalizeDueScreens(services.store, services.now(), () => services.grading.notify());
    const report = await buildReport(services.store, (await services.store.screens.get(screen.id))!, services.now());
    if (req.query.download === '1' || req.query.download === 'true') reply.header('content-disposition', `attachment; filename="screen-${screen.id}.json"`);
    return reply.type('application/json').send(JSON.stringify(report));
  });

  // Candidate side (the token is the only credential) -------------------------------------------------------------

  app.get('/api/candidate/:token', { schema: { tags: ['candidate'], summary: 'The intro page: problems, duration, rules, and the clock', params: tokenParams, response: { 200: CandidateView, '4xx': ErrorBody } } }, async (req) => {
    const screen = await candidateScreen(services, req.params.token);
    const now = services.now();
    const state = screenState(screen, now);
    return {
      phase: state.phase,
      startedAt: state.startedAt?.toISOString() ?? null,
      endsAt: state.endsAt?.toISOString() ?? null,
      remainingMs: state.remainingMs,
      serverTime: now.toISOString(),
      durationMinutes: (screen.durationMs + screen.extraMs) / 60_000,
      candidateName: screen.candidateName,
      problems: screen.problems.map((slug) => {
        const v = services.catalog.get(slug)?.view;
        return { slug, title: v?.title ?? slug, difficulty: v?.difficulty ?? 'medium' };
      }),
      rules: RULES,
    };
  });

  app.post('/api/candidate/:token/start', { schema: { tags: ['candidate'], summary: 'Start the clock (once; later calls return the same times)', params: tokenParams, response: { 200: Type.Object({ startedAt: Type.String(), endsAt: Type.String(), remainingMs: Type.Number(), serverTime: Type.String() }), '4xx': ErrorBody } } }, async (req) => {
    const screen = await candidateScreen(services, req.params.token);
    const now = services.now();
    const started = (await services.store.screens.start(screen.id, now))!;
    const state = screenState(started, now);
    return { startedAt: state.startedAt!.toISOString(), endsAt: state.endsAt!.toISOString(), remainingMs: state.remainingMs ?? 0, serverTime: now.toISOString() };
  });

  const startedScreen = async (token: string): Promise<{ screen: ScreenRow; state: ReturnType<typeof screenState> }> => {
    const screen = await candidateScreen(services, token);
    const state = screenState(screen, services.now());
    if (state.phase === 'not-started') throw new ApiError('SCREEN_NOT_STARTED', 'press Start first');
    return { screen, state };
  };
  const inScreen = (screen: ScreenRow, slug: string): void => {
    if (!screen.problems.includes(slug)) throw new ApiError('UNKNOWN_PROBLEM', `"${slug}" is not part of this screen`);
  };

  app.get('/api/candidate/:token/problems/:slug', { schema: { tags: ['candidate'], summary: "One of the screen's problems", params: Type.Object({ token: Type.String({ maxLength: 100 }), slug: Slug }), response: { 200: ProblemDetail, '4xx': ErrorBody } } }, async (req) => {
    const { screen } = await startedScreen(req.params.token);
    inScreen(screen, req.params.slug);
    const entry = services.catalog.get(req.params.slug);
    if (!entry) throw new ApiError('UNKNOWN_PROBLEM', `no problem named "${req.params.slug}"`);
    return entry.view;
  });

  app.put('/api/candidate/:token/drafts/:slug', { schema: { tags: ['candidate'], summary: 'Autosave (what is graded automatically when time is up)', params: Type.Object({ token: Type.String({ maxLength: 100 }), slug: Slug }), body: Type.Object({ code: Type.String() }, { additionalProperties: false }), response: { 200: Type.Object({ updatedAt: Type.String() }), '4xx': ErrorBody } } }, async (req) => {
    const { screen, state } = await startedScreen(req.params.token);
    inScreen(screen, req.params.slug);
    if (!acceptsWork(state)) throw new ApiError('SCREEN_TIME_UP', 'time is up: the editor is read-only');
    if (Buffer.byteLength(req.body.code, 'utf8') > services.config.MAX_CODE_BYTES) throw new ApiError('CODE_TOO_LARGE', `code is larger than ${services.config.MAX_CODE_BYTES} bytes`);
    const updatedAt = await services.store.saveDraft(screenOwner(screen.id), req.params.slug, req.body.code);
    return { updatedAt: updatedAt.toISOString() };
  });

  app.get('/api/candidate/:token/drafts/:slug', { schema: { tags: ['candidate'], params: Type.Object({ token: Type.String({ maxLength: 100 }), slug: Slug }), response: { 200: Type.Object({ code: Type.String(), updatedAt: Type.String() }), '4xx': ErrorBody } } }, async (req) => {
    const { screen } = await startedScreen(req.params.token);
    inScreen(screen, req.params.slug);
    const d = await services.store.getDraft(screenOwner(screen.id), req.params.slug);
    if (!d) throw new ApiError('NOT_FOUND', 'no draft for this problem');
    return { code: d.code, updatedAt: d.updatedAt.toISOString() };
  });

  app.post('/api/candidate/:token/submissions', { schema: { tags: ['candidate'], summary: 'Submit during the screen (a short grace period covers requests in flight)', params: tokenParams, body: Type.Object({ problem: Slug, code: Type.String() }, { additionalProperties: false }), response: { 202: Type.Object({ id: Type.String() }), '4xx': ErrorBody, 503: ErrorBody } } }, async (req, reply) => {
    const { screen, state } = await startedScreen(req.params.token);
    inScreen(screen, req.body.problem);
    if (!acceptsWork(state)) throw new ApiError('SCREEN_TIME_UP', 'time is up: submissions are closed (your last version is graded automatically)');
    const owner = screenOwner(screen.id);
    const id = await enqueueSubmission(services, owner, req.body.problem, req.body.code);
    // The submitted code is also the latest version, so the end-of-time sweep does not grade it twice.
    await services.store.saveDraft(owner, req.body.problem, req.body.code);
    await services.store.screens.addEvents(screen.id, [{ clientId: 'server', seq: services.now().getTime() * 1000, kind: 'submit', problem: req.body.problem, at: services.now(), data: { submissionId: id } }]);
    return reply.code(202).send({ id });
  });

  app.get('/api/candidate/:token/submissions', { schema: { tags: ['candidate'], summary: "The candidate's submissions in this screen", params: tokenParams, response: { 200: SubmissionListView, '4xx': ErrorBody } } }, async (req) => {
    const { screen } = await startedScreen(req.params.token);
    return (await services.store.listSubmissions(screenOwner(screen.id))).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  });

  app.get('/api/candidate/:token/submissions/:id', { schema: { tags: ['candidate'], params: Type.Object({ token: Type.String({ maxLength: 100 }), id: SubmissionId }), response: { 200: SubmissionView, '4xx': ErrorBody } } }, async (req) => {
    const { screen } = await startedScreen(req.params.token);
    const row = await services.store.getSubmission(req.params.id);
    if (!row || row.ownerId !== screenOwner(screen.id)) throw new ApiError('NOT_FOUND', 'no such submission');
    return submissionView(row, true);
  });

  app.get('/api/candidate/:token/submissions/:id/events', { schema: { tags: ['candidate'], params: Type.Object({ token: Type.String({ maxLength: 100 }), id: SubmissionId }), response: { '4xx': ErrorBody } } }, async (req, reply) => {
    const { screen } = await startedScreen(req.params.token);
    const row = await services.store.getSubmission(req.params.id);
    if (!row || row.ownerId !== screenOwner(screen.id)) throw new ApiError('NOT_FOUND', 'no such submission');
    await streamSubmission(services, row, req, reply);
  });

  app.post('/api/candidate/:token/events', { schema: { tags: ['candidate'], summary: 'Timeline events (batched; resending is harmless)', params: tokenParams, body: EventsBody, response: { 200: Type.Object({ stored: Type.Integer() }), '4xx': ErrorBody } } }, async (req) => {
    const { screen, state } = await startedScreen(req.params.token);
    const now = services.now();
    if (state.phase === 'over' && state.endsAt && now.getTime() - state.endsAt.getTime() > EVENT_FLUSH_MS) throw new ApiError('SCREEN_TIME_UP', 'this screen is over');
    for (const e of req.body.events) if (e.problem) inScreen(screen, e.problem);
    const stored = await services.store.screens.addEvents(
      screen.id,
      req.body.events.map((e) => ({ clientId: req.body.clientId, seq: e.seq, kind: e.kind, problem: e.problem ?? null, at: now, data: e.data ?? {} })),
    );
    return { stored };
  });
};
