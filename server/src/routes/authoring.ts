/**
 * Authoring: signed-in instructors (and admins) publish problem packages while the server runs, follow the check
 * and the re-grade of stored submissions, read the flip table, then publish or discard; and set who sees a problem.
 * `judge publish` speaks these routes; so will the browser's authoring page. The work is in problems/publishing.ts.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AuthoringProblems,
  FlipDetail,
  FlipParams,
  ProblemFilesView,
  PublishBody,
  RevisionList,
  RevisionListQuery,
  RevisionFilesView,
  RevisionParams,
  RevisionView,
  ScaffoldView,
  SlugParams,
  VisibilityBody,
  type Visibility,
} from '../contract.ts';
import { scaffoldFiles } from '../../../harness/src/problem/scaffold.ts';
import { ApiError } from '../errors.ts';
import type { Author } from '../problems/publishing.ts';

export function requireInstructor(req: {
  identity: { user: { id: string; name: string; role: string } | null };
}): Author {
  const user = req.identity.user;
  if (!user) throw new ApiError('UNAUTHENTICATED', 'sign in as an instructor');
  if (user.role !== 'instructor' && user.role !== 'admin')
    throw new ApiError('FORBIDDEN', 'only instructors and admins publish problems');
  return { id: user.id, name: user.name };
}

export const authoringRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { services } = app;
  const { catalog, publishing } = services;
  const tags = ['authoring'];

  app.get(
    '/api/authoring/problems',
    {
      schema: {
        tags,
        summary: 'Every problem with its version, visibility, source and the revision on its way, if any',
        response: { 200: AuthoringProblems },
      },
    },
    async (req) => {
      requireInstructor(req);
      const pending = await publishing.pendingBySlug();
      return catalog.list().map((e) => ({
        slug: e.problem.slug,
        title: e.problem.manifest.title,
        difficulty: e.problem.manifest.difficulty,
        version: e.problem.version,
        visibility: catalog.visibilityOf(e.problem.slug) as Visibility,
        source: e.source,
        liveRevision: e.revisionId,
        pendingRevision: pending.get(e.problem.slug) ?? null,
      }));
    },
  );

  app.get(
    '/api/authoring/problems/:slug/files',
    {
      schema: {
        tags,
        summary: "The live package's files (to edit and publish again)",
        params: SlugParams,
        response: { 200: ProblemFilesView },
      },
    },
    async (req) => {
      requireInstructor(req);
      const files = await publishing.files(req.params.slug);
      return { slug: req.params.slug, version: catalog.get(req.params.slug)!.problem.version, files };
    },
  );

  app.get(
    '/api/authoring/scaffold/:slug',
    {
      schema: {
        tags,
        summary: 'The files of a new problem (what `judge new` writes), to fill in and send as its first revision',
        params: SlugParams,
        response: { 200: ScaffoldView },
      },
    },
    async (req) => {
      requireInstructor(req);
      const { slug } = req.params;
      if (catalog.get(slug)) throw new ApiError('PROBLEM_EXISTS', `a problem named "${slug}" exists: open it instead`);
      return { slug, files: scaffoldFiles(slug) };
    },
  );

  app.put(
    '/api/authoring/problems/:slug/visibility',
    {
      schema: {
        tags,
        summary: 'Listed (practice), unlisted (by slug only) or screens-only (never outside a screen)',
        params: SlugParams,
        body: VisibilityBody,
        response: { 200: VisibilityBody },
      },
    },
    async (req) => {
      const author = requireInstructor(req);
      await publishing.setVisibility(req.params.slug, req.body.visibility, author);
      return { visibility: req.body.visibility };
    },
  );

  app.post(
    '/api/authoring/revisions',
    {
      schema: {
        tags,
        summary: 'Send a problem folder: it is checked (judge check), then re-graded against stored submissions',
        body: PublishBody,
        response: { 202: RevisionView },
      },
      // JSON escapes roughly double a package's text at worst (quotes, backslashes, newlines).
      bodyLimit: services.config.PUBLISH_MAX_BYTES * 2 + 64 * 1024,
      config: { rateLimit: { max: 20, timeWindow: 60_000 } },
    },
    async (req, reply) => {
      const author = requireInstructor(req);
      return reply.code(202).send(await publishing.submit(author, req.body));
    },
  );

  app.get(
    '/api/authoring/revisions',
    {
      schema: {
        tags,
        summary: 'Revisions, newest first',
        querystring: RevisionListQuery,
        response: { 200: RevisionList },
      },
    },
    async (req) => {
      requireInstructor(req);
      return (await services.store.revisions.list(req.query.slug)).map((r) => ({
        id: r.id,
        slug: r.slug,
        status: r.status,
        version: r.version,
        createdBy: r.createdBy,
        createdAt: r.createdAt.toISOString(),
        decidedAt: r.decidedAt?.toISOString() ?? null,
      }));
    },
  );

  app.get(
    '/api/authoring/revisions/:id',
    {
      schema: {
        tags,
        summary: "A revision: its status, the check's output, the re-grade's progress and the flip table",
        params: RevisionParams,
        response: { 200: RevisionView },
      },
    },
    async (req) => {
      requireInstructor(req);
      return publishing.view(req.params.id);
    },
  );

  app.get(
    '/api/authoring/revisions/:id/files',
    {
      schema: {
        tags,
        summary: "A revision's files (with the suite the check built, once it has)",
        params: RevisionParams,
        response: { 200: RevisionFilesView },
      },
    },
    async (req) => {
      requireInstructor(req);
      const rev = await services.store.revisions.get(req.params.id);
      const files = rev ? await services.store.revisions.files(rev.id) : null;
      if (!rev || !files) throw new ApiError('NOT_FOUND', 'no such revision');
      return { id: rev.id, slug: rev.slug, status: rev.status, files };
    },
  );

  app.post(
    '/api/authoring/revisions/:id/publish',
    {
      schema: {
        tags,
        summary: 'Put a ready revision live (no restart); re-graded submissions take their new verdicts',
        params: RevisionParams,
        response: { 200: RevisionView },
      },
    },
    async (req) => publishing.publish(req.params.id, requireInstructor(req)),
  );

  app.post(
    '/api/authoring/revisions/:id/discard',
    {
      schema: {
        tags,
        summary: 'Drop a revision on its way; the live version stays',
        params: RevisionParams,
        response: { 200: RevisionView },
      },
    },
    async (req) => {
      requireInstructor(req);
      return publishing.discard(req.params.id);
    },
  );

  app.get(
    '/api/authoring/revisions/:id/flips/:submission',
    {
      schema: {
        tags,
        summary: 'A re-graded submission: its code, and its outcome before and under the new version',
        params: FlipParams,
        response: { 200: FlipDetail },
      },
    },
    async (req) => {
      requireInstructor(req);
      return publishing.flip(req.params.id, req.params.submission);
    },
  );
};
