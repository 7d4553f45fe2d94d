/**
 * Issue 14 §10 and §14: per-account login throttling shared through the database, scrypt at the current cost with
 * old hashes upgraded at login, the purge of expired sessions, and the account commands of the CLI.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { userCommand, type UserCommandIo } from '../cli.ts';
import { openStore } from '../storage/sql-store.ts';
import type { Store } from '../storage/types.ts';
import { startTestServer, type TestServer } from '../test-support.ts';
import { hashPassword, needsRehash, SCRYPT_N, verifyPassword } from './password.ts';
import { LOGIN_POLICY, purgeExpired } from './policy.ts';

let s: TestServer;
let other: FastifyInstance;
let clock = new Date('2031-03-01T10:00:00Z');
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

beforeAll(async () => {
  s = await startTestServer({}, { grade: false, now: () => clock });
  // A second API process on the same database.
  other = await buildApp({ services: s.app.services, cookieSecret: 'test-secret-test-secret-test-secret-0123' });
  await s.store.createUser({
    id: 'u-ada',
    name: 'ada',
    role: 'interviewer',
    passwordHash: await hashPassword('right-pw-1'),
  });
});
afterAll(async () => {
  await other.close();
  await s.close();
});

const login = (app: FastifyInstance, name: string, password: string, ip = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { name, password }, remoteAddress: ip });

describe('login throttling per account, in the database', () => {
  it('after five failures each attempt waits longer, on every API process, whatever the client address', async () => {
    const apps = [s.app, other];
    for (let i = 0; i < LOGIN_POLICY.free; i++)
      expect((await login(apps[i % 2]!, 'ada', 'wrong', `10.0.0.${i}`)).statusCode).toBe(401);
    // The sixth is checked, and locks the account for 1 s...
    expect((await login(other, 'ada', 'wrong', '10.0.1.1')).statusCode).toBe(401);
    // ...during which even the right password from elsewhere is refused, without being checked.
    const locked = await login(s.app, 'ada', 'right-pw-1', '10.0.1.2');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('RATE_LIMITED');
    expect(locked.headers['retry-after']).toBe('1');
    advance(1001);
    expect((await login(s.app, 'ada', 'wrong', '10.0.1.3')).statusCode).toBe(401);
    // Twice as long now.
    advance(1001);
    expect((await login(other, 'ada', 'right-pw-1', '10.0.1.4')).statusCode).toBe(429);
    advance(1000);
    expect((await login(other, 'ada', 'right-pw-1', '10.0.1.4')).statusCode).toBe(200);
    // A success forgets the failures.
    for (let i = 0; i < LOGIN_POLICY.free; i++)
      expect((await login(s.app, 'ada', 'wrong', `10.0.2.${i}`)).statusCode).toBe(401);
  });

  it('parallel attempts cannot slip past the limit; unknown names are throttled alike', async () => {
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => login(i % 2 ? other : s.app, 'nobody-here', 'guess', `10.1.0.${i}`)),
    );
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(LOGIN_POLICY.free + 1);
    expect(codes.filter((c) => c === 429)).toHaveLength(16 - LOGIN_POLICY.free - 1);
  });

  it('the lock is capped, and forgotten after an hour without attempts', async () => {
    // At the store (no password to check): an attempt each time the lock ends, forty times over.
    let t = clock;
    expect((await s.store.beginLoginAttempt('capped', t, LOGIN_POLICY)).allowed).toBe(true);
    for (let i = 0; i < 40; i++) {
      t = new Date(t.getTime() + LOGIN_POLICY.maxMs);
      expect((await s.store.beginLoginAttempt('capped', t, LOGIN_POLICY)).allowed).toBe(true);
    }
    expect(await s.store.beginLoginAttempt('capped', t, LOGIN_POLICY)).toEqual({
      allowed: false,
      retryAfterMs: LOGIN_POLICY.maxMs,
    });
    t = new Date(t.getTime() + LOGIN_POLICY.resetMs + 1);
    expect(await s.store.beginLoginAttempt('capped', t, LOGIN_POLICY)).toEqual({ allowed: true });
    expect(await s.store.beginLoginAttempt('capped', t, LOGIN_POLICY)).toEqual({ allowed: true });
  });
});

describe('passwords', () => {
  it('hashes at N = 2^17; an old N = 2^15 hash still verifies and is upgraded at the next sign-in', async () => {
    const current = await hashPassword('pw-current');
    expect(current.split('$').slice(0, 4)).toEqual(['scrypt', String(1 << 17), '8', '1']);
    expect(SCRYPT_N).toBe(1 << 17);
    expect(needsRehash(current)).toBe(false);
    const old = await hashPassword('pw-of-2020', 1 << 15);
    expect(await verifyPassword('pw-of-2020', old)).toBe(true);
    expect(await verifyPassword('pw-of-2021', old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
    // A corrupt cost never makes the server allocate gigabytes: it just does not verify.
    expect(await verifyPassword('x', old.replace(`$${1 << 15}$`, `$${2 ** 30}$`))).toBe(false);

    await s.store.createUser({ id: 'u-old', name: 'olde', role: 'instructor', passwordHash: old });
    expect((await login(s.app, 'olde', 'pw-of-2020', '10.3.0.1')).statusCode).toBe(200);
    const upgraded = (await s.store.findUserByName('olde'))!.passwordHash;
    expect(upgraded).not.toBe(old);
    expect(needsRehash(upgraded)).toBe(false);
    expect((await login(s.app, 'olde', 'pw-of-2020', '10.3.0.2')).statusCode).toBe(200);
  });
});

describe('expired sessions and idle throttles are purged', () => {
  it('deletes what expired and keeps what lives', async () => {
    const store = s.store;
    await store.createUser({ id: 'u-p', name: 'purge-me', role: 'interviewer', passwordHash: 'x' });
    await store.createSession({ token: 'expired-token', userId: 'u-p', expiresAt: new Date(clock.getTime() - 1) });
    await store.createSession({ token: 'live-token', userId: 'u-p', expiresAt: new Date(clock.getTime() + 60_000) });
    await store.beginLoginAttempt('idle-name', new Date(clock.getTime() - 2 * LOGIN_POLICY.resetMs), LOGIN_POLICY);
    await store.beginLoginAttempt('busy-name', clock, LOGIN_POLICY);
    const counts = await purgeExpired(store, clock);
    expect(counts.sessions).toBeGreaterThanOrEqual(1);
    expect(counts.throttles).toBeGreaterThanOrEqual(1);
    expect(await store.sessionUser('live-token', clock)).not.toBeNull();
    expect(await purgeExpired(store, clock)).toEqual({ sessions: 0, throttles: 0 });
  });
});

describe('judge user', () => {
  let store: Store;
  const output: string[] = [];
  const io = (password = 'a-long-password'): UserCommandIo => ({
    // The CLI closes the store after each command: hand it a view whose close does nothing.
    openStore: async () => Object.create(store, { close: { value: async () => undefined } }),
    readPassword: async () => password,
    out: (t) => output.push(t),
    err: (t) => output.push(`ERR ${t}`),
  });
  const run = async (argv: string[], password?: string) => {
    output.length = 0;
    const code = await userCommand(argv, io(password));
    return { code, text: output.join('') };
  };

  beforeAll(async () => {
    store = await openStore({ dataDir: 'memory://' });
    await store.migrate();
  });
  afterAll(() => store.close());

  it('adds, lists, changes a role, resets a password, ends sessions, deletes', async () => {
    expect(await run(['add', '--role', 'interviewer', 'ivy'])).toEqual({
      code: 0,
      text: 'created interviewer "ivy"\n',
    });
    expect((await run(['add', 'ivy'])).code).toBe(1);
    expect((await run(['add', 'short'], 'short')).code).toBe(2);
    expect((await run(['add', '--admin', 'root'])).code).toBe(0);
    const list = await run(['list']);
    expect(list.code).toBe(0);
    expect(list.text).toMatch(/^name +role +created\nivy +interviewer +\d{4}-/);
    expect(list.text).toMatch(/\nroot +admin +\d{4}-/);

    expect(await run(['role', 'ivy', 'instructor'])).toEqual({
      code: 0,
      text: '"ivy" is now instructor (was interviewer)\n',
    });
    expect((await store.findUserByName('ivy'))!.role).toBe('instructor');
    expect((await run(['role', 'ivy', 'wizard'])).code).toBe(2);
    expect((await run(['role', 'nobody', 'admin'])).text).toBe('ERR judge user: no user named "nobody"\n');

    const ivy = (await store.findUserByName('ivy'))!;
    const far = new Date(Date.now() + 3_600_000);
    await store.createSession({ token: 'ivy-1', userId: ivy.id, expiresAt: far });
    await store.createSession({ token: 'ivy-2', userId: ivy.id, expiresAt: far });
    expect(await run(['passwd', 'ivy'], 'another-long-one')).toEqual({
      code: 0,
      text: 'new password for "ivy"; 2 session(s) ended\n',
    });
    expect(await verifyPassword('another-long-one', (await store.findUserByName('ivy'))!.passwordHash)).toBe(true);
    expect(await store.sessionUser('ivy-1', new Date())).toBeNull();

    await store.createSession({ token: 'ivy-3', userId: ivy.id, expiresAt: far });
    expect(await run(['logout', 'ivy'])).toEqual({ code: 0, text: '1 session(s) of "ivy" ended\n' });
    expect(await store.sessionUser('ivy-3', new Date())).toBeNull();

    // A user whose screens name them is not deleted (their reports stay); one without screens is.
    const root = (await store.findUserByName('root'))!;
    await store.screens.create({
      id: 'screen-1',
      tokenHash: 'h',
      interviewerId: root.id,
      problems: ['x'],
      durationMs: 60_000,
      extraMs: 0,
      candidateName: null,
      candidateEmail: null,
      expectedOutputs: false,
      linkExpiresAt: far,
      createdAt: new Date(),
    });
    const refused = await run(['delete', 'root']);
    expect(refused.code).toBe(1);
    expect(refused.text).toMatch(/has screens/);
    await store.createSession({ token: 'ivy-4', userId: ivy.id, expiresAt: far });
    expect(await run(['delete', 'ivy'])).toEqual({ code: 0, text: 'deleted "ivy" and their sessions\n' });
    expect(await store.findUserByName('ivy')).toBeNull();
    expect(await store.sessionUser('ivy-4', new Date())).toBeNull();
    expect((await run(['frobnicate'])).code).toBe(2);
  });
});
