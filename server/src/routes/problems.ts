import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError } from '../errors.ts';
import { ErrorBody, ProblemDetail, ProblemSummary, Slug } from './schemas.ts';

export const problemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/problems', { schema: { tags: ['problems'], summary: "Problems with the caller's solved/attempted marks", response: { 200: Type.Array(ProblemSummary) } } }, async (req) => {
    const progress = new Map((await app.services.store.progress(req.identity.ownerId)).map((p) => [p.problem, p]));
    return app.services.catalog.list().map(({ view }) => ({
      slug: view.slug,
      title: view.title,
      difficulty: view.difficulty,
      tags: view.tags,
      solved: progress.get(view.slug)?.solved ?? false,
      attempted: progress.get(view.slug)?.attempted ?? false,
    }));
  });

  app.get('/api/problems/:slug', { schema: { tags: ['problems'], summary: 'Statement, starter, typings, samples and limits (never hidden tests)', params: Type.Object({ slug: Slug }), response: { 200: ProblemDetail, 404: ErrorBody } } }, async (req) => {
    const entry = app.services.catalog.get(req.params.slug);
    if (!entry) throw new ApiError('UNKNOWN_PROBLEM', `no problem named "${req.params.slug}"`);
    return entry.view;
  });
};
