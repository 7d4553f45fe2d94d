/**
 * "Report this test" (issue 12 §3): learners report a test of their submission or a sample of a Run; instructors
 * and admins read the reports in their inbox (the authoring page), replay them against the reported version, and
 * resolve them with a note. The work is in reports/service.ts.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ReportBody,
  ReportCreated,
  ReportDetail,
  ReportList,
  ReportListQuery,
  ReportParams,
  ReportReplay,
  ReportSummary,
  ResolveBody,
} from '../contract.ts';
import { enforce } from '../limits.ts';
import { requireInstructor } from './authoring.ts';
import { feedbackRateKey } from './workspace.ts';

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { services, limits } = app;
  const { reports } = services;

  app.post(
    '/api/reports',
    {
      schema: {
        tags: ['practice'],
        summary:
          "Report a test to the problem's authors: of your submission (its code, version and verdict are taken " +
          'from it), or a sample of a Run (send the code)',
        body: ReportBody,
        response: { 201: ReportCreated },
      },
    },
    async (req, reply) => {
      const { ownerId, user } = req.identity;
      // Each report lands in the authors' inbox: a learner (or account) gets a few an hour (refused ones are free);
      // a caller without a valid cookie (a new learner on every request) is counted by its address instead.
      const created = await reports.create({ ownerId, name: user?.name ?? null }, req.body, () =>
        enforce(limits.reportsPerOwner, feedbackRateKey(req), 'test reports'),
      );
      return reply.code(201).send(created);
    },
  );

  const tags = ['authoring'];

  app.get(
    '/api/authoring/reports',
    {
      schema: {
        tags,
        summary: 'The inbox: reported tests, newest first (open by default)',
        querystring: ReportListQuery,
        response: { 200: ReportList },
      },
    },
    async (req) => {
      const author = requireInstructor(req);
      return reports.list(req.query.status ?? 'open', req.query.limit ?? 100, req.query.mine ? author.name : undefined);
    },
  );

  app.get(
    '/api/authoring/reports/:id',
    {
      schema: {
        tags,
        summary: 'A report: the code, the message, the version and the test in full (hidden tests included)',
        params: ReportParams,
        response: { 200: ReportDetail },
      },
    },
    async (req) => {
      requireInstructor(req);
      return reports.detail(req.params.id);
    },
  );

  app.post(
    '/api/authoring/reports/:id/replay',
    {
      schema: {
        tags,
        summary:
          'Grade the reported code against the reported version (the current one, flagged, when it is gone), ' +
          'and compare with what the reporter saw',
        params: ReportParams,
        response: { 200: ReportReplay },
      },
      config: { rateLimit: { max: 30, timeWindow: 60_000 } },
    },
    async (req) => {
      requireInstructor(req);
      return reports.replay(req.params.id);
    },
  );

  app.post(
    '/api/authoring/reports/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Mark a report resolved, with a note',
        params: ReportParams,
        body: ResolveBody,
        response: { 200: ReportSummary },
      },
    },
    async (req) => {
      const author = requireInstructor(req);
      return reports.resolve(req.params.id, author.name, req.body.note ?? null);
    },
  );
};
