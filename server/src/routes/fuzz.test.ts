/**
 * No 5xx on any input (issue 14 §11). Every route the app registers is walked through its schemas (the OpenAPI
 * document is written from them), and each gets random and boundary values — huge and negative numbers, NaN-like
 * strings, far dates, deep nesting, long strings, wrong types, unicode, missing and extra fields — as an interviewer
 * and as a stranger, with real ids (so bodies reach the handlers) and broken ones. Seeded: a failure names its seed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../harness/src/rng.ts';
import { hashPassword } from '../auth/password.ts';
import { cookieJar, startTestServer, type TestServer } from '../test-support.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 14_011);
/** Cases per route; a route with a body gets three times as many (its bodies have more places to break). */
const CASES_PER_ROUTE = Number(process.env.FUZZ_CASES ?? 40);

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  additionalProperties?: boolean | Schema;
};
type Operation = {
  parameters?: Array<{ name: string; in: 'path' | 'query'; schema: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
};

let s: TestServer;
const interviewer = cookieJar();
const real: Record<string, string> = {};

beforeAll(async () => {
  // No grading (queued work stays queued); limits high enough that the fuzz meets the handlers, not the limiter.
  s = await startTestServer({ QUEUE_LIMIT: '100000', SUBMIT_RATE_PER_MINUTE: '100000' }, { grade: false });
  // Healthy as after a passed engine self-test (a 503 before it is by design).
  s.grading.lastSelfTest = { ok: true, verdict: 'AC', ms: 0, at: new Date().toISOString() };
  await s.store.createUser({ id: 'fz', name: 'fuzz', role: 'admin', passwordHash: await hashPassword('fuzz-pw-1') });
  interviewer.take(
    await s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { name: 'fuzz', password: 'fuzz-pw-1' } }),
  );
  const slug = 'sliding-window-mask';
  const screen = await s.app.inject({
    method: 'POST',
    url: '/api/screens',
    payload: { problems: [slug], durationMinutes: 60 },
    headers: interviewer.header(),
  });
  const { token } = screen.json();
  await s.app.inject({ method: 'POST', url: `/api/candidate/${token}/start` });
  const sub = await s.app.inject({
    method: 'POST',
    url: `/api/candidate/${token}/submissions`,
    payload: { problem: slug, code: 'export function swaMask() {}' },
  });
  const spare = await s.app.inject({
    method: 'POST',
    url: '/api/screens',
    payload: { problems: [slug], durationMinutes: 60 },
    headers: interviewer.header(),
  });
  Object.assign(real, {
    slug,
    problem: slug,
    token,
    screenId: screen.json().screen.id,
    spareScreenId: spare.json().screen.id,
    submissionId: sub.json().id,
  });
}, 300_000);
afterAll(() => s.close());

/** JSON text nested `n` levels deep (built as text: JSON.stringify of it would overflow the stack). */
const deep = (n: number): string => {
  const open: string[] = [];
  const close: string[] = [];
  for (let i = 0; i < n; i++) {
    open.push(i % 2 ? '{"a":' : '[');
    close.push(i % 2 ? '}' : ']');
  }
  return `${open.join('')}1${close.reverse().join('')}`;
};

/** Values of any type that break naive handlers, as JSON text. */
const HOSTILE: string[] = [
  ...[
    null,
    true,
    0,
    -1,
    -0.5,
    1e30,
    -1e30,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 63,
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '',
    ' ',
    'a'.repeat(100_000),
    '\u202e\ud800\udfff\u0301',
    '💥'.repeat(2000),
    '../../etc/passwd',
    '%00',
    '275760-09-13',
    '+275760-09-13T00:00:00.000Z',
    '0000-01-01T00:00:00Z',
    '2024-13-45T25:61:61Z',
    '9999-12-31T23:59:59.999999999+14:00',
    [],
    {},
    [1, 'two', null],
    Array.from({ length: 5000 }, (_, i) => i),
    Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i])),
  ].map((v) => JSON.stringify(v)),
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
  '1e400',
  '-0',
  deep(5000),
  deep(33),
];
/** A placeholder put in a value, replaced in its JSON text by a hostile value. */
const HOLE = 'hostile-\u0001-hole';
const HOLE_JSON = JSON.stringify(HOLE);

function typesOf(schema: Schema): string[] {
  if (schema.anyOf ?? schema.oneOf) return (schema.anyOf ?? schema.oneOf)!.flatMap(typesOf);
  return schema.type === undefined ? [] : [schema.type].flat();
}

