/**
 * Practice: the problem list with the caller's marks, and the workspace routes at `/api`, where the caller (a
 * learner's cookie or a signed-in account) owns the work.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemList, ProblemSets, Progress, ProgressQuery } from '../contract.ts';
import { ApiError } from '../errors.ts';
import { buildProgress } from '../progress/record.ts';
import { workspaceRoutes, type WorkspaceAccess } from './workspace.ts';

export const practiceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { store, catalog, now } = app.services;

  app.get(
    '/api/problems',
    {
      schema: {
        tags: ['practice'],
        summary: "Listed problems with the caller's solved/attempted marks (all problems for signed-in staff)",
        response: { 200: ProblemList },
      },
    },
    async (req) => {
      const progress = new Map((await store.progress(req.identity.ownerId)).map((p) => [p.problem, p]));
      // Learners see the listed problems; staff (who pick a screen's problems) see all, each with its visibility.
      const role = req.identity.user?.role;
      const staff = role === 'interviewer' || role === 'instructor' || role === 'admin';
      return catalog.list().flatMap(({ view }) => {
        const visibility = catalog.visibilityOf(view.slug);
        if (!staff && visibility !== 'listed') return [];
        return [
          {
            slug: view.slug,
            title: view.title,
            difficulty: view.difficulty,
            tags: view.tags,
            estimatedMinutes: view.estimatedMinutes,
            visibility,
            solved: progress.get(view.slug)?.solved ?? false,
            attempted: progress.get(view.slug)?.attempted ?? false,
          },
        ];
      });
    },
  );

  app.get(
    '/api/problem-sets',
    {
      schema: {
        tags: ['practice'],
        summary: 'Problem sets to follow in order (warm-ups, LLM inference, ...)',
        response: { 200: ProblemSets },
      },
    },
    async () => catalog.sets,
  );

  app.get(
    '/api/progress',
    {
      schema: {
        tags: ['practice'],
        summary:
          "The caller's record: solved and attempted by difficulty and tag, best steps against the reference's, activity",
        querystring: ProgressQuery,
        response: { 200: Progress },
      },
    },
    async (req) => {
      const { ownerId, user } = req.identity;
      const offset = req.query.utcOffsetMinutes ?? 0;
      const [stats, activity] = await Promise.all([store.problemStats(ownerId), store.activity(ownerId, offset)]);
      const me = { ownerKind: user ? ('user' as const) : ('learner' as const), user };
      return buildProgress(me, catalog.list(), stats, activity, now(), offset);
    },
  );

  const access: WorkspaceAccess = {
    tag: 'practice',
    prefixParams: {},
    scope: async (req) => ({
      ownerId: req.identity.ownerId,
      readsAll: req.identity.user?.role === 'admin',
      // A screens-only problem does not exist for practice (issue 14: screen problems were public practice).
      checkProblem: (slug) => {
        if (!catalog.forPractice(slug)) throw new ApiError('UNKNOWN_PROBLEM', `no problem named "${slug}"`);
      },
      checkOpen: () => undefined,
      submitted: async () => undefined,
      feedback: { expectedOutputs: true, counterexample: true },
    }),
  };
  await app.register(workspaceRoutes, { prefix: '/api', access });
};
