/**
 * A new PGlite database costs an `initdb`: 3-5 s of the same work every time (6-7 s on a loaded machine), which is
 * most of a fresh server's start and was the largest single cost of the test suite (every test server, every
 * `judge user add` on a new DATA_DIR). An image of a new cluster (PGlite's own `dumpDataDir` tarball, taken right
 * after `initdb`, before anything of ours is in it) loads in ~1 s instead.
 *
 * The image is kept per PGlite version, next to the installed packages (`node_modules/.cache/ml-infra-judge/`, the
 * usual place for a tool's cache; it goes with `rm -rf node_modules`): written once, by the first process that runs
 * an `initdb`, atomically (a reader sees the whole file or none). Anything wrong with it (unreadable, truncated, a
 * load that fails) costs one `initdb` and the file is replaced: the image is only ever a shortcut to the same state.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/** Where the image of this PGlite version's new cluster is kept; null when the package cannot be located. */
export function defaultImageFile(): string | null {
  try {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    // <node_modules>/@electric-sql/pglite/dist/index.cjs
    const pkgDir = path.resolve(path.dirname(entry), '..');
    const { version } = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };
    const nodeModules = path.resolve(pkgDir, '..', '..');
    return path.join(nodeModules, '.cache', 'ml-infra-judge', `pglite-${version}-new-cluster.tar.gz`);
  } catch {
    return null;
  }
}

/** The image as PGlite's `loadDataDir` takes it, or undefined when there is none yet (or no file to keep it in). */
export function readImage(file: string | null): Blob | undefined {
  if (file === null) return undefined;
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    return undefined;
  }
}

/**
 * Keeps the image of `pglite`, which must be a cluster `initdb` just made (nothing written to it yet). Best effort:
 * a read-only or full disk leaves no image and no error (the next new database runs its own `initdb`).
 */
export async function saveImage(pglite: PGlite, file: string | null): Promise<void> {
  if (file === null) return;
  // Unique per writer: processes and threads (one pid) may save at the same time; the last rename wins, whole.
  const partial = `${file}.${randomUUID()}.partial`;
  try {
    const image = await pglite.dumpDataDir('gzip');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(partial, new Uint8Array(await image.arrayBuffer()));
    renameSync(partial, file);
  } catch {
    // No image this time; and no partial file left behind, where there could be one.
    try {
      rmSync(partial, { force: true });
    } catch {
      // the directory is not there (or not ours)
    }
  }
}

/** Drops an image that did not load, so that the next `initdb` writes a good one. Best effort, as `saveImage`. */
export function discardImage(file: string | null): void {
  if (file === null) return;
  try {
    rmSync(file, { force: true });
  } catch {
    // not ours to remove: the save after the initdb replaces it, or fails quietly too
  }
}
