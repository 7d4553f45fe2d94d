/**
 * The candidate's side of a timed screen. The link's token is the only credential, and it opens that one screen:
 * the intro, the start of the clock, the timeline, and the workspace routes at `/api/candidate/:token`, where the
 * screen owns the work. Every deadline check uses the server's clock.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CandidateScreen,
  ClientEventsBody,
  ClientEventsStored,
  ScreenStarted,
  ScreenToken,
  TokenParams,
} from '../contract.ts';
import { ApiError } from '../errors.ts';
import { enforce } from '../limits.ts';
import { acceptsWork, screenState, type ScreenState } from '../screens/lifecycle.ts';
import { finalizeDueScreens, queueReplays, screenByToken, screenOwner, SERVER_CLIENT_ID } from '../screens/service.ts';
import type { Services } from '../services.ts';
import type { ScreenRow } from '../storage/screens.ts';
import { workspaceRoutes, type WorkspaceAccess } from './workspace.ts';

const RULES = [
  'The clock starts when you press Start and is kept by the server: reloading or switching devices does not stop it.',
  'Run tries your code on the sample tests in your browser; Submit grades it on hidden tests.',
  'When time is up the editor becomes read-only and the last version of each problem is graded automatically.',
  'Your editor activity (snapshots, runs, pastes, focus changes) is recorded for the interviewer.',
];

/**
 * The candidate's screen from the link token. The link dies with the screen (issue 14 §12): revoked, unstarted and
 * expired, or over (finalized: time and grace are up and the last drafts went to grading) answer 410; the report
 * stays with the interviewer.
 */
async function candidateScreen(services: Services, token: string): Promise<ScreenRow> {
  // Finalize lazily too, so a screen whose time is over is graded even between sweeps.
  await finalizeDueScreens(services.store, services.now(), () => services.grading.notify());
  const screen = await screenByToken(services.store, token);
  if (!screen) throw new ApiError('SCREEN_NOT_FOUND', 'this screen link is not valid');
  const state = screenState(screen, services.now());
  if (state.phase === 'revoked') throw new ApiError('SCREEN_REVOKED', 'this screen was cancelled by the interviewer');
  if (state.phase === 'link-expired') throw new ApiError('SCREEN_LINK_EXPIRED', 'this screen link has expired');
  if (screen.finalizedAt || state.phase === 'over')
    throw new ApiError('SCREEN_OVER', 'this screen is over; your interviewer has the results');
  return screen;
}

async function startedScreen(services: Services, token: string): Promise<{ screen: ScreenRow; state: ScreenState }> {
  const screen = await candidateScreen(services, token);
  const state = screenState(screen, services.now());
  if (state.phase === 'not-started') throw new ApiError('SCREEN_NOT_STARTED', 'press Start first');
  return { screen, state };
}

function inScreen(screen: ScreenRow, slug: string): void {
  if (!screen.problems.includes(slug)) throw new ApiError('UNKNOWN_PROBLEM', `"${slug}" is not part of this screen`);
}

const TIME_UP: Record<'draft' | 'submission', string> = {
  draft: 'time is up: the editor is read-only',
  submission: 'time is up: submissions are closed (your last version is graded automatically)',
};

