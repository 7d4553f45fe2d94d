/**
 * Builds the Fastify application from its services. No port here: tests call it with `inject`; server.ts listens.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { resolveIdentity } from './auth/identity.ts';
import { API_ERRORS, ApiError } from './errors.ts';
import { authRoutes } from './routes/auth.ts';
import { draftRoutes } from './routes/drafts.ts';
import { healthRoutes } from './routes/health.ts';
import { problemRoutes } from './routes/problems.ts';
import { screenRoutes } from './routes/screens.ts';
import { submissionRoutes } from './routes/submissions.ts';
import type { Services } from './services.ts';

export interface AppOptions {
  services: Services;
  cookieSecret: string;
  /** Built web app to serve (web/dist); skipped when absent. */
  webDir?: string;
  logger?: boolean | object;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { services } = opts;
  const app = Fastify({
    logger: opts.logger ?? false,
    // JSON overhead on top of the code cap; the code's own size is checked with a clear error in the route.
    bodyLimit: services.config.MAX_CODE_BYTES * 2 + 16 * 1024,
    trustProxy: false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Bodies are validated strictly (a number where code must be a string is a 400, not "42"); path and query
  // strings are coerced, since they only ever arrive as text.
  const strict = new Ajv({ removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: false });
  const coercing = new Ajv({ removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));

  app.decorate('services', services);
  app.decorateRequest('identity', null as never);

  await app.register(cookie, { secret: opts.cookieSecret });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, code: API_ERRORS.RATE_LIMITED.code, message: `too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s` }),
  });
  await app.register(swagger, {
    openapi: { info: { title: 'ML-infra judge API', version: '0.1.0', description: 'Problems, submissions, live grading events, drafts.' } },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    req.identity = await resolveIdentity(req, reply, services.store, services.now());
  });

  app.setErrorHandler((error: FastifyError & { headers?: Record<string, string> }, req, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.statusCode).headers(error.headers).send({ code: error.code, message: error.message });
    }
    if (error.validation) {
      return reply.code(400).send({ code: API_ERRORS.BAD_REQUEST.code, message: `invalid request: ${error.message}` });
    }
    if (error.statusCode === 429) {
      return reply.code(429).headers(error.headers ?? {}).send({ code: API_ERRORS.RATE_LIMITED.code, message: error.message });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({ code: API_ERRORS.CODE_TOO_LARGE.code, message: `request body is larger than ${services.config.MAX_CODE_BYTES * 2 + 16 * 1024} bytes` });
    }
    if (error.statusCode === 400 && (error instanceof SyntaxError || error.code?.startsWith('FST_ERR_CTP'))) {
      return reply.code(400).send({ code: API_ERRORS.MALFORMED_JSON.code, message: 'the request body is not valid JSON' });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ code: error.code ?? API_ERRORS.BAD_REQUEST.code, message: error.message });
    }
    req.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ code: API_ERRORS.INTERNAL.code, message: 'internal error' });
  });

  await app.register(healthRoutes);
  await app.register(problemRoutes);
  await app.register(submissionRoutes);
  await app.register(draftRoutes);
  await app.register(authRoutes);
  await app.register(screenRoutes);

  const webDir = opts.webDir;
  if (webDir && existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false });
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/') || req.method !== 'GET') return reply.code(404).send({ code: API_ERRORS.NOT_FOUND.code, message: 'not found' });
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((req, reply) => {
      if (req.url === '/' && req.method === 'GET') {
        return reply.type('text/html').send('<!doctype html><title>ML-infra judge</title><h1>ML-infra judge</h1><p>The API is at <a href="/api/docs">/api/docs</a>. The web app is served here once built.</p>');
      }
      return reply.code(404).send({ code: API_ERRORS.NOT_FOUND.code, message: 'not found' });
    });
  }
  return app;
}
