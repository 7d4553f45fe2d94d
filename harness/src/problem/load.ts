/**
 * Loads a problem folder from disk (Node only): manifest, statement, starter, hand-written tests, the built suite,
 * and the author's TypeScript modules (driver compiled for the sandbox; generator, validator and checker imported
 * on the host).
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeChecker, type CustomChecker } from '../check/checkers.ts';
import { reviveTags } from '../codec.ts';
import type { EsbuildApi } from '../compile/transpile.ts';
import { transpile } from '../compile/transpile.ts';
import { ERROR_CODES, JudgeError } from '../errors.ts';
import type { GradableProblem, GradableTest } from '../grade.ts';
import { DEFAULT_LIMITS, type SandboxLimits } from '../sandbox/types.ts';
import type { ShrinkHook } from '../feedback/shrink.ts';
import type { GeneratorCase, Rng, TestInput } from './authoring.ts';
import {
  HandTestsSchema,
  ManifestSchema,
  parseWith,
  SuiteSchema,
  type HandTest,
  type Manifest,
  type Suite,
  type Visibility,
} from './manifest.ts';
import { NOT_GRADED_MODULES, problemVersion } from './version.ts';

export interface GeneratorModule {
  cases: GeneratorCase[];
  generate(c: GeneratorCase, rng: Rng): TestInput;
  /** Optional: how this problem's inputs shrink where the generic shrinker is not enough (issue 15 §2). */
  shrink?: ShrinkHook;
}
export interface DriverModule {
  buildArgs?: (fn: string, spec: unknown) => unknown[];
  invoke?: unknown;
}
export interface ValidatorModule {
  validate(input: TestInput, args: unknown[]): void;
}

export interface LoadedProblem extends GradableProblem {
  dir: string;
  manifest: Manifest;
  statement: string;
  starter: string;
  samples: HandTest[];
  edge: HandTest[];
  suite: Suite | null;
  generator: GeneratorModule | null;
  validator: ValidatorModule | null;
  /** The driver imported on the host (to materialise spec inputs for validation). */
  hostDriver: DriverModule | null;
  /** The hash of what grading depends on (version.ts): a stored verdict names the version it was graded against. */
  version: string;
  /** problem.json's `visibility` (default `listed`); the server may override it. */
  visibility: Visibility;
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new JudgeError(ERROR_CODES.PROBLEM_INVALID, `${file}: ${(e as Error).message}`);
  }
}

async function importTs<T>(file: string): Promise<T | null> {
  if (!existsSync(file)) return null;
  return (await import(pathToFileURL(file).href)) as T;
}

export function limitsOf(manifest: Manifest): SandboxLimits {
  const l = manifest.limits;
  return {
    ...DEFAULT_LIMITS,
    memoryBytes: l.memoryMb * 1024 * 1024,
    wallMs: l.wallMs,
    outputBytes: l.outputKb ? l.outputKb * 1024 : DEFAULT_LIMITS.outputBytes,
    consoleBytes: l.consoleKb ? l.consoleKb * 1024 : DEFAULT_LIMITS.consoleBytes,
  };
}

