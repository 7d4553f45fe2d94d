/** Configuration from environment variables, checked against one schema at boot; defaults serve one machine. */
import os from 'node:os';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;
export const ROLES = ['all', 'api', 'grader'] as const;
export type ProcessRole = (typeof ROLES)[number];
const COOKIE_SECURE = ['auto', 'true', 'false'] as const;
/** Settings with a closed set of values: a union reports one error per member, so name the values once instead. */
const CHOICES: Record<string, readonly string[]> = { LOG_LEVEL: LOG_LEVELS, COOKIE_SECURE, ROLE: ROLES };

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  /** postgres://… to use a PostgreSQL server instead of the embedded PGlite under DATA_DIR. */
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  /** Signs cookies. Default: a random secret kept in DATA_DIR/cookie-secret. */
  COOKIE_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  PROBLEMS_DIR: Type.String({ default: './problems' }),
  /** Grading worker threads (default: one per CPU). */
  GRADER_WORKERS: Type.Integer({ minimum: 1, maximum: 64, default: Math.max(1, os.availableParallelism()) }),
  /** Submissions waiting beyond this answer 503 with Retry-After. */
  QUEUE_LIMIT: Type.Integer({ minimum: 1, default: 200 }),
  /** Submissions not yet graded (queued or running) per owner: beyond, 429 TOO_MANY_QUEUED. */
  QUEUED_PER_OWNER: Type.Integer({ minimum: 1, default: 5 }),
  MAX_CODE_BYTES: Type.Integer({ minimum: 1024, maximum: 1_048_576, default: 65_536 }),
  /** Submissions per owner (a learner, an account, a screen's link) per minute. */
  SUBMIT_RATE_PER_MINUTE: Type.Integer({ minimum: 1, default: 30 }),
  /** A published problem package: the sum of its files' sizes. */
  PUBLISH_MAX_BYTES: Type.Integer({ minimum: 65_536, maximum: 64 * 1024 * 1024, default: 8 * 1024 * 1024 }),
  /** How long `judge check` of a published package may run before it is refused. */
  PUBLISH_CHECK_TIMEOUT_MS: Type.Integer({ minimum: 1000, default: 15 * 60_000 }),
  /** A new version re-grades at most this many stored submissions (the newest). */
  REGRADE_MAX: Type.Integer({ minimum: 0, default: 5000 }),
  /**
   * Which proxies to believe about the client's address and protocol (X-Forwarded-For, X-Forwarded-Proto): unset
   * or `false` for none (a direct connection), `true` for any, a number of hops, or addresses and CIDR ranges
   * separated by commas (`127.0.0.1,10.0.0.0/8`; also `loopback`, `uniquelocal`). Rate limits key on the address
   * this yields, so trust only proxies that overwrite the header.
   */
  TRUST_PROXY: Type.String({ default: 'false', pattern: '^[^\\s]*$' }),
  /** Cookies' Secure flag: `auto` sets it when the request came over HTTPS (as TRUST_PROXY tells), or always, never. */
  COOKIE_SECURE: Type.Union([Type.Literal('auto'), Type.Literal('true'), Type.Literal('false')], {
    default: 'auto',
  }),
  /** Submissions per client address per minute, whoever sends them (learners behind one address share it). */
  SUBMIT_RATE_PER_ADDRESS_PER_MINUTE: Type.Integer({ minimum: 1, default: 120 }),
  /** Draft saves per client address per minute (a save without a cookie creates a learner). */
  DRAFT_RATE_PER_MINUTE: Type.Integer({ minimum: 1, default: 120 }),
  /** Drafts of anonymous learners not saved again for this many days are deleted (swept hourly). */
  ANON_DRAFT_RETENTION_DAYS: Type.Integer({ minimum: 1, default: 30 }),
  /** Timeline events a screen keeps from the candidate's browser, by count and by bytes of data. */
  SCREEN_EVENTS_MAX: Type.Integer({ minimum: 10, default: 5000 }),
  SCREEN_EVENTS_MAX_BYTES: Type.Integer({ minimum: 65_536, default: 8 * 1024 * 1024 }),
  /** One timeline event's data (a snapshot carries the code): MAX_CODE_BYTES and room for its other fields. */
  SCREEN_EVENT_MAX_BYTES: Type.Integer({ minimum: 1024, default: 65_536 + 4096 }),
  /** Timeline batches per screen per minute (the browser sends one every 3 s, and on blur, focus and run). */
  SCREEN_EVENT_BATCHES_PER_MINUTE: Type.Integer({ minimum: 1, default: 60 }),
  /** Open server-sent event streams per client address, and in all. */
  SSE_STREAMS_PER_CLIENT: Type.Integer({ minimum: 1, default: 20 }),
  SSE_STREAMS_TOTAL: Type.Integer({ minimum: 1, default: 1000 }),
  /** A stream is closed after this long; the browser then reads the stored submission until it is graded. */
  SSE_STREAM_MAX_SECONDS: Type.Integer({ minimum: 1, default: 600 }),
  /** Open TCP connections the server accepts at once (Node's server.maxConnections). */
  MAX_CONNECTIONS: Type.Integer({ minimum: 1, default: 2000 }),
  /** A request (headers and body) must arrive within this many seconds (Node's requestTimeout). */
  REQUEST_TIMEOUT_SECONDS: Type.Integer({ minimum: 1, default: 30 }),
  /**
   * What this process does: `all` (HTTP and grading, the default), `api` (HTTP only) or `grader` (grades, no HTTP).
   * `api` and `grader` share work through DATABASE_URL.
   */
  ROLE: Type.Union(
    ROLES.map((r) => Type.Literal(r)),
    { default: 'all' },
  ),
  /** A grader that has not beaten its heartbeat for this long has its running submissions taken by another. */
  GRADER_LEASE_MS: Type.Integer({ minimum: 1000, maximum: 600_000, default: 10_000 }),
  /** Requests for the reference's output on custom inputs, per user (or screen) per minute. */
  EXPECTED_RATE_PER_MINUTE: Type.Integer({ minimum: 1, default: 20 }),
  /** Counterexample searches per user per minute (each runs many small inputs for up to ~10 s). */
  COUNTEREXAMPLE_RATE_PER_MINUTE: Type.Integer({ minimum: 1, default: 6 }),
  /** Test reports per learner (or account) per hour (issue 12 §3): each lands in the authors' inbox. */
  REPORT_RATE_PER_HOUR: Type.Integer({ minimum: 1, default: 10 }),
  LOG_LEVEL: Type.Union(
    LOG_LEVELS.map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
});
export type Config = Static<typeof ConfigSchema>;

