/**
 * The problems the server offers, loaded once at boot from PROBLEMS_DIR through the harness. `publicView` (the
 * contract's ProblemDetail) is the only shape that leaves the server: statement, starter, typings, samples, limits —
 * never hidden tests.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { tagForJson } from '../../../harness/src/codec.ts';
import type { EsbuildApi } from '../../../harness/src/compile/transpile.ts';
import type { GradableTest } from '../../../harness/src/grade.ts';
import { loadProblem, suiteTests, type LoadedProblem } from '../../../harness/src/problem/load.ts';
import { loadSets, type ProblemSet } from '../../../harness/src/problem/sets.ts';
import type { ProblemDetail } from '../contract.ts';

export interface CatalogEntry {
  problem: LoadedProblem;
  tests: GradableTest[];
  view: ProblemDetail;
}

export class ProblemCatalog {
  private constructor(
    private readonly bySlug: Map<string, CatalogEntry>,
    /** The problem sets, each limited to the problems that loaded. */
    readonly sets: ProblemSet[],
  ) {}

  static async load(
    dir: string,
    esbuild: EsbuildApi,
    onSkip: (slug: string, why: string) => void,
  ): Promise<ProblemCatalog> {
    const map = new Map<string, CatalogEntry>();
    const slugs = existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => d.name)
          .sort()
      : [];
    for (const slug of slugs) {
      if (!existsSync(path.join(dir, slug, 'problem.json'))) continue;
      try {
        const problem = await loadProblem(path.join(dir, slug), esbuild);
        const tests = suiteTests(problem, 'all');
        map.set(slug, { problem, tests, view: publicView(problem, tests) });
      } catch (e) {
        onSkip(slug, e instanceof Error ? e.message : String(e));
      }
    }
    let sets: ProblemSet[] = [];
    try {
      sets = loadSets(dir, slugs)
        .map((s) => ({ ...s, problems: s.problems.filter((p) => map.has(p)) }))
        .filter((s) => s.problems.length > 0);
    } catch (e) {
      onSkip('sets.json', e instanceof Error ? e.message : String(e));
    }
    return new ProblemCatalog(map, sets);
  }

  get(slug: string): CatalogEntry | undefined {
    return this.bySlug.get(slug);
  }

  list(): CatalogEntry[] {
    return [...this.bySlug.values()];
  }
}

/** The problem as the API shows it; its runner is what the browser needs to run the samples itself. */
export function publicView(problem: LoadedProblem, tests: GradableTest[]): ProblemDetail {
  const m = problem.manifest;
  const typings = [m.typings ?? '', ...m.entries.map((e) => `declare ${e.signature.trim().replace(/;?$/, ';')}`)]
    .filter(Boolean)
    .join('\n');
  return {
    slug: problem.slug,
    title: m.title,
    difficulty: m.difficulty,
    tags: m.tags,
    estimatedMinutes: m.estimatedMinutes ?? null,
    statement: problem.statement,
    starter: problem.starter,
    entries: m.entries.map((e) => ({ name: e.name, signature: e.signature, checker: e.checker ?? m.checker })),
    typings,
    samples: tests.flatMap((t, index) =>
      t.group === 'sample'
        ? [
            {
              index,
              name: t.name,
              input: tagForJson(t.input),
              expected: tagForJson(t.expected),
              stepBudget: t.stepBudget,
            },
          ]
        : [],
    ),
    limits: {
      memoryMb: m.limits.memoryMb,
      wallMs: m.limits.wallMs,
      stackKb: problem.limits.stackBytes / 1024,
      outputKb: problem.limits.outputBytes / 1024,
      consoleKb: problem.limits.consoleBytes / 1024,
    },
    runner: { driverJs: problem.driverJs, sandboxLimits: problem.limits },
  };
}
