import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { clearSessionCookie, newToken, SESSION_COOKIE, SESSION_TTL_MS, setSessionCookie } from '../auth/identity.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
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
      const user = await store.findUserByName(req.body.name);
      const ok = await verifyPassword(req.body.password, user?.passwordHash ?? (await dummyHash));
      if (!user || !ok) throw new ApiError('BAD_CREDENTIALS', 'wrong name or password');
      const token = newToken();
      await store.createSession({ token, userId: user.id, expiresAt: new Date(now().getTime() + SESSION_TTL_MS) });
      setSessionCookie(reply, token);
      return { ownerKind: 'user' as const, user: { id: user.id, name: user.name, role: user.role } };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the session', response: { 204: SignedOut } } },
    async (req, reply) => {
      const raw = req.cookies[SESSION_COOKIE];
      const unsigned = raw ? req.unsignCookie(raw) : null;
      if (unsigned?.valid && unsigned.value) await app.services.store.deleteSession(unsigned.value);
      clearSessionCookie(reply);
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
