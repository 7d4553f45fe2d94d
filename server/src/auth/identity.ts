/**
 * Who is calling. Practice needs no sign-up: a signed, HttpOnly cookie carries a random learner id, so history and
 * drafts persist in that browser. Signed-in accounts (interviewer, instructor, admin) carry a session cookie whose
 * token is stored hashed. `ownerId` is what storage keys a caller's data by.
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

const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, path: '/', signed: true };

export async function resolveIdentity(
  req: FastifyRequest,
  reply: FastifyReply,
  store: Store,
  now: Date,
): Promise<Identity> {
  const session = req.cookies[SESSION_COOKIE];
  if (session) {
    const unsigned = req.unsignCookie(session);
    if (unsigned.valid && unsigned.value) {
      const user = await store.sessionUser(unsigned.value, now);
      if (user) return { ownerId: userOwnerId(user.id), user: { id: user.id, name: user.name, role: user.role } };
    }
  }
  const anon = anonymousOwnerId(req);
  if (anon) return { ownerId: anon, user: null };
  const id = newToken();
  reply.setCookie(ANON_COOKIE, id, { ...cookieOptions, maxAge: YEAR });
  return { ownerId: `anon:${id}`, user: null };
}

/** The owner id of this browser's anonymous learner cookie (valid and signed), or null. */
export function anonymousOwnerId(req: FastifyRequest): string | null {
  const anon = req.cookies[ANON_COOKIE];
  if (!anon) return null;
  const unsigned = req.unsignCookie(anon);
  return unsigned.valid && unsigned.value && /^[\w-]{16,64}$/.test(unsigned.value) ? `anon:${unsigned.value}` : null;
}

export const userOwnerId = (userId: string): string => `user:${userId}`;

export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: SESSION_TTL_MS / 1000 });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
