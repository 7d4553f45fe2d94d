/**
 * Who is calling. Practice needs no sign-up: a signed, HttpOnly cookie carries a random learner id, so history and
 * drafts persist in that browser. Signed-in accounts (interviewer, instructor, admin) carry a session cookie whose
 * token is stored hashed. `ownerId` is what storage keys a caller's data by.
 *
 * Cookies are Secure when COOKIE_SECURE says so (default: when the request came over HTTPS, as TRUST_PROXY lets
 * X-Forwarded-Proto tell), and a Secure cookie is named `__Host-…`: browsers then take it only with Secure, Path=/
 * and no Domain, so neither a sibling subdomain nor a plain-HTTP page can plant or overwrite it (issue 14 §8).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Store, UserRow } from '../storage/types.ts';

export const ANON_COOKIE = 'judge_learner';
export const SESSION_COOKIE = 'judge_session';
const YEAR = 365 * 24 * 3600;
export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

export interface Identity {
  ownerId: string;
  user: Pick<UserRow, 'id' | 'name' | 'role'> | null;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Whether this request's cookies are Secure (COOKIE_SECURE; `auto`: the request came over HTTPS). */
export function secureCookies(req: FastifyRequest): boolean {
  const setting = req.server.services.config.COOKIE_SECURE;
  return setting === 'true' || (setting === 'auto' && req.protocol === 'https');
}

/** A cookie's name on this request: `__Host-` prefixed when Secure. */
export function cookieName(req: FastifyRequest, base: string): string {
  return secureCookies(req) ? `__Host-${base}` : base;
}

const cookieOptions = (req: FastifyRequest) => ({
  httpOnly: true,
  sameSite: 'lax' as const,
  path: '/',
  signed: true,
  secure: secureCookies(req),
});

/** The raw (signed) session cookie of a request, if any. */
export function sessionCookie(req: FastifyRequest): string | undefined {
  return req.cookies[cookieName(req, SESSION_COOKIE)];
}

export async function resolveIdentity(
  req: FastifyRequest,
  reply: FastifyReply,
  store: Store,
  now: Date,
): Promise<Identity> {
  const session = sessionCookie(req);
  if (session) {
    const unsigned = req.unsignCookie(session);
    if (unsigned.valid && unsigned.value) {
      const user = await store.sessionUser(unsigned.value, now);
      if (user) return { ownerId: userOwnerId(user.id), user: { id: user.id, name: user.name, role: user.role } };
    }
  }
  const anon = anonymousOwnerId(req);
  if (anon) return { ownerId: anon, user: null };
  // A learner whose cookie was set before the site moved to HTTPS keeps their work: the plain cookie is moved once.
  const anonName = cookieName(req, ANON_COOKIE);
  const plain = anonName !== ANON_COOKIE ? req.cookies[ANON_COOKIE] : undefined;
  const moved = plain ? req.unsignCookie(plain) : null;
  const id = moved?.valid && moved.value && /^[\w-]{16,64}$/.test(moved.value) ? moved.value : newToken();
  if (plain) reply.clearCookie(ANON_COOKIE, { path: '/' });
  reply.setCookie(anonName, id, { ...cookieOptions(req), maxAge: YEAR });
  return { ownerId: `anon:${id}`, user: null };
}

/** The owner id of this browser's anonymous learner cookie (valid and signed), or null. */
export function anonymousOwnerId(req: FastifyRequest): string | null {
  const anon = req.cookies[cookieName(req, ANON_COOKIE)];
  if (!anon) return null;
  const unsigned = req.unsignCookie(anon);
  return unsigned.valid && unsigned.value && /^[\w-]{16,64}$/.test(unsigned.value) ? `anon:${unsigned.value}` : null;
}

export const userOwnerId = (userId: string): string => `user:${userId}`;

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(cookieName(req, SESSION_COOKIE), token, { ...cookieOptions(req), maxAge: SESSION_TTL_MS / 1000 });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(cookieName(req, SESSION_COOKIE), { path: '/', secure: secureCookies(req) });
}
