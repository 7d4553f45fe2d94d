import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  anonymousOwnerId,
  clearSessionCookie,
  newToken,
  sessionCookie,
  SESSION_TTL_MS,
  setSessionCookie,
  userOwnerId,
} from '../auth/identity.ts';
import { hashPassword, needsRehash, verifyPassword } from '../auth/password.ts';
import { LOGIN_POLICY } from '../auth/policy.ts';
import { LoginBody, Me, SignedIn, SignedOut, SignUpBody } from '../contract.ts';
import { ApiError } from '../errors.ts';
import type { Services } from '../services.ts';
import type { UserRow } from '../storage/types.ts';

// Verifying against a fixed hash when the name is unknown keeps the timing of both failures alike.
const dummyHash = hashPassword('not-a-real-password');

/**
 * Opens a session for `user` and moves this browser's anonymous history (submissions, drafts) into the account, so
 * practice done before signing up or in is kept (issue 15 §4).
 */
async function signIn(
  services: Services,
  req: FastifyRequest,
  reply: FastifyReply,
  user: Pick<UserRow, 'id' | 'name' | 'role'>,
): Promise<SignedIn> {
  const token = newToken();
  await services.store.createSession({
    token,
    userId: user.id,
    expiresAt: new Date(services.now().getTime() + SESSION_TTL_MS),
  });
  setSessionCookie(req, reply, token);
  const anon = anonymousOwnerId(req);
  const merged = anon ? await services.store.mergeOwner(anon, userOwnerId(user.id)) : { submissions: 0, drafts: 0 };
  if (merged.submissions + merged.drafts > 0) req.log.info({ user: user.id, ...merged }, 'anonymous history merged');
  return { ownerKind: 'user', user: { id: user.id, name: user.name, role: user.role }, merged };
}

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: "Sign in (any account); this browser's anonymous practice moves into the account",
        body: LoginBody,
        response: { 200: SignedIn },
      },
      config: { rateLimit: { max: 10, timeWindow: 60_000 } },
    },
    async (req, reply) => {
      const { store, now } = app.services;
      const name = req.body.name;
      // Per account, in the database, so every API process counts the same attempts (see LOGIN_POLICY).
      const attempt = await store.beginLoginAttempt(name, now(), LOGIN_POLICY);
      if (!attempt.allowed) {
        const seconds = Math.ceil(attempt.retryAfterMs / 1000);
        throw new ApiError('RATE_LIMITED', `too many failed sign-ins for this account; retry in ${seconds} s`, {
          'retry-after': String(seconds),
        });
      }
      const user = await store.findUserByName(name);
      const ok = await verifyPassword(req.body.password, user?.passwordHash ?? (await dummyHash));
      if (!user || !ok) throw new ApiError('BAD_CREDENTIALS', 'wrong name or password');
      await store.clearLoginAttempts(name);
      // A hash made at an older scrypt cost is replaced now that the password is known.
      if (needsRehash(user.passwordHash)) await store.setPasswordHash(user.id, await hashPassword(req.body.password));
      return signIn(app.services, req, reply, user);
    },
  );

  app.post(
    '/api/auth/signup',
    {
      schema: {
        tags: ['auth'],
        summary: "Create a learner account and sign in; this browser's anonymous practice moves into it",
        body: SignUpBody,
        response: { 201: SignedIn },
      },
      config: { rateLimit: { max: 5, timeWindow: 60_000 } },
    },
    async (req, reply) => {
      const { store } = app.services;
      if (await store.findUserByName(req.body.name)) throw new ApiError('NAME_TAKEN', 'that name is taken');
      const user = { id: randomUUID(), name: req.body.name, role: 'learner' as const };
      try {
        await store.createUser({ ...user, passwordHash: await hashPassword(req.body.password) });
      } catch (e) {
        // Two sign-ups with one name at once: the unique index decides, the loser is told so.
        if (await store.findUserByName(req.body.name)) throw new ApiError('NAME_TAKEN', 'that name is taken');
        throw e;
      }
      const signedIn = await signIn(app.services, req, reply, user);
      return reply.code(201).send(signedIn);
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the session', response: { 204: SignedOut } } },
    async (req, reply) => {
      const raw = sessionCookie(req);
      const unsigned = raw ? req.unsignCookie(raw) : null;
      if (unsigned?.valid && unsigned.value) await app.services.store.deleteSession(unsigned.value);
      clearSessionCookie(req, reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'Who the caller is', response: { 200: Me } } },
    async (req) => ({
      ownerKind: req.identity.user ? ('user' as const) : ('learner' as const),
      user: req.identity.user,
    }),
  );
};
