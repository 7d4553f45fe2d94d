/**
 * A problem package as a .zip, in the CLI's folder format: one folder named for the slug holding the package's files
 * (`dot-sum/problem.json`, `dot-sum/solutions/accepted/reference.ts` ...), so `unzip` gives a folder that `judge
 * check` and `judge publish` take, and a zip of a problem folder (`zip -r dot-sum.zip dot-sum`, even from a parent:
 * `problems/dot-sum/...`) imports. Only the files a package is made of are kept (package-paths.ts); anything else
 * is listed as skipped.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { packagePathProblem } from '../../../harness/src/problem/package-paths.ts';

export type PackageFiles = Record<string, string>;

export function packageToZip(slug: string, files: PackageFiles): Uint8Array {
  const entries: Zippable = {};
  for (const name of Object.keys(files).sort()) entries[`${slug}/${name}`] = strToU8(files[name]!);
  return zipSync(entries, { level: 6 });
}

export interface ImportedPackage {
  /** The folder's name, or null when problem.json sits at the zip's root. */
  slug: string | null;
  files: PackageFiles;
  /** Entries left out, with why. */
  skipped: string[];
}

export class ZipImportError extends Error {}

export function packageFromZip(bytes: Uint8Array): ImportedPackage {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    throw new ZipImportError(`not a .zip file (${e instanceof Error ? e.message : String(e)})`);
  }
  const names = Object.keys(entries).filter((n) => !n.endsWith('/'));
  // The package's folder: the shallowest one holding problem.json.
  const manifests = names
    .filter((n) => n === 'problem.json' || n.endsWith('/problem.json'))
    .filter((n) => !n.split('/').some((p) => p.startsWith('.') || p === '__MACOSX'))
    .sort((a, b) => a.split('/').length - b.split('/').length);
  const manifest = manifests[0];
  if (manifest === undefined) throw new ZipImportError('no problem.json in the .zip (is it a problem folder?)');
  const prefix = manifest.slice(0, -'problem.json'.length);
  const slug = prefix ? (prefix.slice(0, -1).split('/').pop() ?? null) : null;
  const files: PackageFiles = {};
  const skipped: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) {
      skipped.push(`${name}: outside the problem folder`);
      continue;
    }
    const rel = name.slice(prefix.length);
    const why = packagePathProblem(rel);
    if (why) skipped.push(`${rel}: ${why}`);
    else files[rel] = strFromU8(entries[name]!);
  }
  return { slug, files, skipped };
}
