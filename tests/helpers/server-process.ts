/** Starts the real server as a child process on a free loopback port, with its own data directory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface ServerProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  log: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServerProcess(
  env: Record<string, string> = {},
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'judge-data-')),
  opts: {
    /** Extra Node options before the entry point (e.g. `--import` of a probe). */
    nodeArgs?: string[];
    /** How long the server may take to become healthy (a loaded machine starts slowly). */
    startTimeoutMs?: number;
    /** A grader (ROLE=grader) serves no HTTP: false returns at once (the caller watches for it otherwise). */
    waitHealthy?: boolean;
  } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', ...(opts.nodeArgs ?? []), 'server/src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 180_000);
  while (opts.waitHealthy !== false) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    if (Date.now() > deadline) {
      // Not left running behind a failed test.
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy:\n${output}`);
    }
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    child,
    log: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** A client that keeps its cookies, like a browser. */
export class Client {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  /** The same client (same cookies, so the same learner) talking to another server. */
  at(base: string): Client {
    const other = new Client(base);
    other.cookies = this.cookies;
    return other;
  }

  async request(
    method: string,
    url: string,
    body?: unknown,
  ): Promise<{ status: number; text: string; json: any; headers: Headers }> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(this.base + url, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const text = await r.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: r.status, text, json, headers: r.headers };
  }

  async waitDone(id: string, timeoutMs = 120_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.request('GET', `/api/submissions/${id}`);
      if (r.json?.status === 'done') return r.json;
      if (Date.now() > deadline) throw new Error(`submission ${id} not done: ${r.text.slice(0, 200)}`);
      await new Promise((res) => setTimeout(res, 150));
    }
  }

  /** Reads the whole SSE stream of a submission (until the server closes it), from another base URL if given. */
  async events(
    id: string,
    opts: { lastEventId?: number; base?: string } = {},
  ): Promise<{ raw: string; events: SseEvent[] }> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (opts.lastEventId !== undefined) headers['last-event-id'] = String(opts.lastEventId);
    const r = await fetch(`${opts.base ?? this.base}/api/submissions/${id}/events`, { headers });
    const raw = await r.text();
    return { raw, events: parseSse(raw) };
  }

  /**
   * Follows a submission's stream like a browser's EventSource: events as they come; when the connection breaks
   * before `done`, it reconnects (to the next of `bases`, round robin) with the last event id it saw.
   */
  async follow(
    id: string,
    bases: string[],
    opts: { timeoutMs?: number; onEvent?: (e: SseEvent) => void } = {},
  ): Promise<{ events: SseEvent[]; reconnects: number }> {
    const seen: SseEvent[] = [];
    let lastId: number | undefined;
    let reconnects = 0;
    const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
    for (let attempt = 0; ; attempt++) {
      if (Date.now() > deadline) throw new Error(`stream of ${id}: no done before the deadline`);
      const headers: Record<string, string> = {};
      if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      if (lastId !== undefined) headers['last-event-id'] = String(lastId);
      let buffer = '';
      try {
        const r = await fetch(`${bases[attempt % bases.length]}/api/submissions/${id}/events`, {
          headers,
          signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
        });
        if (r.status !== 200 || !r.body) throw new Error(`status ${r.status}`);
        const decoder = new TextDecoder();
        const reader = r.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let cut;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut + 2);
            buffer = buffer.slice(cut + 2);
            for (const e of parseSse(block)) {
              if (e.id !== undefined) lastId = e.id;
              seen.push(e);
              opts.onEvent?.(e);
              if (e.event === 'done') return { events: seen, reconnects };
            }
          }
        }
      } catch {
        // broken off: reconnect below
      }
      reconnects++;
      await new Promise((res) => setTimeout(res, 200));
    }
  }
}

export interface SseEvent {
  id?: number;
  event: string;
  data: any;
}

/** Parses server-sent event blocks (`id:`, `event:`, `data:` lines); comments and `retry:` are skipped. */
export function parseSse(raw: string): SseEvent[] {
  const out: SseEvent[] = [];
  for (const block of raw.split('\n\n')) {
    let id: number | undefined;
    let event: string | undefined;
    let data: string | undefined;
    for (const line of block.split('\n')) {
      if (line.startsWith('id: ')) id = Number(line.slice(4));
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data = line.slice(6);
    }
    if (event !== undefined && data !== undefined)
      out.push({ ...(id === undefined ? {} : { id }), event, data: JSON.parse(data) });
  }
  return out;
}

/** Adds an account with `judge user add` (the CLI an operator uses), the password on stdin. */
export async function addUser(dataDir: string, role: string, name: string, password: string): Promise<void> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'judge.mjs'), 'user', 'add', '--role', role, name], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdin!.end(`${password}\n`);
  const code = await new Promise((r) => child.on('exit', r));
  if (code !== 0) throw new Error(`judge user add exited with ${String(code)}: ${stderr}`);
}
