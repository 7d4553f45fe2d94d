/**
 * Builds the Fastify application from its services. No port here: tests call it with `inject`; server.ts listens.
 */
import { existsSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { resolveIdentity } from './auth/identity.ts';
import { trustProxyOption } from './config.ts';
import { ErrorBody, MAX_JSON_DEPTH, PAGE_CSP } from './contract.ts';
import { API_ERRORS, ApiError } from './errors.ts';
import { buildLimits } from './limits.ts';
import { authRoutes } from './routes/auth.ts';
import { authoringRoutes } from './routes/authoring.ts';
import { candidateRoutes } from './routes/candidate.ts';
import { healthRoutes } from './routes/health.ts';
import { interviewerRoutes } from './routes/interviewer.ts';
import { practiceRoutes } from './routes/practice.ts';
import { reportRoutes } from './routes/reports.ts';
import type { Services } from './services.ts';

export interface AppOptions {
  services: Services;
  cookieSecret: string;
  /** Built web app to serve (web/dist); skipped when absent. */
  webDir?: string;
  /** Where the app logs (silent without one). */
  logger?: FastifyBaseLogger;
}

/**
 * The largest request body: JSON for a code of MAX_CODE_BYTES, plus room for the other fields. A client may escape
 * every non-ASCII character (`\u00e9`: 6 bytes for a 2-byte character; a 4-byte emoji is a 12-byte surrogate pair),
 * so the JSON of a code within the cap can be up to 6 times its UTF-8 size; the route checks the code itself.
 */
export function maxBodyBytes(maxCodeBytes: number): number {
  return maxCodeBytes * 6 + 16 * 1024;
}

function frameworkError(error: FastifyError, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.code(414).send({ code: API_ERRORS.URL_TOO_LONG.code, message: 'a path parameter is too long' });
  } else {
    void reply
      .code(400)
      .send({ code: API_ERRORS.BAD_REQUEST.code, message: 'the URL is not valid (bad percent-encoding)' });
  }
}

