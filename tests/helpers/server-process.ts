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
  const deadline = Date.now() + (opts.startTimeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      // Not left running behind the caller's back.
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy:\n${output}`);
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
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** A client that keeps its cookies, like a browser. */
export class Client {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

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

  /** Reads the whole SSE stream of a submission (until the server closes it). */
  async events(id: string): Promise<{ raw: string; events: Array<{ event: string; data: any }> }> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const r = await fetch(`${this.base}/api/submissions/${id}/events`, { headers });
    const raw = await r.text();
    const events = raw
      .split('\n\n')
      .filter((b) => b.startsWith('event:'))
      .map((b) => {
        const [e, d] = b.split('\n');
        return { event: e!.slice(7), data: JSON.parse(d!.slice(6)) };
      });
    return { raw, events };
  }
}
