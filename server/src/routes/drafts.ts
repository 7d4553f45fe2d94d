import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError } from '../errors.ts';
import { DraftBody, DraftView, ErrorBody, Slug } from './schemas.ts';

export const draftRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const params = Type.Object({ problem: Slug });

  app.put('/api/drafts/:problem', { schema: { tags: ['drafts'], summary: "Autosave the caller's code for a problem", params, body: DraftBody, response: { 200: Type.Object({ updatedAt: Type.String() }), '4xx': ErrorBody } } }, async (req) => {
    const { store, catalog, config } = app.services;
    if (!catalog.get(req.params.problem)) throw new ApiError('UNKNOWN_PROBLEM', `no problem named "${req.params.problem}"`);
    if (Buffer.byteLength(req.body.code, 'utf8') > config.MAX_CODE_BYTES) throw new ApiError('CODE_TOO_LARGE', `code is larger than ${config.MAX_CODE_BYTES} bytes`);
    const updatedAt = await store.saveDraft(req.identity.ownerId, req.params.problem, req.body.code);
    return { updatedAt: updatedAt.toISOString() };
  });

  app.get('/api/drafts/:problem', { schema: { tags: ['drafts'], summary: "The caller's autosaved code for a problem", params, response: { 200: DraftView, 404: ErrorBody } } }, async (req) => {
    if (!app.services.catalog.get(req.params.problem)) throw new ApiError('UNKNOWN_PROBLEM', `no problem named "${req.params.problem}"`);
    const draft = await app.services.store.getDraft(req.identity.ownerId, req.params.problem);
    if (!draft) throw new ApiError('NOT_FOUND', 'no draft for this problem');
    return { code: draft.code, updatedAt: draft.updatedAt.toISOString() };
  });
};
