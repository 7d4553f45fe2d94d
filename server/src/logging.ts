/**
 * The server's logger. Request logs must not carry credentials (issue 14 §7): a candidate link's token is in the URL
 * of every candidate request (`/api/candidate/<token>/…`, the page `/screen/<token>`), so URLs and error texts are
 * logged with it replaced; cookies and authorization headers are censored wherever a log record holds headers.
 */
import type { FastifyRequest } from 'fastify';
import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';

const TOKEN_IN_PATH = /(\/(?:api\/candidate|screen)\/)[^/?#\s"'`]+/g;

/** Replaces candidate link tokens in a URL or any text that may quote one. */
export function redactTokens(text: string): string {
  return text.replace(TOKEN_IN_PATH, '$1[redacted]');
}

/** Fastify's request serializer (method, url, host, address), with the URL's token replaced. */
function requestSerializer(req: FastifyRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: redactTokens(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

function errorSerializer(err: Error): Record<string, unknown> {
  const out = stdSerializers.err(err) as unknown as Record<string, unknown>;
  for (const key of ['message', 'stack']) if (typeof out[key] === 'string') out[key] = redactTokens(out[key] as string);
  return out;
}

/** Header paths censored in any log record (at the top, and one level deep as in `{ req: { headers } }`). */
const HEADER_SECRETS = [
  'headers.cookie',
  'headers.authorization',
  'headers["set-cookie"]',
  '*.headers.cookie',
  '*.headers.authorization',
  '*.headers["set-cookie"]',
];

export const logSerializers = { req: requestSerializer, err: errorSerializer };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    { level, serializers: logSerializers, redact: { paths: HEADER_SECRETS, censor: '[redacted]' } },
    destination,
  );
}
