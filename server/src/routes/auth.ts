import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { clearSessionCookie, newToken, sessionCookie, SESSION_TTL_MS, setSessionCookie } from '../auth/identity.ts';
import { hashPassword, needsRehash, verifyPassword } from '../auth/password.ts';
import { LOGIN_POLICY } from '../auth/policy.ts';
import { LoginBody, Me, SignedOut } from '../contract.ts';
import { ApiError } from '../errors.ts';

// Verifying against a fixed hash when the name is unknown keeps the timing of both failures alike.
const dummyHash = hashPassword('not-a-real-password');

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in an account (interviewer, instructor, admin)',
        body: LoginBody,
        response: { 200: Me },
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
      const token = newToken();
      await store.createSession({ token, userId: user.id, expiresAt: new Date(now().getTime() + SESSION_TTL_MS) });
      setSessionCookie(req, reply, token);
      return { ownerKind: 'user' as const, user: { id: user.id, name: user.name, role: user.role } };
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
