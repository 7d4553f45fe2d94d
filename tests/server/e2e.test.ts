/**
 * The server over real HTTP on 127.0.0.1: concurrent clients submitting and following live events, and a search of
 * every API response of full gradings for any hidden test input or expected output (there must be none).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanForHiddenTests } from '../helpers/leak-scan.ts';
import { Client, ROOT, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
}, 120_000);
afterAll(() => server?.stop());

const problemsDir = path.join(ROOT, 'problems');
const reference = (slug: string) =>
  readFileSync(path.join(problemsDir, slug, 'solutions', 'accepted', 'reference.ts'), 'utf8');

describe('over HTTP', () => {
  it('concurrent clients: every submission is graded once, with live progress, and each sees only its own', async () => {
    const slug = 'sliding-window-mask';
    const wrong =
      'export function swaMask(nQ: number, nK: number, W: number) { return [] }\nexport function swaRanges() { return [] }\nexport function rollingBuffer() { return { slots: [], chronological: [] } }';
    const clients = Array.from({ length: 6 }, () => new Client(server.url));
    const submitted = await Promise.all(
      clients.map(async (c, i) => {
        const r = await c.request('POST', '/api/submissions', {
          problem: slug,
          code: i % 2 === 0 ? reference(slug) : wrong,
        });
        expect(r.status).toBe(202);
        return { c, id: r.json.id as string, expect: i % 2 === 0 ? 'AC' : 'WA' };
      }),
    );
    const outcomes = await Promise.all(
      submitted.map(async ({ c, id, expect: verdict }) => {
        const stream = await c.events(id);
        const done = await c.waitDone(id);
        return { stream, done, verdict, c, id };
      }),
    );
    for (const o of outcomes) {
      expect(o.done.verdict).toBe(o.verdict);
      const types = o.stream.events.map((e) => e.event);
      expect(types).toContain('test-finished');
      expect(types.at(-1) === 'status' || types.at(-1) === 'done').toBe(true);
      expect(o.stream.events.find((e) => e.event === 'done')?.data.summary.verdict).toBe(o.verdict);
    }
    // Isolation: a client cannot read another's submission or list it.
    const [a, b] = outcomes;
    expect((await b!.c.request('GET', `/api/submissions/${a!.id}`)).status).toBe(404);
    const listed = (await b!.c.request('GET', '/api/submissions')).json.map((x: any) => x.id);
    expect(listed).toEqual([b!.id]);
  });

  it('no hidden test input or expected output appears in any API response of a full grading', async () => {
    const transcript: string[] = [];
    for (const slug of ['top-k-top-p-sampling', 'sliding-window-mask', 'bpe-tokenizer']) {
      const c = new Client(server.url);
      const record = async (method: string, url: string, body?: unknown) => {
        const r = await c.request(method, url, body);
        transcript.push(r.text);
        return r;
      };
      await record('GET', '/api/problems');
      await record('GET', `/api/problems/${slug}`);
      // A solution that tries to leak: prints its input, throws it, and returns it.
      const leaky = (await record('GET', `/api/problems/${slug}`)).json.entries
        .map(
          (e: any) =>
            `export function ${e.name}(...args: any[]): any { console.log(JSON.stringify(args)); if (args.length > 3) throw new Error(JSON.stringify(args)); return args }`,
        )
        .join('\n');
      for (const code of [reference(slug), leaky]) {
        const { id } = (await record('POST', '/api/submissions', { problem: slug, code })).json;
        const events = await c.events(id);
        transcript.push(events.raw);
        await c.waitDone(id);
        await record('GET', `/api/submissions/${id}`);
        await record('GET', `/api/submissions?problem=${slug}`);
      }
    }
    const { leaks, checked } = scanForHiddenTests(transcript.join('\n'), problemsDir, [
      'top-k-top-p-sampling',
      'sliding-window-mask',
      'bpe-tokenizer',
    ]);
    expect(leaks).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });
});
