import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/health', {
    schema: {
      tags: ['health'],
      summary: "Liveness, the engine's boot self-test, and the queue",
      response: {
        200: Type.Object({
          ok: Type.Boolean(),
          selfTest: Type.Union([Type.Object({ ok: Type.Boolean(), verdict: Type.String(), ms: Type.Number(), at: Type.String() }), Type.Null()]),
          queue: Type.Object({ queued: Type.Integer(), grading: Type.Integer() }),
          problems: Type.Integer(),
        }),
        503: Type.Any({ description: 'the same body, when the engine self-test has not passed' }),
      },
    },
  }, async (_req, reply) => {
    const { grading, store, catalog } = app.services;
    const selfTest = grading.lastSelfTest;
    const ok = selfTest?.ok === true;
    return reply.code(ok ? 200 : 503).send({ ok, selfTest, queue: { queued: await store.countQueued(), grading: grading.activeCount }, problems: catalog.list().length });
  });
};