export async function loadProblem(dir: string, esbuild: EsbuildApi): Promise<LoadedProblem> {
  const root = path.resolve(dir);
  const slug = path.basename(root);
  if (!existsSync(path.join(root, 'problem.json'))) {
    throw new JudgeError(ERROR_CODES.PROBLEM_NOT_FOUND, `${dir}: no problem.json (is this a problem folder?)`);
  }
  const manifest = parseWith(ManifestSchema, await readJson(path.join(root, 'problem.json')), `${slug}/problem.json`);
  const readText = async (name: string): Promise<string> => {
    const file = path.join(root, name);
    if (!existsSync(file)) throw new JudgeError(ERROR_CODES.PROBLEM_INVALID, `${slug}/${name} is missing`);
    return readFile(file, 'utf8');
  };
  const readTests = async (name: string): Promise<HandTest[]> => {
    const file = path.join(root, 'tests', name);
    if (!existsSync(file)) return [];
    const tests = parseWith(HandTestsSchema, await readJson(file), `${slug}/tests/${name}`);
    return tests.map((t) => ({
      ...t,
      input: reviveTags(t.input) as TestInput,
      ...(t.expected !== undefined ? { expected: reviveTags(t.expected) } : {}),
    }));
  };
  const suiteFile = path.join(root, 'tests', 'suite.json');
  const suite = existsSync(suiteFile)
    ? parseWith(SuiteSchema, await readJson(suiteFile), `${slug}/tests/suite.json`)
    : null;

  let driverJs: string | null = null;
  const driverFile = path.join(root, 'driver.ts');
  if (existsSync(driverFile)) {
    const compiled = await transpile(esbuild, await readFile(driverFile, 'utf8'));
    if (!compiled.ok) {
      const e = compiled.error;
      throw new JudgeError(ERROR_CODES.DRIVER_INVALID, `${slug}/driver.ts:${e.line}:${e.column}: ${e.message}`);
    }
    driverJs = compiled.value.js;
  }

  // The root modules grading reads (driver, checker, helpers they import), for the version.
  const modules: Record<string, string> = {};
  for (const f of readdirSync(root).sort()) {
    if (f.endsWith('.ts') && !NOT_GRADED_MODULES.has(f)) modules[f] = await readFile(path.join(root, f), 'utf8');
  }

  const checkerModule = await importTs<{ check: CustomChecker }>(path.join(root, 'checker.ts'));
  const checkers = new Map(
    manifest.entries.map((e) => [e.name, makeChecker(e.checker ?? manifest.checker, checkerModule?.check)]),
  );
  const entries = manifest.entries.map((e) => e.name);
  const limits = limitsOf(manifest);

  return {
    slug,
    dir: root,
    manifest,
    statement: await readText('statement.md'),
    starter: await readText('starter.ts'),
    samples: await readTests('samples.json'),
    edge: await readTests('edge.json'),
    suite,
    generator: await importTs<GeneratorModule>(path.join(root, 'generator.ts')),
    validator: await importTs<ValidatorModule>(path.join(root, 'validator.ts')),
    hostDriver: await importTs<DriverModule>(driverFile),
    entries,
    driverJs,
    limits,
    version: problemVersion({ manifest, limits, suite, modules }),
    visibility: manifest.visibility ?? 'listed',
    checkerFor(fn: string) {
      const c = checkers.get(fn);
      if (!c) throw new JudgeError(ERROR_CODES.PROBLEM_INVALID, `${slug}: a test calls ${fn}, which is not an entry`);
      return (x) => c({ ...x, args: {} });
    },
  };
}

/** The built suite's tests, ready to grade. `samples` selects only the visible ones. */
export function suiteTests(problem: LoadedProblem, which: 'samples' | 'all'): GradableTest[] {
  if (!problem.suite) {
    throw new JudgeError(
      ERROR_CODES.SUITE_MISSING,
      `${problem.slug}: tests/suite.json is missing; run \`npx judge build ${path.relative(process.cwd(), problem.dir) || '.'}\``,
    );
  }
  return problem.suite.tests
    .filter((t) => which === 'all' || t.group === 'sample')
    .map((t) => ({
      id: t.id,
      group: t.group,
      name: t.name,
      input: reviveTags(t.input) as TestInput,
      ...(t.expected !== undefined ? { expected: reviveTags(t.expected) } : {}),
      ...(t.expectedDigest !== undefined ? { expectedDigest: t.expectedDigest } : {}),
      stepBudget: t.stepBudget,
      referenceSteps: t.referenceSteps,
      ...(t.scaleN !== undefined ? { scaleN: t.scaleN } : {}),
      ...(t.purpose !== undefined ? { purpose: t.purpose } : {}),
    }));
}