/** TRUST_PROXY as Fastify's `trustProxy` option (a number of hops as the function proxy-addr would make of it). */
export function trustProxyOption(value: string): boolean | string | ((address: string, hop: number) => boolean) {
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return value;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** Settings given as integers in the schema: their text is converted before the check. */
const NUMERIC = new Set(
  Object.entries(ConfigSchema.properties)
    .filter(([, schema]) => (schema as { type?: unknown }).type === 'integer')
    .map(([key]) => key),
);

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const v = env[key];
    if (v === undefined || v === '') continue;
    raw[key] = NUMERIC.has(key) && /^-?\d+$/.test(v) ? Number(v) : v;
  }
  const config = Value.Default(ConfigSchema, raw) as Config;
  if (!Value.Check(ConfigSchema, config)) {
    const errors = new Set<string>();
    for (const e of Value.Errors(ConfigSchema, config)) {
      const key = e.instancePath.slice(1) || 'config';
      const choices = CHOICES[key];
      errors.add(choices ? `${key}: must be one of ${choices.join(', ')}` : `${key}: ${e.message}`);
    }
    throw new ConfigError(`invalid configuration: ${[...errors].join('; ')}`);
  }
  // The embedded database is opened by one process at a time: a process that only serves or only grades needs a
  // partner process, so a shared PostgreSQL.
  if (config.ROLE !== 'all' && !config.DATABASE_URL)
    throw new ConfigError(`invalid configuration: ROLE=${config.ROLE} needs DATABASE_URL (a shared PostgreSQL)`);
  return { ...config, DATA_DIR: path.resolve(config.DATA_DIR), PROBLEMS_DIR: path.resolve(config.PROBLEMS_DIR) };
}
