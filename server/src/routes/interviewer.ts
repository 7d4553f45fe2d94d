/**
 * The interviewer's side of timed screens: signed-in interviewers (and admins) create, list, revoke and extend
 * screens, issue a new candidate link, and read the report. Every deadline check uses the server's clock.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateScreenBody,
  ExtendBody,
  NewLinkBody,
  ReportQuery,
  ScreenLink,
  ScreenList,
  ScreenParams,
  ScreenReport,
  ScreenView,
} from '../contract.ts';
import { ApiError } from '../errors.ts';
import { buildReport, createScreen, finalizeDueScreens, reissueLink, screenView } from '../screens/service.ts';
import type { Services } from '../services.ts';
import type { ScreenRow } from '../storage/screens.ts';

const WEEK_MS = 7 * 24 * 3600_000;
/** A link lives at most this long: a far date (year 275760 was a 500, issue 14 §11) is a client's mistake. */
const MAX_LINK_MS = 366 * 24 * 3600_000;

/** A requested link expiry, checked: a date-time in the future and at most a year ahead. */
function linkExpiry(asked: string, now: Date): Date {
  const at = new Date(asked);
  if (Number.isNaN(at.getTime()) || !(at.getTime() > now.getTime()))
    throw new ApiError('BAD_REQUEST', 'linkExpiresAt must be an ISO 8601 date-time in the future');
  if (at.getTime() - now.getTime() > MAX_LINK_MS)
    throw new ApiError('BAD_REQUEST', 'linkExpiresAt must be at most a year from now');
  return at;
}

type Interviewer = { id: string; role: string };

function requireInterviewer(req: { identity: { user: Interviewer | null } }): Interviewer {
  const user = req.identity.user;
  if (!user) throw new ApiError('UNAUTHENTICATED', 'sign in as an interviewer');
  if (user.role !== 'interviewer' && user.role !== 'admin')
    throw new ApiError('FORBIDDEN', 'only interviewers and admins manage screens');
  return user;
}

async function ownScreen(services: Services, id: string, user: Interviewer): Promise<ScreenRow> {
  const screen = await services.store.screens.get(id);
  if (!screen || (screen.interviewerId !== user.id && user.role !== 'admin'))
    throw new ApiError('NOT_FOUND', 'no such screen');
  return screen;
}

export const interviewerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { services } = app;
  const tags = ['screens'];

  app.post(
    '/api/screens',
    {
      schema: {
        tags,
        summary: 'Create a screen; returns the candidate link (shown once)',
        body: CreateScreenBody,
        response: { 201: ScreenLink },
      },
    },
    async (req, reply) => {
      const user = requireInterviewer(req);
      const body = req.body;
      for (const p of body.problems)
        if (!services.catalog.get(p)) throw new ApiError('UNKNOWN_PROBLEM', `no problem named "${p}"`);
      const now = services.now();
      const linkExpiresAt = body.linkExpiresAt
        ? linkExpiry(body.linkExpiresAt, now)
        : new Date(now.getTime() + WEEK_MS);
      const { screen, token } = await createScreen(
        services.store,
        {
          interviewerId: user.id,
          problems: body.problems,
          durationMs: Math.round(body.durationMinutes * 60_000),
          extraMs: Math.round((body.extraMinutes ?? 0) * 60_000),
          candidateName: body.candidateName ?? null,
          candidateEmail: body.candidateEmail ?? null,
          expectedOutputs: body.expectedOutputs ?? false,
          linkExpiresAt,
        },
        now,
      );
      return reply.code(201).send({ screen: screenView(screen, now), token, link: `/screen/${token}` });
    },
  );

  app.get(
    '/api/screens',
    { schema: { tags, summary: "The interviewer's screens (all, for admins)", response: { 200: ScreenList } } },
    async (req) => {
      const user = requireInterviewer(req);
      const now = services.now();
      return (await services.store.screens.list(user.role === 'admin' ? null : user.id)).map((s) => screenView(s, now));
    },
  );

  app.post(
    '/api/screens/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Cancel a screen: its link stops working',
        params: ScreenParams,
        response: { 200: ScreenView },
      },
    },
    async (req) => {
      const screen = await ownScreen(services, req.params.id, requireInterviewer(req));
      await services.store.screens.revoke(screen.id, services.now());
      return screenView((await services.store.screens.get(screen.id))!, services.now());
    },
  );

  app.post(
    '/api/screens/:id/link',
    {
      schema: {
        tags,
        summary: 'A new candidate link (shown once); the old link stops working',
        params: ScreenParams,
        body: NewLinkBody,
        response: { 200: ScreenLink },
      },
    },
    async (req) => {
      const screen = await ownScreen(services, req.params.id, requireInterviewer(req));
      const now = services.now();
      if (screen.revokedAt) throw new ApiError('SCREEN_REVOKED', 'this screen was revoked');
      if (screen.finalizedAt) throw new ApiError('SCREEN_TIME_UP', 'this screen is over and already graded');
      const asked = req.body?.linkExpiresAt;
      const expires = asked
        ? linkExpiry(asked, now)
        : screen.linkExpiresAt.getTime() > now.getTime()
          ? screen.linkExpiresAt
          : new Date(now.getTime() + WEEK_MS);
      const { screen: updated, token } = await reissueLink(services.store, screen, expires);
      return { screen: screenView(updated, now), token, link: `/screen/${token}` };
    },
  );

  app.post(
    '/api/screens/:id/extend',
    {
      schema: {
        tags,
        summary: 'Give the candidate more time',
        params: ScreenParams,
        body: ExtendBody,
        response: { 200: ScreenView },
      },
    },
    async (req) => {
      const screen = await ownScreen(services, req.params.id, requireInterviewer(req));
      if (screen.finalizedAt) throw new ApiError('SCREEN_TIME_UP', 'this screen is over and already graded');
      await services.store.screens.extend(screen.id, Math.round(req.body.minutes * 60_000));
      return screenView((await services.store.screens.get(screen.id))!, services.now());
    },
  );

  app.get(
    '/api/screens/:id/report',
    {
      schema: {
        tags,
        summary:
          'Per-problem results, submissions, the timeline for replay and its re-graded lane (JSON export with ?download=1)',
        params: ScreenParams,
        querystring: ReportQuery,
        response: { 200: ScreenReport },
      },
    },
    async (req, reply) => {
      const screen = await ownScreen(services, req.params.id, requireInterviewer(req));
      await finalizeDueScreens(services.store, services.now(), () => services.grading.notify());
      const report = await buildReport(services.store, (await services.store.screens.get(screen.id))!, services.now(), {
        maxCodeBytes: services.config.MAX_CODE_BYTES,
        onQueued: () => services.grading.notify(),
      });
      if (req.query.download === '1' || req.query.download === 'true')
        reply.header('content-disposition', `attachment; filename="screen-${screen.id}.json"`);
      return report;
    },
  );
};
