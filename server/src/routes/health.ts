import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Health } from '../contract.ts';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: "Liveness, the engine's boot self-test, and the queue",
        response: {
          200: Health,
          503: { ...Health, description: 'the engine self-test has not passed: no work is taken' },
        },
      },
    },
    async (_req, reply) => {
      const { grading, store, catalog, config } = app.services;
      const selfTest = grading.lastSelfTest;
      const ok = config.ROLE === 'api' || selfTest?.ok === true;
      return reply.code(ok ? 200 : 503).send({
        ok,
        selfTest,
        queue: {
          queued: await store.countQueued(),
          grading: grading.activeCount,
          graders: await store.cluster.liveGraders(config.GRADER_LEASE_MS),
        },
        problems: catalog.list().length,
      });
    },
  );
};
