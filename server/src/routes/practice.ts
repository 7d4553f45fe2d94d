/**
 * Practice: the problem list with the caller's marks, and the workspace routes at `/api`, where the caller (a
 * learner's cookie or a signed-in account) owns the work.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemList, ProblemSets } from '../contract.ts';
import { ApiError } from '../errors.ts';
import { workspaceRoutes, type WorkspaceAccess } from './workspace.ts';

export const practiceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { store, catalog } = app.services;

  app.get(
    '/api/problems',
    {
      schema: {
        tags: ['practice'],
        summary: "Problems with the caller's solved/attempted marks",
        response: { 200: ProblemList },
      },
    },
    async (req) => {
      const progress = new Map((await store.progress(req.identity.ownerId)).map((p) => [p.problem, p]));
      return catalog.list().map(({ view }) => ({
        slug: view.slug,
        title: view.title,
        difficulty: view.difficulty,
        tags: view.tags,
        estimatedMinutes: view.estimatedMinutes,
        solved: progress.get(view.slug)?.solved ?? false,
        attempted: progress.get(view.slug)?.attempted ?? false,
      }));
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

  const access: WorkspaceAccess = {
    tag: 'practice',
    prefixParams: {},
    scope: async (req) => ({
      ownerId: req.identity.ownerId,
      readsAll: req.identity.user?.role === 'admin',
      checkProblem: (slug) => {
        if (!catalog.get(slug)) throw new ApiError('UNKNOWN_PROBLEM', `no problem named "${slug}"`);
      },
      checkOpen: () => undefined,
      submitted: async () => undefined,
      feedback: { expectedOutputs: true, counterexample: true },
    }),
  };
  await app.register(workspaceRoutes, { prefix: '/api', access });
};