/** A value that fits the schema as far as this knows, with boundary values chosen often. */
function fitting(schema: Schema, rng: Rng, name: string, depth = 0): unknown {
  if (real[name] !== undefined && rng.float() < 0.7) return real[name];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return rng.pick(schema.enum);
  if (schema.anyOf ?? schema.oneOf) return fitting(rng.pick((schema.anyOf ?? schema.oneOf)!), rng, name, depth);
  const type = rng.pick(typesOf(schema).length ? typesOf(schema) : ['string']);
  switch (type) {
    case 'integer':
    case 'number': {
      const lo = schema.minimum ?? -1e6;
      const hi = schema.maximum ?? 1e6;
      const v = rng.pick([lo, hi, lo - 1, hi + 1, 0, Number.MAX_SAFE_INTEGER, rng.int(0, 1000), 1e30, -1e30]);
      return type === 'number' && rng.float() < 0.3 ? v + 0.5 : v;
    }
    case 'boolean':
      return rng.float() < 0.5;
    case 'null':
      return null;
    case 'array': {
      const n = rng.pick([0, 1, 3, schema.maxItems ?? 5, (schema.maxItems ?? 5) + 1]);
      return Array.from({ length: n }, () => fitting(schema.items ?? {}, rng, '', depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, sub] of Object.entries(schema.properties ?? {}))
        if ((schema.required ?? []).includes(k) || rng.float() < 0.6) out[k] = fitting(sub, rng, k, depth + 1);
      if (!schema.properties && depth < 3 && rng.float() < 0.5) out[`k${rng.int(0, 9)}`] = HOLE;
      return out;
    }
    default: {
      const max = schema.maxLength ?? 50;
      return rng.pick([
        'x'.repeat(Math.max(schema.minLength ?? 0, 1)),
        'y'.repeat(max),
        'z'.repeat(max + 1),
        'sliding-window-mask',
        '2030-01-01T00:00:00Z',
        new Date(Date.now() + 86_400_000).toISOString(),
        'a@b.c',
      ]);
    }
  }
}

/** Strings a valid value is picked from: the first that fits the schema's pattern and length. */
const VALID_STRINGS = () => [
  'sliding-window-mask',
  'client-0001',
  new Date(Date.now() + 86_400_000).toISOString(),
  'a@b.c',
  'x',
];

/** A value the schema accepts (so that one mutation of it reaches the handler), real ids where names match. */
function valid(schema: Schema, name: string): unknown {
  if (real[name] !== undefined) return real[name];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf ?? schema.oneOf) return valid((schema.anyOf ?? schema.oneOf)![0]!, name);
  switch (typesOf(schema)[0]) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return [valid(schema.items ?? {}, '')];
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, sub]) => [k, valid(sub, k)]));
    default:
      return (
        VALID_STRINGS().find(
          (c) =>
            (!schema.pattern || new RegExp(schema.pattern, 'u').test(c)) &&
            c.length >= (schema.minLength ?? 0) &&
            c.length <= (schema.maxLength ?? Infinity),
        ) ?? 'x'
      );
  }
}

/** Every place in a value one mutation can go: its own root, each property and each element, recursively. */
function places(value: unknown, out: Array<(v: unknown) => void> = []): Array<(v: unknown) => void> {
  if (Array.isArray(value))
    value.forEach((v, i) => {
      out.push((x) => (value[i] = x));
      places(v, out);
    });
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push((x) => ((value as Record<string, unknown>)[k] = x));
      places(v, out);
    }
  return out;
}

/**
 * A body as JSON text: mostly a valid body with one place made hostile (or one field added), sometimes a random
 * fitting body with boundary values, sometimes hostile as a whole.
 */
function body(schema: Schema, rng: Rng): string {
  const r = rng.float();
  if (r < 0.1) return rng.pick(HOSTILE);
  let value: unknown;
  if (r < 0.35) value = fitting(schema, rng, '');
  else {
    value = valid(schema, '');
    const spots = places(value);
    if (spots.length && rng.float() < 0.85) rng.pick(spots)(HOLE);
    else if (value && typeof value === 'object' && !Array.isArray(value))
      (value as Record<string, unknown>)[`extra${rng.int(0, 9)}`] = HOLE;
  }
  // Every hole gets its own hostile value.
  return JSON.stringify(value).replaceAll(HOLE_JSON, () => rng.pick(HOSTILE));
}

/** Percent-encodes any text (a slice can split a surrogate pair, which encodeURIComponent refuses). */
const encode = (text: string): string =>
  encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));

