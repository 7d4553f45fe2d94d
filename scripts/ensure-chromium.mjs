#!/usr/bin/env node
// Makes sure the web app's end-to-end tests have a Chromium to drive (playwright-core never downloads one here).
// Order: $CHROMIUM_PATH, then a system chromium/chrome on the usual paths or $PATH; when there is none and we run as
// root with apt-get, Debian's `chromium` package is installed (~25 s). Otherwise it fails with one line that says
// what to install: the e2e tests are never skipped silently. `npm test` runs this before vitest.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
export const INSTALL_HINT =
  'the web end-to-end tests need Chromium: install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary';

const executable = (p) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The browser to use, or null. A CHROMIUM_PATH that is set but not executable is an error, not a fallback. */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) {
    if (executable(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file`);
  }
  const dirs = ['/usr/bin', ...(env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  for (const name of NAMES) for (const dir of dirs) if (executable(path.join(dir, name))) return path.join(dir, name);
  return null;
}

function installWithApt() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return false;
  if (!executable('/usr/bin/apt-get')) return false;
  process.stderr.write("ensure-chromium: no Chromium found; installing Debian's chromium package (apt-get)…\n");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status !== 0) return false;
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
    stdio: 'inherit',
    env,
  });
  return install.status === 0;
}

/** Finds or installs a browser; returns its path or throws an Error whose message is one line. */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (installWithApt()) {
    const installed = findChromium();
    if (installed) return installed;
  }
  throw new Error(INSTALL_HINT);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const found = ensureChromium();
    if (process.argv.includes('--print')) process.stdout.write(`${found}\n`);
  } catch (e) {
    process.stderr.write(`npm test: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
