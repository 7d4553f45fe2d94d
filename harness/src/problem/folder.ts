/**
 * A problem package as data: its files as a map of relative path → text. `judge publish` reads a folder into one
 * and sends it; the server checks the paths and sizes, stores it, and writes it back out as a folder to load it.
 * Only the text files a package is made of travel: TypeScript, JSON, Markdown and plain text, at most three levels
 * deep (`solutions/accepted/reference.ts`), never a hidden or parent path.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ERROR_CODES, JudgeError } from '../errors.ts';
import { packagePathProblem } from './package-paths.ts';

export type PackageFiles = Record<string, string>;

export interface PackageLimits {
  maxFiles: number;
  /** Sum of the files' UTF-8 sizes. */
  maxTotalBytes: number;
}

export const DEFAULT_PACKAGE_LIMITS: PackageLimits = { maxFiles: 500, maxTotalBytes: 8 * 1024 * 1024 };

/** Folders a package never sends (a local build or editor state). */
const SKIPPED_DIRS = new Set(['node_modules']);

export { packagePathProblem };

/** Every reason the files cannot be a package (empty when they can): paths, text, counts, sizes, problem.json. */
export function packageProblems(files: PackageFiles, limits: PackageLimits = DEFAULT_PACKAGE_LIMITS): string[] {
  const errors: string[] = [];
  const names = Object.keys(files);
  if (names.length > limits.maxFiles) errors.push(`${names.length} files; a package has at most ${limits.maxFiles}`);
  let total = 0;
  for (const name of names) {
    const why = packagePathProblem(name);
    if (why) errors.push(`${JSON.stringify(name.slice(0, 200))}: ${why}`);
    const text = files[name];
    if (typeof text !== 'string') errors.push(`${name}: not text`);
    else total += Buffer.byteLength(text, 'utf8');
  }
  if (total > limits.maxTotalBytes)
    errors.push(`the files hold ${total} bytes; a package has at most ${limits.maxTotalBytes}`);
  if (!('problem.json' in files)) errors.push('problem.json is missing (is this a problem folder?)');
  return errors;
}

/** Reads a problem folder into a file map (the files a package is made of; anything else is left out). */
export async function readProblemFolder(dir: string): Promise<PackageFiles> {
  const root = path.resolve(dir);
  if (!existsSync(path.join(root, 'problem.json')))
    throw new JudgeError(ERROR_CODES.PROBLEM_NOT_FOUND, `${dir}: no problem.json (is this a problem folder?)`);
  const files: PackageFiles = {};
  const walk = async (rel: string): Promise<void> => {
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && child.split('/').length < 3) await walk(child);
      } else if (entry.isFile() && packagePathProblem(child) === null) {
        files[child] = await readFile(path.join(root, child), 'utf8');
      }
    }
  };
  await walk('');
  return files;
}

/** Writes a file map out as a folder (which must not exist yet, or be empty), checking every path first. */
export async function writeProblemFolder(dir: string, files: PackageFiles): Promise<void> {
  for (const name of Object.keys(files)) {
    const why = packagePathProblem(name);
    if (why) throw new JudgeError(ERROR_CODES.PROBLEM_INVALID, `${name}: ${why}`);
  }
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0))
    throw new JudgeError(ERROR_CODES.BAD_OPTION, `${dir} already exists`);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, ...name.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
}