/** A path parameter: real (with probability `realShare`, so that bodies reach the handler), fitting or hostile. */
function pathValue(name: string, schema: Schema, rng: Rng, route: string, streams: boolean, realShare: number): string {
  // A stream of a real, never-graded submission would not end: streaming routes get broken ids only. Routes that
  // end a screen or its link get a screen of their own, so the rest keep a live one.
  if (!streams && rng.float() < realShare) {
    const spent = /\/(revoke|link)$/.test(route);
    const known =
      name === 'id' ? (spent ? real.spareScreenId : rng.pick([real.submissionId!, real.screenId!])) : real[name];
    if (known !== undefined) return encodeURIComponent(known);
  }
  const v = rng.float() < 0.5 ? fitting(schema, rng, '') : rng.pick(HOSTILE);
  const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined');
  return encode(text.slice(0, rng.pick([10, 100, 2000])));
}

it('no route answers 5xx to random and boundary input', async () => {
  const doc = s.app.swagger() as { paths: Record<string, Record<string, Operation>> };
  const routes = Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path: p, method: method.toUpperCase(), op })),
  );
  // Every API route is walked (the docs' own routes are not in the document).
  expect(routes.length).toBeGreaterThanOrEqual(25);
  const rng = createRng(SEED);
  const failures: string[] = [];
  let requests = 0;
  for (const { path: template, method, op } of routes) {
    const streams = Object.values(op.responses ?? {}).some((r) => r.content?.['text/event-stream']);
    const bodySchema = op.requestBody?.content['application/json']?.schema;
    for (let i = 0; i < (bodySchema ? 3 : 1) * CASES_PER_ROUTE; i++) {
      let url = template;
      for (const p of op.parameters?.filter((x) => x.in === 'path') ?? [])
        url = url.replace(`{${p.name}}`, pathValue(p.name, p.schema, rng, template, streams, bodySchema ? 0.8 : 0.5));
      const query = (op.parameters ?? [])
        .filter((x) => x.in === 'query' && rng.float() < 0.7)
        .map((q) => {
          const v = rng.float() < 0.7 ? fitting(q.schema, rng, q.name) : rng.pick(HOSTILE).slice(0, 500);
          return `${encode(q.name)}=${encode(String(typeof v === 'object' ? JSON.stringify(v) : v).slice(0, 500))}`;
        });
      if (query.length) url += `?${query.join('&')}`;
      const payload = bodySchema ? body(bodySchema, rng) : rng.float() < 0.2 ? '{"x":1}' : undefined;
      // Signing out would end the fuzz's own session.
      const signedIn = template !== '/api/auth/logout' && rng.float() < 0.7;
      const headers = {
        ...(signedIn ? interviewer.header() : {}),
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      };
      const res = await s.app.inject({ method: method as 'GET', url, headers, payload });
      requests++;
      if (res.statusCode >= 500)
        failures.push(
          `${method} ${url.slice(0, 200)} ${String(payload).slice(0, 300)} → ${res.statusCode} ${res.body}`,
        );
    }
  }
  // Raw bodies that JSON.stringify cannot make.
  for (const raw of [
    '{"events":[{"seq":1e400,"kind":"run"}],"clientId":"abcdefgh"}',
    '['.repeat(100_000),
    '{"a":-0}',
  ]) {
    const res = await s.app.inject({
      method: 'POST',
      url: `/api/candidate/${real.token}/events`,
      headers: { 'content-type': 'application/json' },
      payload: raw,
    });
    requests++;
    if (res.statusCode >= 500) failures.push(`raw ${raw.slice(0, 80)} → ${res.statusCode} ${res.body}`);
  }
  expect(failures, `seed ${SEED}, ${requests} requests`).toEqual([]);
}, 120_000);

it('the three inputs of the issue are 400s', async () => {
  const url = `/api/candidate/${real.token}/events`;
  const event = (e: string) => `{"clientId":"client-0001","events":[{"kind":"run",${e}}]}`;
  const headers = { 'content-type': 'application/json' };
  const nested = await s.app.inject({
    method: 'POST',
    url,
    headers,
    payload: event(`"seq":1,"data":{"d":${deep(5000)}}`),
  });
  expect(nested.statusCode).toBe(400);
  expect(nested.json().message).toMatch(/nested deeper than 32/);
  const huge = await s.app.inject({ method: 'POST', url, headers, payload: event('"seq":1e30') });
  expect(huge.statusCode).toBe(400);
  for (const linkExpiresAt of ['275760-09-13', '9999-01-01', 'soon']) {
    const far = await s.app.inject({
      method: 'POST',
      url: '/api/screens',
      payload: { problems: [real.slug], durationMinutes: 10, linkExpiresAt },
      headers: interviewer.header(),
    });
    expect({ linkExpiresAt, status: far.statusCode }).toEqual({ linkExpiresAt, status: 400 });
  }
  // Within the limits all is well.
  const fine = await s.app.inject({
    method: 'POST',
    url,
    headers,
    payload: event(`"seq":${2 ** 52},"data":{"d":${deep(20)}}`),
  });
  expect(fine.statusCode).toBe(200);
});
