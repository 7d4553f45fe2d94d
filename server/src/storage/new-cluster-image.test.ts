import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { openPGlite, type Db } from './db.ts';
import { defaultImageFile, readImage } from './new-cluster-image.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'judge-cluster-image-'));
const opened: Db[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

async function open(dataDir: string, imageFile: string | null): Promise<Db> {
  const db = await openPGlite(dataDir, imageFile);
  opened.push(db);
  return db;
}

/**
 * An image with a table in it, so that a database shows whether it was made from the image. Made from the kept image
 * when there is one (an initdb costs seconds).
 */
async function markedImage(file: string): Promise<void> {
  const kept = readImage(defaultImageFile());
  const pg = new PGlite('memory://', kept ? { loadDataDir: kept } : {});
  await pg.exec('CREATE TABLE made_from_image (x int); INSERT INTO made_from_image VALUES (42)');
  writeFileSync(file, new Uint8Array(await (await pg.dumpDataDir('gzip')).arrayBuffer()));
  await pg.close();
}

const marked = async (db: Db): Promise<boolean> =>
  (await db.query<{ t: string | null }>(`SELECT to_regclass('made_from_image')::text AS t`))[0]!.t !== null;

describe('new databases start from the image of a new cluster', () => {
  it('is kept per PGlite version in node_modules/.cache', () => {
    expect(defaultImageFile()).toMatch(/node_modules\/\.cache\/ml-infra-judge\/pglite-\d+\.\d+\.\d+.*\.tar\.gz$/);
  });

  it('loads the image into a new database, in memory and in an empty directory, and never into an existing one', async () => {
    const image = path.join(tmp, 'marked.tar.gz');
    await markedImage(image);
    expect(await marked(await open('memory://', image))).toBe(true);

    const dataDir = path.join(tmp, 'data');
    const first = await open(dataDir, image);
    expect(await marked(first)).toBe(true);
    await first.exec('INSERT INTO made_from_image VALUES (7)');
    await first.close();
    // Reopened, it is the same database (the image is not loaded over it).
    const again = await open(dataDir, image);
    expect((await again.query<{ x: number }>('SELECT x FROM made_from_image ORDER BY x')).map((r) => r.x)).toEqual([
      7, 42,
    ]);
  });

  it('runs initdb when the image does not load, and replaces it with a good one', async () => {
    const file = path.join(tmp, 'cache', 'new-cluster.tar.gz');
    mkdirSync(path.dirname(file));
    writeFileSync(file, 'not a tarball');
    const dataDir = path.join(tmp, 'after-a-bad-image');
    const db = await open(dataDir, file);
    expect(await marked(db)).toBe(false);
    await db.exec('CREATE TABLE t (x int)');
    expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // gzip
    expect(statSync(file).size).toBeGreaterThan(100_000);
    // The new image is of an empty cluster: our table went in after it was taken.
    const fromIt = await open('memory://', file);
    expect((await fromIt.query(`SELECT to_regclass('t')::text AS t`))[0]).toEqual({ t: null });
  });

  it('runs initdb when there is no image, and works without a place to keep one', async () => {
    const blocked = path.join(tmp, 'a-file');
    writeFileSync(blocked, '');
    const db = await open('memory://', path.join(blocked, 'cannot', 'be', 'created.tar.gz'));
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