/** True when a parsed JSON value nests deeper than `max` arrays or objects (checked without recursion). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  let level: unknown[] = [value];
  for (let depth = 0; level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const v of level) if (v !== null && typeof v === 'object') next.push(...Object.values(v));
    if (next.length === 0) return false;
    if (depth + 1 > max) return true;
    level = next;
  }
  return false;
}

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
}

/** Malformed HTTP (before Fastify sees a request): the same `{ code, message }` JSON shape as every other error. */
function clientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'HEADERS_TOO_LARGE', 'the request line or headers are too large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST_TIMEOUT', 'the request took too long to arrive']
        : [400, API_ERRORS.BAD_REQUEST.code, 'malformed HTTP request'];
  const body = JSON.stringify({ code, message });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { services } = opts;
  const bodyLimit = maxBodyBytes(services.config.MAX_CODE_BYTES);
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    // JSON overhead on top of the code cap; the code's own size is checked with a clear error in the route.
    bodyLimit,
    // Behind a reverse proxy, the client's address (rate limits, logs) and protocol (Secure cookies) come from the
    // X-Forwarded-* headers of the proxies TRUST_PROXY names; by default none is believed, so no client can forge
    // its address with a header.
    trustProxy: trustProxyOption(services.config.TRUST_PROXY),
    // A request must arrive whole within this time (Node's default is 5 minutes: a slow client would hold a
    // connection that long). Responses, event streams included, are not bound by it.
    requestTimeout: services.config.REQUEST_TIMEOUT_SECONDS * 1000,
    // Errors raised before routing (a bad percent-encoding, an over-long path parameter) get the same
    // `{ code, message }` shape as every other error, and do not echo the URL back.
    frameworkErrors: (error, _req, reply) => frameworkError(error, reply as unknown as FastifyReply),
    clientErrorHandler: clientError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // The API takes JSON only: a text/plain body (Fastify parses it by default) is refused with 415, not passed on as
  // a string to fail validation with a puzzling "body must be object".
  app.removeContentTypeParser('text/plain');

  // Bodies are validated strictly (a number where code must be a string is a 400, not "42"); path and query
  // strings are coerced, since they only ever arrive as text.
  const strict = new Ajv({ removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: false });
  const coercing = new Ajv({ removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));

  // Every error answer has one shape, `{ code, message }`, whatever the route (framework errors included): it is
  // documented here once rather than by each route.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && route.schema)
      route.schema.response = { '4xx': ErrorBody, '5xx': ErrorBody, ...(route.schema.response as object | undefined) };
  });

  // Connections beyond this are closed as they arrive (issue 14 §6): event streams and slow clients cannot take
  // every socket the process can hold.
  app.server.maxConnections = services.config.MAX_CONNECTIONS;

  app.decorate('services', services);
  app.decorate('limits', buildLimits(services.config));
  app.decorateRequest('identity', null as never);

  // Security headers on every response, the API docs and error answers included (issue 14 §9). The CSP is the
  // page's (it also sits in a <meta>), plus `frame-ancestors 'none'`, which only a header enforces: no page may frame
  // this one (the interviewer's Revoke button could otherwise be clickjacked). No `upgrade-insecure-requests`: a
  // plain-HTTP deployment on a LAN must keep working.
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...PAGE_CSP, 'frame-ancestors': ["'none'"] } as Record<string, string[]>,
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(cookie, { secret: opts.cookieSecret });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      code: API_ERRORS.RATE_LIMITED.code,
      message: `too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
    }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'ML-infra judge API',
        version: '0.1.0',
        description: 'Problems, submissions, live grading events, drafts.',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (req, reply) => {
    // Compressed bodies are not decoded: say so instead of answering "not valid JSON".
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      throw new ApiError(
        'UNSUPPORTED_MEDIA_TYPE',
        'compressed request bodies (Content-Encoding) are not supported; send plain JSON',
      );
    }
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    req.identity = await resolveIdentity(req, reply, services.store, services.now());
  });

  // PostgreSQL text cannot hold U+0000: a NUL anywhere in a JSON body (code, a draft, a login name) would otherwise
  // fail in the database as a 500. Refuse it up front, for every route.
  app.addHook('preValidation', async (req) => {
    // Deeply nested bodies (free-form timeline data) would exhaust PostgreSQL's stack as jsonb: refuse them first.
    if (req.body !== undefined && nestedDeeperThan(req.body, MAX_JSON_DEPTH)) {
      throw new ApiError('BAD_REQUEST', `the request body is nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
    if (req.body !== undefined && containsNul(req.body)) {
      throw new ApiError('BAD_REQUEST', 'the request contains a NUL character (\\u0000), which cannot be stored');
    }
  });

  app.setErrorHandler((error: FastifyError & { headers?: Record<string, string> }, req, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.statusCode).headers(error.headers).send({ code: error.code, message: error.message });
    }
    if (error.validation) {
      return reply.code(400).send({ code: API_ERRORS.BAD_REQUEST.code, message: `invalid request: ${error.message}` });
    }
    if (error.statusCode === 429) {
      return reply
        .code(429)
        .headers(error.headers ?? {})
        .send({ code: API_ERRORS.RATE_LIMITED.code, message: error.message });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .code(413)
        .send({ code: API_ERRORS.CODE_TOO_LARGE.code, message: `request body is larger than ${bodyLimit} bytes` });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415) {
      return reply.code(415).send({
        code: API_ERRORS.UNSUPPORTED_MEDIA_TYPE.code,
        message: 'unsupported Content-Type: send the body as application/json',
      });
    }
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.code(400).send({
        code: API_ERRORS.MALFORMED_JSON.code,
        message: 'the request body is empty; send a JSON object (or no Content-Type header when there is no body)',
      });
    }
    if (error.statusCode === 400 && (error instanceof SyntaxError || error.code?.startsWith('FST_ERR_CTP'))) {
      return reply
        .code(400)
        .send({ code: API_ERRORS.MALFORMED_JSON.code, message: 'the request body is not valid JSON' });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Framework errors carry internal codes (FST_ERR_...): answer with a stable API code instead.
      const code = error.statusCode === 404 ? API_ERRORS.NOT_FOUND.code : API_ERRORS.BAD_REQUEST.code;
      return reply.code(error.statusCode).send({ code, message: error.message });
    }
    req.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ code: API_ERRORS.INTERNAL.code, message: 'internal error' });
  });

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(practiceRoutes);
  await app.register(interviewerRoutes);
  await app.register(candidateRoutes);
  await app.register(authoringRoutes);
  await app.register(reportRoutes);

  const webDir = opts.webDir;
  if (webDir && existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false });
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/') || req.method !== 'GET')
        return reply.code(404).send({ code: API_ERRORS.NOT_FOUND.code, message: 'not found' });
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((req, reply) => {
      if (req.url === '/' && req.method === 'GET') {
        return reply
          .type('text/html')
          .send(
            '<!doctype html><title>ML-infra judge</title><h1>ML-infra judge</h1><p>The API is at <a href="/api/docs">/api/docs</a>. The web app is served here once built.</p>',
          );
      }
      return reply.code(404).send({ code: API_ERRORS.NOT_FOUND.code, message: 'not found' });
    });
  }
  return app;
}