export const candidateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { services } = app;
  const tags = ['candidate'];

  app.get(
    '/api/candidate/:token',
    {
      schema: {
        tags,
        summary: 'The intro page: problems, duration, rules, and the clock',
        params: TokenParams,
        response: { 200: CandidateScreen },
      },
    },
    async (req) => {
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
        expectedOutputs: screen.expectedOutputs,
        // Before Start, the problems are named by their difficulty only: a slug or a title would let the candidate
        // read (or practise) them before the clock runs (issue 14).
        problems: screen.problems.map((slug) => {
          const v = services.catalog.get(slug)?.view;
          const difficulty = v?.difficulty ?? 'medium';
          return state.phase === 'not-started'
            ? { slug: null, title: null, difficulty }
            : { slug, title: v?.title ?? slug, difficulty };
        }),
        rules: RULES,
      };
    },
  );

  app.post(
    '/api/candidate/:token/start',
    {
      schema: {
        tags,
        summary: 'Start the clock (once; later calls return the same times)',
        params: TokenParams,
        response: { 200: ScreenStarted },
      },
    },
    async (req) => {
      const screen = await candidateScreen(services, req.params.token);
      const now = services.now();
      const started = (await services.store.screens.start(screen.id, now))!;
      const state = screenState(started, now);
      return {
        startedAt: state.startedAt!.toISOString(),
        endsAt: state.endsAt!.toISOString(),
        remainingMs: state.remainingMs ?? 0,
        serverTime: now.toISOString(),
      };
    },
  );

  app.post(
    '/api/candidate/:token/events',
    {
      schema: {
        tags,
        summary: 'Timeline events (batched; resending is harmless)',
        params: TokenParams,
        body: ClientEventsBody,
        response: { 200: ClientEventsStored },
      },
    },
    async (req) => {
      const { config } = services;
      // Bounded like everything a client can send (issue 14 §4): batches per screen per minute, bytes per event,
      // and events and bytes per screen. Events stop with the screen: after its end and grace, the link is 410.
      enforce(app.limits.eventsPerScreen, req.params.token, 'timeline batches');
      const { screen } = await startedScreen(services, req.params.token);
      const now = services.now();
      for (const e of req.body.events) {
        if (e.problem) inScreen(screen, e.problem);
        if (Buffer.byteLength(JSON.stringify(e.data ?? {}), 'utf8') > config.SCREEN_EVENT_MAX_BYTES)
          throw new ApiError(
            'EVENT_TOO_LARGE',
            `a timeline event's data is larger than ${config.SCREEN_EVENT_MAX_BYTES} bytes`,
          );
      }
      const stored = await services.store.screens.addClientEvents(
        screen.id,
        req.body.events.map((e) => ({
          clientId: req.body.clientId,
          seq: e.seq,
          kind: e.kind,
          problem: e.problem ?? null,
          at: now,
          data: e.data ?? {},
        })),
        { maxEvents: config.SCREEN_EVENTS_MAX, maxBytes: config.SCREEN_EVENTS_MAX_BYTES },
      );
      if (stored === null)
        throw new ApiError('TIMELINE_FULL', "this screen's timeline is full; nothing more is recorded");
      // Each new code goes to the replay lane, graded in the background while no submission waits.
      await queueReplays(
        services.store,
        screen,
        req.body.events.map((e) => ({ kind: e.kind, problem: e.problem ?? null, data: e.data ?? {} })),
        services.config.MAX_CODE_BYTES,
        () => services.grading.notify(),
      );
      return { stored };
    },
  );

  const access: WorkspaceAccess = {
    tag: 'candidate',
    prefixParams: { token: ScreenToken },
    scope: async (req) => {
      const { screen, state } = await startedScreen(services, (req.params as { token: string }).token);
      const ownerId = screenOwner(screen.id);
      return {
        ownerId,
        readsAll: false,
        checkProblem: (slug) => inScreen(screen, slug),
        feedback: { expectedOutputs: screen.expectedOutputs, counterexample: false },
        checkOpen: (work) => {
          // A short grace period after the deadline covers requests in flight.
          if (!acceptsWork(state)) throw new ApiError('SCREEN_TIME_UP', TIME_UP[work]);
        },
        submitted: async (problem, code, id) => {
          // The submitted code is also the latest version, so the end-of-time sweep does not grade it twice.
          await services.store.saveDraft(ownerId, problem, code);
          const now = services.now();
          await services.store.screens.addEvents(screen.id, [
            {
              clientId: SERVER_CLIENT_ID,
              seq: now.getTime() * 1000,
              kind: 'submit',
              problem,
              at: now,
              data: { submissionId: id },
            },
          ]);
        },
      };
    },
  };
  await app.register(workspaceRoutes, { prefix: '/api/candidate/:token', access });
};
