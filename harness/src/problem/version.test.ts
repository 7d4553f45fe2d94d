/**
 * A problem's version changes with what grading depends on (suite, limits, driver, checker) and with nothing else
 * (statement, starter, tags, visibility, stored solutions); a package travels as a file map with safe paths only.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeEsbuild } from '../node/esbuild.ts';
import { packagePathProblem, packageProblems, readProblemFolder, writeProblemFolder } from './folder.ts';
import { loadProblem } from './load.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SLUG = 'sliding-window-mask';
let base: string;

/** A fresh copy of the problem with one file changed; returns its version. */
async function versionWith(file: string, edit: (text: string) => string): Promise<string> {
  const dir = path.join(mkdtempSync(path.join(ROOT, '.tmp', 'version-')), SLUG);
  cpSync(path.join(ROOT, 'problems', SLUG), dir, { recursive: true });
  writeFileSync(path.join(dir, file), edit(readFileSync(path.join(dir, file), 'utf8')));
  return (await loadProblem(dir, await nodeEsbuild())).version;
}

beforeAll(async () => {
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  base = (await loadProblem(path.join(ROOT, 'problems', SLUG), await nodeEsbuild())).version;
});

describe('problem version', () => {
  it('is 12 hex digits, the same for the same package', async () => {
    expect(base).toMatch(/^[0-9a-f]{12}$/);
    expect(await versionWith('statement.md', (t) => t)).toBe(base);
  });

  it('ignores the statement, starter, title, tags, visibility and stored solutions', async () => {
    expect(await versionWith('statement.md', (t) => `${t}\nOne more sentence.\n`)).toBe(base);
    expect(await versionWith('starter.ts', (t) => `// hello\n${t}`)).toBe(base);
    const manifest = (edit: (m: any) => void) => (t: string) => {
      const m = JSON.parse(t);
      edit(m);
      return JSON.stringify(m);
    };
    expect(
      await versionWith(
        'problem.json',
        manifest((m) => (m.title = 'Another title')),
      ),
    ).toBe(base);
    expect(
      await versionWith(
        'problem.json',
        manifest((m) => (m.tags = ['x'])),
      ),
    ).toBe(base);
    expect(
      await versionWith(
        'problem.json',
        manifest((m) => (m.visibility = 'screens-only')),
      ),
    ).toBe(base);
    expect(await versionWith('solutions/accepted/reference.ts', (t) => `// note\n${t}`)).toBe(base);
  });

  it('changes with the suite, a budget, the limits, the checker and the driver', async () => {
    // Edits go through the parsed JSON, so an edit cannot silently miss because the file's text changed.
    const json = (edit: (s: any) => void) => (t: string) => {
      const s = JSON.parse(t);
      edit(s);
      return JSON.stringify(s);
    };
    const suite = json;
    const versions = [
      await versionWith(
        'tests/suite.json',
        suite((s) => s.tests[1].stepBudget++),
      ),
      await versionWith(
        'tests/suite.json',
        suite((s) => s.tests.pop()),
      ),
      await versionWith(
        'problem.json',
        json((p) => (p.limits.memoryMb /= 2)),
      ),
      await versionWith(
        'problem.json',
        json((p) => {
          expect(p.checker).toEqual({ name: 'exact' });
          p.checker = { name: 'float' };
        }),
      ),
      await versionWith('driver.ts', (t) => `${t}\n// changed\n`),
    ];
    for (const v of versions) expect(v).not.toBe(base);
    expect(new Set(versions).size).toBe(versions.length);
  });
});

describe('package files', () => {
  it('refuses unsafe paths and oversized packages', () => {
    for (const bad of ['../x.ts', '/abs.ts', '.hidden.ts', 'a/b/c/d.ts', 'x.exe', 'tests/../../y.json', 'a//b.ts'])
      expect(packagePathProblem(bad), bad).not.toBeNull();
    for (const ok of ['problem.json', 'tests/suite.json', 'solutions/accepted/reference.ts'])
      expect(packagePathProblem(ok), ok).toBeNull();
    expect(packageProblems({ 'statement.md': 'x' })).toEqual(['problem.json is missing (is this a problem folder?)']);
    expect(packageProblems({ 'problem.json': 'x'.repeat(2000) }, { maxFiles: 10, maxTotalBytes: 1000 })[0]).toMatch(
      /at most 1000/,
    );
  });

  it('a folder round-trips through a file map', async () => {
    const files = await readProblemFolder(path.join(ROOT, 'problems', SLUG));
    expect(Object.keys(files)).toContain('solutions/accepted/reference.ts');
    expect(packageProblems(files)).toEqual([]);
    const dir = path.join(mkdtempSync(path.join(ROOT, '.tmp', 'roundtrip-')), SLUG);
    await writeProblemFolder(dir, files);
    expect(await readProblemFolder(dir)).toEqual(files);
    expect((await loadProblem(dir, await nodeEsbuild())).version).toBe(base);
  });
});
