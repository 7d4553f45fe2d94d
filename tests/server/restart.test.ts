/**
 * Nothing is lost: kill the server (SIGKILL) in the middle of a burst of submissions, start it again on the same
 * data, and every submission ends graded — none lost, none stuck in queued or running.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Client, ROOT, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

let server: ServerProcess | null = null;
afterAll(() => server?.stop());

it('a burst survives a kill -9 and a restart', async () => {
  server = await startServerProcess({ GRADER_WORKERS: '1', QUEUED_PER_OWNER: '20' });
  const dataDir = server.dataDir;
  const slug = 'bpe-tokenizer';
  const code = readFileSync(path.join(ROOT, 'problems', slug, 'solutions', 'accepted', 'reference.ts'), 'utf8');
  const client = new Client(server.url);
  const ids: string[] = [];
  for (let i = 0; i < 8; i++) {
    const r = await client.request('POST', '/api/submissions', { problem: slug, code: `${code}\n// ${i}` });
    expect(r.status).toBe(202);
    ids.push(r.json.id);
  }
  // Let grading get under way, then kill without any chance to clean up.
  await client.waitDone(ids[0]!);
  const before = await Promise.all(
    ids.map(async (id) => (await client.request('GET', `/api/submissions/${id}`)).json.status),
  );
  expect(before.filter((s) => s !== 'done').length).toBeGreaterThan(0);
  await server.stop('SIGKILL');

  server = await startServerProcess({ GRADER_WORKERS: '1', QUEUED_PER_OWNER: '20' }, dataDir);
  const again = new Client(server.url);
  // Same learner: carry the cookie over by reading it from the first client.
  Object.assign(again, { cookies: (client as unknown as { cookies: Map<string, string> }).cookies });
  for (const id of ids) {
    const done = await again.waitDone(id, 180_000);
    expect(done.verdict).toBe('AC');
  }
  const list = (await again.request('GET', `/api/submissions?problem=${slug}`)).json;
  expect(list.map((x: any) => x.id).sort()).toEqual([...ids].sort());
  expect(list.every((x: any) => x.status === 'done')).toBe(true);
}, 400_000);
