/**
 * Password hashing with scrypt (memory-hard, built into Node: no native addon, no download), at the cost OWASP's
 * password storage guidance gives for scrypt: N = 2^17, r = 8, p = 1 (128 MiB and a few hundred ms per hash).
 * Stored as `scrypt$N$r$p$salt$hash`, so hashes made with an older cost still verify; `needsRehash` tells the login
 * route to store a fresh hash at the current cost once the password is known (issue 14 §14).
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const SCRYPT_N = 1 << 17;
const R = 8;
const P = 1;
const KEYLEN = 32;
/** Node refuses a cost above `maxmem`; scrypt needs 128·N·r bytes. Twice the current cost leaves room. */
const MAXMEM = 2 * 128 * SCRYPT_N * R;
/**
 * At most this many hashes at once in the process: each holds 128 MiB, and a burst of logins (rate limits are per
 * client) must not multiply that. Node runs scrypt on its 4 libuv threads anyway, so this costs no throughput.
 */
const MAX_CONCURRENT = 2;

/** A process-wide bound on memory, like the libuv pool it guards: the one piece of module state here. */
const slots = { free: MAX_CONCURRENT, waiting: [] as Array<() => void> };

async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (slots.free > 0) slots.free--;
  else await new Promise<void>((resolve) => slots.waiting.push(resolve));
  try {
    return await fn();
  } finally {
    const next = slots.waiting.shift();
    if (next) next();
    else slots.free++;
  }
}

const scrypt = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> =>
  withSlot(
    () =>
      new Promise((resolve, reject) =>
        scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );

/** Hashes at the current cost, or at `n` (tests make hashes as older versions did). */
export async function hashPassword(password: string, n = SCRYPT_N): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N: n, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${n}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

function parse(stored: string): { n: number; r: number; p: number; salt: Buffer; hash: Buffer } | null {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !n || !r || !p || !salt || !hash) return null;
  const cost = { n: Number(n), r: Number(r), p: Number(p) };
  // Only costs this code could have written: a corrupt row must not make the server allocate gigabytes.
  if (!Number.isInteger(cost.n) || cost.n < 2 || cost.n > SCRYPT_N || cost.r !== R || cost.p !== P) return null;
  return { ...cost, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  const key = await scrypt(password, h.salt, h.hash.length, { N: h.n, r: h.r, p: h.p, maxmem: MAXMEM });
  return key.length === h.hash.length && timingSafeEqual(key, h.hash);
}

/** True for a hash made at a lower cost than the current one. */
export function needsRehash(stored: string): boolean {
  const h = parse(stored);
  return h !== null && h.n < SCRYPT_N;
}
