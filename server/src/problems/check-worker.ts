/**
 * `judge check` of a published package, in a worker thread of its own (check.ts starts it): the author's modules
 * (generator, validator, checker) run here, not on the server's event loop, and a check that hangs is terminated.
 * The sandbox runs go to a one-worker pool of this thread's own, so live grading keeps the server's pool.
 *
 * A package sent without tests/suite.json (the browser's authoring page never sends one: the suite is generated) is
 * built first, exactly as `judge build` does; the check then runs on the built suite, which goes back to the caller
 * to be stored with the revision.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { JudgeError } from '../../../harness/src/errors.ts';
import { DEFAULT_ENGINE } from '../../../harness/src/node/engine.ts';
import { nodeEsbuild } from '../../../harness/src/node/esbuild.ts';
import { WorkerPool } from '../../../harness/src/node/pool.ts';
import { buildProblem } from '../../../harness/src/problem/build.ts';
import { loadProblem } from '../../../harness/src/problem/load.ts';
import { checkProblem } from '../../../harness/src/problem/verify-package.ts';
import type { PackageCheck } from './check.ts';

const { dir } = workerData as { dir: string };

async function run(): Promise<PackageCheck> {
  const esbuild = await nodeEsbuild();
  const suiteFile = path.join(dir, 'tests', 'suite.json');
  const build = !existsSync(suiteFile);
  const lines: string[] = [];
  let problem;
  try {
    problem = await loadProblem(dir, esbuild);
  } catch (e) {
    if (e instanceof JudgeError) return { ok: false, errors: [`[${e.code}] ${e.message}`], lines, version: null };
    throw e;
  }
  const pool = new WorkerPool({ size: 1, engine: DEFAULT_ENGINE });
  try {
    let builtSuite: string | undefined;
    if (build) {
      const suite = await buildProblem(problem, esbuild, pool, DEFAULT_ENGINE);
      builtSuite = readFileSync(suiteFile, 'utf8');
      lines.push(`${problem.slug}: built tests/suite.json on the server (judge build): ${suite.tests.length} tests`);
      problem = await loadProblem(dir, esbuild);
    }
    const report = await checkProblem(problem, esbuild, pool, DEFAULT_ENGINE);
    return {
      ok: report.errors.length === 0,
      errors: report.errors,
      lines: [...lines, ...report.lines],
      version: problem.version,
      ...(builtSuite !== undefined ? { builtSuite } : {}),
    };
  } catch (e) {
    if (e instanceof JudgeError)
      return {
        ok: false,
        errors: [`${build && lines.length === 0 ? 'judge build: ' : ''}[${e.code}] ${e.message}`],
        lines,
        version: null,
      };
    throw e;
  } finally {
    await pool.close();
  }
}

run().then(
  (result) => parentPort!.postMessage(result),
  (e: unknown) =>
    parentPort!.postMessage({
      ok: false,
      errors: [`the check failed: ${e instanceof Error ? e.message : String(e)}`],
      lines: [],
      version: null,
    } satisfies PackageCheck),
);
