#!/usr/bin/env node
// Builds the web app (vite build → web/dist) when web/dist is missing or older than its sources, so that
// `npm install && npm start` serves the app on a fresh clone. Quiet and fast when the build is up to date.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'web', 'dist', 'index.html');
// Everything the bundle is made of: the app, the browser side of the engine, the modules it shares with Node, and
// the API contract (the schemas the app checks responses with).
const sources = [
  'web/src',
  'web/index.html',
  'web/vite.config.ts',
  'harness/src',
  'server/src/contract.ts',
  'package-lock.json',
].map((p) => path.join(root, p));

function newest(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of readdirSync(p, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    m = Math.max(m, newest(path.join(p, e.name)));
  }
  return m;
}

const force = process.argv.includes('--force');
// A grading process (ROLE=grader npm start) serves no pages.
if (!force && process.env.ROLE === 'grader') process.exit(0);
const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const sourcesAt = Math.max(...sources.map(newest));
if (!force && builtAt > 0 && builtAt >= sourcesAt) process.exit(0);

process.stderr.write(
  builtAt ? 'web app: sources changed, rebuilding web/dist…\n' : 'web app: building web/dist (first start)…\n',
);
const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const r = spawnSync(
  process.execPath,
  [vite, 'build', '--config', path.join(root, 'web', 'vite.config.ts'), '--logLevel', 'warn'],
  { cwd: root, stdio: 'inherit' },
);
if (r.status !== 0) {
  process.stderr.write('web app: build failed (the API still starts; see the errors above)\n');
  process.exit(process.argv.includes('--strict') ? 1 : 0);
}
