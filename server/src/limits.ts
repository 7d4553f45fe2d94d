/**
 * Abuse limits the HTTP layer keeps in memory (issue 14 §3-§6): fixed-window rate limits under arbitrary keys (a
 * learner, a screen, a client address) and counted slots for long-lived event streams. Per process: with several API
 * processes each enforces its own share (the queue limits that protect the graders live in the database instead).
 *
 * `@fastify/rate-limit` keys a route by what the request alone says (its address); these limits key by what a
 * handler learns first (whose workspace it is, which screen), so they are checked inside the handler.
 */
import type { FastifyRequest } from 'fastify';
import type { Config } from './config.ts';
import { ApiError } from './errors.ts';

/** Fixed-window counters: at most `max` hits per key per `windowMs`; memory stays bounded under a flood of keys. */
export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; hits: number }>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly opts: { maxKeys?: number; clock?: () => number } = {},
  ) {}

  /** Counts one hit for `key`: 0 when allowed, else the milliseconds until the key's window resets. */
  take(key: string): number {
    const now = this.opts.clock ? this.opts.clock() : performance.now();
    let w = this.windows.get(key);
    if (!w || now - w.startedAt >= this.windowMs) {
      if (w) this.windows.delete(key);
      this.makeRoom(now);
      w = { startedAt: now, hits: 0 };
      this.windows.set(key, w);
    }
    w.hits++;
    return w.hits > this.max ? Math.max(1, Math.ceil(w.startedAt + this.windowMs - now)) : 0;
  }

  get size(): number {
    return this.windows.size;
  }

  /** Drops windows that ended; if every key is live, the oldest window goes (Map order is insertion order). */
  private makeRoom(now: number): void {
    const maxKeys = this.opts.maxKeys ?? 50_000;
    if (this.windows.size < maxKeys) return;
    for (const [k, w] of this.windows) if (now - w.startedAt >= this.windowMs) this.windows.delete(k);
    while (this.windows.size >= maxKeys) this.windows.delete(this.windows.keys().next().value as string);
  }
}

/** Throws 429 RATE_LIMITED with Retry-After when `key` is over `limiter`'s rate. */
export function enforce(limiter: RateLimiter, key: string, what: string): void {
  const waitMs = limiter.take(key);
  if (waitMs === 0) return;
  const seconds = Math.ceil(waitMs / 1000);
  throw new ApiError('RATE_LIMITED', `too many ${what}; retry in ${seconds} s`, { 'retry-after': String(seconds) });
}

/** Counted slots for open event streams, per client address and in total. */
export class StreamSlots {
  private readonly perClient = new Map<string, number>();
  private total = 0;

  constructor(
    readonly maxPerClient: number,
    readonly maxTotal: number,
  ) {}

  /** A slot for `client`, released by the returned function (once, however often it is called); null when full. */
  acquire(client: string): (() => void) | null {
    const mine = this.perClient.get(client) ?? 0;
    if (mine >= this.maxPerClient || this.total >= this.maxTotal) return null;
    this.perClient.set(client, mine + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.perClient.get(client) ?? 1) - 1;
      if (left > 0) this.perClient.set(client, left);
      else this.perClient.delete(client);
    };
  }

  get open(): number {
    return this.total;
  }
}

/** The limits one app enforces, built from its configuration. */
export interface AbuseLimits {
  /** Submissions per owner (a learner, an account, a screen). */
  submitsPerOwner: RateLimiter;
  /** Submissions per client address, whoever it is (learners behind one address share it). */
  submitsPerAddress: RateLimiter;
  /** Draft saves per client address: each cookieless save can create a new learner. */
  draftsPerAddress: RateLimiter;
  /** Timeline batches per screen. */
  eventsPerScreen: RateLimiter;
  /** Test reports per owner (a learner, an account), per hour. */
  reportsPerOwner: RateLimiter;
  streams: StreamSlots;
}

export function buildLimits(config: Config): AbuseLimits {
  const minute = 60_000;
  return {
    submitsPerOwner: new RateLimiter(config.SUBMIT_RATE_PER_MINUTE, minute),
    submitsPerAddress: new RateLimiter(config.SUBMIT_RATE_PER_ADDRESS_PER_MINUTE, minute),
    draftsPerAddress: new RateLimiter(config.DRAFT_RATE_PER_MINUTE, minute),
    eventsPerScreen: new RateLimiter(config.SCREEN_EVENT_BATCHES_PER_MINUTE, minute),
    reportsPerOwner: new RateLimiter(config.REPORT_RATE_PER_HOUR, 60 * minute),
    streams: new StreamSlots(config.SSE_STREAMS_PER_CLIENT, config.SSE_STREAMS_TOTAL),
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    limits: AbuseLimits;
  }
}

/** What the limits key a client address by. */
export function clientAddress(req: FastifyRequest): string {
  return req.ip;
}
