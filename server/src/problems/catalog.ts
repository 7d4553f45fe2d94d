/**
 * The problems the server offers: the built-in ones, loaded at boot from PROBLEMS_DIR through the harness, and the
 * ones published through the API (problems/publishing.ts puts them in while the server runs; a published one takes
 * the place of a built-in one with its slug). `publicView` (the contract's ProblemDetail) is the only shape that
 * leaves the server: statement, starter, typings, samples, limits — never hidden tests.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { tagForJson } from '../../../harness/src/codec.ts';
import type { EsbuildApi } from '../../../harness/src/compile/transpile.ts';
import type { GradableTest } from '../../../harness/src/grade.ts';
import { loadProblem, suiteTests, type LoadedProblem } from '../../../harness/src/problem/load.ts';
import type { Visibility } from '../../../harness/src/problem/manifest.ts';
import { loadSets, type ProblemSet } from '../../../harness/src/problem/sets.ts';
import type { ProblemDetail } from '../contract.ts';

export interface CatalogEntry {
  problem: LoadedProblem;
  tests: GradableTest[];
  view: ProblemDetail;
  /** Where it comes from: PROBLEMS_DIR, or a published revision (its id). */
  source: 'builtin' | 'published';
  revisionId: string | null;
}

/** A loaded problem ready to grade and show. */
export function catalogEntry(problem: LoadedProblem, revisionId: string | null = null): CatalogEntry {
  const tests = suiteTests(problem, 'all');
  return {
    problem,
    tests,
    view: publicView(problem, tests),
    source: revisionId ? 'published' : 'builtin',
    revisionId,
  };
}

export class ProblemCatalog {
  /** Visibility set by instructors, over problem.json's. */
  private readonly visibilityOverrides = new Map<string, Visibility>();

  private constructor(
    private readonly bySlug: Map<string, CatalogEntry>,
    /** The built-in problem sets (problems/sets.json). */
    private readonly allSets: ProblemSet[],
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
        map.set(slug, catalogEntry(await loadProblem(path.join(dir, slug), esbuild)));
      } catch (e) {
        onSkip(slug, e instanceof Error ? e.message : String(e));
      }
    }
    let sets: ProblemSet[] = [];
    try {
      sets = loadSets(dir, slugs);
    } catch (e) {
      onSkip('sets.json', e instanceof Error ? e.message : String(e));
    }
    return new ProblemCatalog(map, sets);
  }

  get(slug: string): CatalogEntry | undefined {
    return this.bySlug.get(slug);
  }

  list(): CatalogEntry[] {
    return [...this.bySlug.values()].sort((a, b) => (a.problem.slug < b.problem.slug ? -1 : 1));
  }

  /** Adds a problem, or replaces the one with its slug (a new version goes live). */
  put(entry: CatalogEntry): void {
    this.bySlug.set(entry.problem.slug, entry);
  }

  setVisibility(slug: string, visibility: Visibility): void {
    this.visibilityOverrides.set(slug, visibility);
  }

  visibilityOf(slug: string): Visibility {
    return this.visibilityOverrides.get(slug) ?? this.bySlug.get(slug)?.problem.visibility ?? 'listed';
  }

  /** A problem practice may open (listed or unlisted); screens-only ones are reachable from their screens only. */
  forPractice(slug: string): CatalogEntry | undefined {
    return this.visibilityOf(slug) === 'screens-only' ? undefined : this.bySlug.get(slug);
  }

  /** The problem sets, each limited to the listed problems that loaded. */
  get sets(): ProblemSet[] {
    return this.allSets
      .map((s) => ({
        ...s,
        problems: s.problems.filter((p) => this.bySlug.has(p) && this.visibilityOf(p) === 'listed'),
      }))
      .filter((s) => s.problems.length > 0);
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
    version: problem.version,
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
