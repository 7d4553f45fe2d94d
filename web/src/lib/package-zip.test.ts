import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readProblemFolder, writeProblemFolder } from '../../../harness/src/problem/folder.ts';
import { VERDICT_FOLDER_NAMES } from '../../../harness/src/problem/package-paths.ts';
import { VERDICT_FOLDERS } from '../../../harness/src/problem/verify-package.ts';
import { packageFromZip, packageToZip, ZipImportError } from './package-zip.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SLUG = 'sliding-window-mask';

describe('problem packages as .zip', () => {
  it('round-trips a CLI problem folder: folder → zip → files → folder gives the same files', async () => {
    const files = await readProblemFolder(path.join(ROOT, 'problems', SLUG));
    expect(Object.keys(files)).toContain('tests/suite.json');
    const imported = packageFromZip(packageToZip(SLUG, files));
    expect(imported).toEqual({ slug: SLUG, files, skipped: [] });
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'zip-roundtrip-'));
    try {
      await writeProblemFolder(path.join(tmp, SLUG), imported.files);
      expect(await readProblemFolder(path.join(tmp, SLUG))).toEqual(files);
      // The zip tools see the CLI's layout: one folder named for the slug.
      const zipFile = path.join(tmp, 'export.zip');
      await writeFile(zipFile, packageToZip(SLUG, files));
      execFileSync('unzip', ['-q', zipFile, '-d', path.join(tmp, 'unzipped')]);
      expect(await readProblemFolder(path.join(tmp, 'unzipped', SLUG))).toEqual(files);
      // And a zip made by `zip -r` from a parent folder, with a stray file, imports.
      execFileSync('zip', ['-q', '-r', path.join(tmp, 'cli.zip'), SLUG], { cwd: path.join(tmp, 'unzipped') });
      const fromCli = packageFromZip(new Uint8Array(await readFile(path.join(tmp, 'cli.zip'))));
      expect(fromCli.slug).toBe(SLUG);
      expect(fromCli.files).toEqual(files);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('finds the package under a parent folder and skips what is not part of a package', () => {
    const zip = zipSync({
      'problems/dot-sum/problem.json': strToU8('{}'),
      'problems/dot-sum/solutions/accepted/reference.ts': strToU8('export {}'),
      'problems/dot-sum/.DS_Store': strToU8('x'),
      'problems/dot-sum/notes.bin': strToU8('x'),
      '__MACOSX/problems/dot-sum/problem.json': strToU8('junk'),
      'README.md': strToU8('outside'),
    });
    const p = packageFromZip(zip);
    expect(p.slug).toBe('dot-sum');
    expect(p.files).toEqual({ 'problem.json': '{}', 'solutions/accepted/reference.ts': 'export {}' });
    expect(p.skipped.length).toBe(4);
    expect(packageFromZip(zipSync({ 'problem.json': strToU8('{}') })).slug).toBeNull();
    expect(() => packageFromZip(zipSync({ 'a.ts': strToU8('') }))).toThrow(ZipImportError);
    expect(() => packageFromZip(strToU8('not a zip'))).toThrow(ZipImportError);
  });

  it('the browser knows the same verdict folders as judge check', () => {
    expect([...VERDICT_FOLDER_NAMES].sort()).toEqual(Object.keys(VERDICT_FOLDERS).sort());
  });
});
