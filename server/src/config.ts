/** Configuration from environment variables, checked against one schema at boot; defaults serve one machine. */
import os from 'node:os';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;

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
  MAX_CODE_BYTES: Type.Integer({ minimum: 1024, maximum: 1_048_576, default: 65_536 }),
  /** Submissions per client per minute. */
  SUBMIT_RATE_PER_MINUTE: Type.Integer({ minimum: 1, default: 30 }),
  /** Requests for the reference's output on custom inputs, per user (or screen) per minute. */
  EXPECTED_RATE_PER_MINUTE: Type.Integer({ minimum: 1, default: 20 }),
  /** Counterexample searches per user per minute (each runs many small inputs for up to ~10 s). */
  COUNTEREXAMPLE_RATE_PER_MINUTE: Type.Integer({ minimum: 1, default: 6 }),
  LOG_LEVEL: Type.Union(
    LOG_LEVELS.map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
});
export type Config = Static<typeof ConfigSchema>;

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

const NUMERIC = [
  'PORT',
  'GRADER_WORKERS',
  'QUEUE_LIMIT',
  'MAX_CODE_BYTES',
  'SUBMIT_RATE_PER_MINUTE',
  'EXPECTED_RATE_PER_MINUTE',
  'COUNTEREXAMPLE_RATE_PER_MINUTE',
] as const;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const v = env[key];
    if (v === undefined || v === '') continue;
    raw[key] = (NUMERIC as readonly string[]).includes(key) && /^-?\d+$/.test(v) ? Number(v) : v;
  }
  const config = Value.Default(ConfigSchema, raw) as Config;
  if (!Value.Check(ConfigSchema, config)) {
    const errors = new Set<string>();
    for (const e of Value.Errors(ConfigSchema, config)) {
      const key = e.instancePath.slice(1) || 'config';
      // A union (LOG_LEVEL) reports one error per member: name the allowed values once instead.
      errors.add(key === 'LOG_LEVEL' ? `LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')}` : `${key}: ${e.message}`);
    }
    throw new ConfigError(`invalid configuration: ${[...errors].join('; ')}`);
  }
  return { ...config, DATA_DIR: path.resolve(config.DATA_DIR), PROBLEMS_DIR: path.resolve(config.PROBLEMS_DIR) };
}
