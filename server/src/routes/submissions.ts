import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { tagForJson } from '../../../harness/src/codec.ts';
import { ApiError } from '../errors.ts';
import type { SubmissionEvent } from '../grading/events.ts';
import type { Services } from '../services.ts';
import type { SubmissionRow } from '../storage/types.ts';
import { ErrorBody, Slug, SubmissionId, SubmissionListView, SubmissionView, SubmitBody } from './schemas.ts';

export function newSubmissionId(): string {
  return randomBytes(12).toString('base64url');
}

function canSee(row: SubmissionRow, identity: { ownerId: string; user: { role: string } | null }): boolean {
  return row.ownerId === identity.ownerId || identity.user?.role === 'admin';
}

export function submissionView(row: SubmissionRow, withCode: boolean) {
  return {
    id: row.id,
    problem: row.problem,
    status: row.status,
    verdict: row.verdict,
    summary: row.summary ?? null,
    results: row.results,
    ...(withCode ? { code: row.code } : {}),
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}

/**
 * Checks and stores a submission (status queued), then wakes the grader. Everything that is rejected is rejected
 * before anything is stored.
 */
export async function enqueueSubmission(services: Services, ownerId: string, problem: string, code: string): Promise<string> {
  const { store, catalog, grading, config } = services;
  if (Buffer.byteLength(code, 'utf8') > config.MAX_CODE_BYTES) {
    throw new ApiError('CODE_TOO_LARGE', `code is larger than ${config.MAX_CODE_BYTES} bytes`);
  }
  if (!catalog.get(problem)) throw new ApiError('UNKNOWN_PROBLEM', `no problem named "${problem}"`);
  if ((await store.countQueued()) >= config.QUEUE_LIMIT) {
    throw new ApiError('QUEUE_FULL', 'the grading queue is full; try again shortly', { 'retry-after': '5' });
  }
  const id = newSubmissionId();
  await store.createSubmission({ id, ownerId, problem, code });
  grading.notify();
  return id;
}

export const submissionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config } = app.services;

  app.post(
    '/api/submissions',
    {
      schema: { tags: ['submissions'], summary: 'Store a submission, then queue it for grading', body: SubmitBody, response: { 202: Type.Object({ id: Type.String() }), '4xx': ErrorBody, 503: ErrorBody } },
      config: { rateLimit: { max: config.SUBMIT_RATE_PER_MINUTE, timeWindow: 60_000 } },
    },
    async (req, reply) => {
      const id = await enqueueSubmission(app.services, req.identity.ownerId, req.body.problem, req.body.code);
      return reply.code(202).send({ id });
    },
  );

  app.get('/api/submissions', { schema: { tags: ['submissions'], summary: "The caller's submissions, newest first", querystring: Type.Object({ problem: Type.Optional(Slug), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }), response: { 200: SubmissionListView } } }, async (req) => {
    const rows = await app.services.store.listSubmissions(req.identity.ownerId, req.query.problem, req.query.limit);
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  });

  app.get('/api/submissions/:id', { schema: { tags: ['submissions'], summary: 'Status, verdict and per-test results (hidden tests redacted); the code for its owner', params: Type.Object({ id: SubmissionId }), response: { 200: SubmissionView, 404: ErrorBody } } }, async (req) => {
    const row = await app.services.store.getSubmission(req.params.id);
    if (!row || !canSee(row, req.identity)) throw new ApiError('NOT_FOUND', 'no such submission');
    return submissionView(row, true);
  });

  app.get('/api/submissions/:id/events', { schema: { tags: ['submissions'], summary: 'Server-sent events with live grading progress', params: Type.Object({ id: SubmissionId }), response: { 404: ErrorBody } } }, async (req, reply) => {
    const row = await app.services.store.getSubmission(req.params.id);
    if (!row || !canSee(row, req.identity)) throw new ApiError('NOT_FOUND', 'no such submission');
    await streamSubmission(app.services, row, req, reply);
  });
};

/** Streams a submission's grading as server-sent events: a replay of what happened so far, then live events. */
export async function streamSubmission(services: Services, row: SubmissionRow, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const { store, events } = services;
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  const send = (e: SubmissionEvent): void => {
    raw.write(`event: ${e.type}\ndata: ${JSON.stringify(tagForJson(e))}\n\n`);
  };
  const end = (): void => {
    unsubscribe?.();
    clearInterval(keepAlive);
    if (!raw.writableEnded) raw.end();
  };
  let unsubscribe: (() => void) | null = null;
  const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), 15_000);
  req.raw.on('close', end);
  if (row.status === 'done') {
    // Already graded: replay the stored outcome as the same events a live client would have seen.
    send({ type: 'status', status: 'done' });
    for (const r of row.results) send({ type: 'test-finished', result: r as never });
    send({ type: 'done', summary: row.summary as never });
    end();
    return;
  }
  send({ type: 'status', status: row.status });
  let sawDone = false;
  unsubscribe = events.subscribe(row.id, (e) => {
    send(e);
    if (e.type === 'done') sawDone = true;
    if (e.type === 'status' && e.status === 'done') end();
  });
  // The grading may have finished between the read above and the subscription (its live history already
  // forgotten): check once more. If the live events already delivered `done`, the final status follows shortly.
  const again = await store.getSubmission(row.id);
  if (again?.status === 'done' && !sawDone && !raw.writableEnded) {
    for (const r of again.results) send({ type: 'test-finished', result: r as never });
    send({ type: 'done', summary: again.summary as never });
    send({ type: 'status', status: 'done' });
    end();
  }
}
