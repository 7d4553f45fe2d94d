/**
 * Publishing problems while the server runs. An instructor sends a problem folder (files as text); it is stored as
 * a revision in the database (the source of truth, so it survives a restart and is the same for every process) and
 * written out under DATA_DIR/published/<revision>/<slug>/ to be loaded. Then:
 *
 *   checking   `judge check` runs on it in a worker thread (check.ts); a failure → refused, with the check's output
 *   regrading  a new version of a live problem: the stored submissions graded against the live version are graded
 *              against it in the background, at low priority (the grading service's second lane)
 *   ready      the flip table (old verdict → new verdict, with the flipped submissions) waits for the author
 *   live       published: it replaces the live version in the catalog at once, and the re-graded submissions take
 *              their new outcome (the old verdict stays on record, shown with the submission); or discarded.
 *
 * A statement-only change keeps the version: nothing to re-grade, ready at once. At most one revision per problem is
 * on its way: a newer upload discards the older one.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EsbuildApi } from '../../../harness/src/compile/transpile.ts';
import { JudgeError } from '../../../harness/src/errors.ts';
import {
  DEFAULT_PACKAGE_LIMITS,
  packageProblems,
  readProblemFolder,
  writeProblemFolder,
  type PackageFiles,
} from '../../../harness/src/problem/folder.ts';
import { loadProblem } from '../../../harness/src/problem/load.ts';
import { ManifestSchema, parseWith, type Visibility } from '../../../harness/src/problem/manifest.ts';
import type { FlipTable, RevisionView, Verdict } from '../contract.ts';
import { ApiError } from '../errors.ts';
import type { Logger } from '../grading/service.ts';
import { PROBLEMS_CHANNEL } from '../storage/cluster.ts';
import type { RevisionRow } from '../storage/revisions.ts';
import type { Store } from '../storage/types.ts';
import { catalogEntry, type CatalogEntry, type ProblemCatalog } from './catalog.ts';
import type { PackageChecker } from './check.ts';

export interface PublishingDeps {
  store: Store;
  catalog: ProblemCatalog;
  esbuild: EsbuildApi;
  /** Published packages are written out under `<dataDir>/published`. */
  dataDir: string;
  log: Logger;
  check: PackageChecker;
  /** PUBLISH_MAX_BYTES */
  maxBytes: number;
  /** REGRADE_MAX */
  regradeMax: number;
  /** New re-grade jobs are queued: wake the graders. */
  notifyGraders: () => void;
}

export interface Author {
  id: string;
  name: string;
}

/** At most this many flipped submissions are listed (all are counted). */
const MAX_FLIPS_LISTED = 200;

export class Publishing {
  /** Revisions checked and loaded, not yet live (re-grades run against these). */
  private readonly staged = new Map<string, CatalogEntry>();
  /** Past published versions loaded to replay reported tests, by revision id (at most a few). */
  private readonly pastVersions = new Map<string, CatalogEntry>();
  /** Checks run one at a time, in order. */
  private checks: Promise<void> = Promise.resolve();

  constructor(private readonly deps: PublishingDeps) {}

  /** Syncs run one at a time (a NOTIFY and the periodic fallback may coincide). */
  private syncing: Promise<void> = Promise.resolve();

  /**
   * The loaded problem of a revision being re-graded (for the grading service). With graders in other processes
   * than the API that checked the revision, the first job of a re-grade loads it here from the database.
   */
  readonly stagedEntry = async (revisionId: string): Promise<CatalogEntry | undefined> => {
    const have = this.staged.get(revisionId);
    if (have) return have;
    const rev = await this.deps.store.revisions.get(revisionId);
    if (!rev || (rev.status !== 'regrading' && rev.status !== 'ready')) return undefined;
    const entry = await this.load(rev);
    this.staged.set(rev.id, entry);
    return entry;
  };

  /** Resolves once every check asked for so far has finished. */
  idle(): Promise<void> {
    return this.checks;
  }

  private folderOf(rev: Pick<RevisionRow, 'id' | 'slug'>): string {
    return path.join(this.deps.dataDir, 'published', rev.id, rev.slug);
  }

  /** The revision's folder on disk, written from the database when it is not there (a new machine, a wiped dir). */
  private async materialise(rev: Pick<RevisionRow, 'id' | 'slug'>, files?: PackageFiles): Promise<string> {
    const dir = this.folderOf(rev);
    if (existsSync(path.join(dir, 'problem.json'))) return dir;
    const root = path.join(this.deps.dataDir, 'published');
    mkdirSync(root, { recursive: true });
    // The author's modules are ES modules, as under problems/ (the repository's package.json says so there).
    const marker = path.join(root, 'package.json');
    if (!existsSync(marker)) writeFileSync(marker, '{ "type": "module", "private": true }\n');
    const content = files ?? (await this.deps.store.revisions.files(rev.id));
    if (!content) throw new Error(`revision ${rev.id} has no files`);
    // Written aside, then renamed into place: processes sharing a DATA_DIR (several graders on one machine) may
    // materialise the same revision at once, and none may load a half-written folder.
    const tmp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    await writeProblemFolder(tmp, content);
    mkdirSync(path.dirname(dir), { recursive: true });
    try {
      if (existsSync(dir) && !existsSync(path.join(dir, 'problem.json'))) rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
    } catch (e) {
      // Another process put it there first: theirs is the same files.
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(path.join(dir, 'problem.json'))) throw e;
    }
    return dir;
  }

  private async load(rev: Pick<RevisionRow, 'id' | 'slug'>): Promise<CatalogEntry> {
    return catalogEntry(await loadProblem(await this.materialise(rev), this.deps.esbuild), rev.id);
  }

  /**
   * At boot, after the built-in problems: visibility set by instructors, the live published revisions (each in place
   * of a built-in one with its slug), the revisions waiting for the author, and checks that a stop interrupted.
   */
  async restore(): Promise<void> {
    const { store, catalog, log } = this.deps;
    for (const [slug, v] of await store.revisions.visibilities()) catalog.setVisibility(slug, v);
    for (const rev of await store.revisions.withStatus(['live'])) {
      try {
        catalog.put(await this.load(rev));
      } catch (e) {
        log.error({ err: e, slug: rev.slug, revision: rev.id }, 'published problem could not be loaded');
      }
    }
    for (const rev of await store.revisions.withStatus(['regrading', 'ready'])) {
      try {
        this.staged.set(rev.id, await this.load(rev));
      } catch (e) {
        log.error({ err: e, slug: rev.slug, revision: rev.id }, 'pending revision could not be loaded');
      }
    }
    for (const rev of await store.revisions.withStatus(['checking'])) this.scheduleCheck(rev.id);
  }

  /**
   * Brings this process's catalog in line with the database, where another process (an API on another machine)
   * may have published a version, set a visibility or closed a re-grade. Idempotent: what matches is left alone.
   */
  sync(): Promise<void> {
    const run = this.syncing.then(() => this.syncOnce());
    this.syncing = run.catch(() => undefined);
    return run;
  }

  private async syncOnce(): Promise<void> {
    const { store, catalog, log } = this.deps;
    for (const [slug, v] of await store.revisions.visibilities()) catalog.setVisibility(slug, v);
    for (const rev of await store.revisions.withStatus(['live'])) {
      if (catalog.get(rev.slug)?.revisionId === rev.id) continue;
      try {
        catalog.put(await this.load(rev));
        this.staged.delete(rev.id);
        log.info({ slug: rev.slug, revision: rev.id, version: rev.version }, 'problem published by another process');
      } catch (e) {
        log.error({ err: e, slug: rev.slug, revision: rev.id }, 'published problem could not be loaded');
      }
    }
    const pending = new Set((await store.revisions.withStatus(['regrading', 'ready'])).map((r) => r.id));
    for (const id of [...this.staged.keys()]) if (!pending.has(id)) this.staged.delete(id);
  }

  /**
   * Follows what other processes publish: a NOTIFY on every change of a revision's status or a visibility (a
   * trigger, migration 0009), and a sync every `everyMs` in case one was missed (a listening connection cut).
   * Returns the function that stops following.
   */
  async follow(everyMs = 30_000): Promise<() => Promise<void>> {
    const { store, log } = this.deps;
    const syncNow = (): void => {
      this.sync().catch((e) => log.error({ err: e }, 'could not sync published problems'));
    };
    const unlisten = await store.cluster.listen(PROBLEMS_CHANNEL, syncNow);
    const timer = setInterval(syncNow, everyMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await unlisten();
      await this.syncing;
    };
  }

  /** Stores a package as a new revision and starts its check. Paths, sizes and problem.json are refused at once. */
  async submit(
    author: Author,
    body: { slug: string; files: PackageFiles; visibility?: Visibility | undefined; note?: string | undefined },
  ): Promise<RevisionView> {
    const { store } = this.deps;
    const problems = packageProblems(body.files, { ...DEFAULT_PACKAGE_LIMITS, maxTotalBytes: this.deps.maxBytes });
    if (problems.some((p) => p.includes('a package has at most')))
      throw new ApiError('PACKAGE_TOO_LARGE', problems.join('; '));
    if (problems.length > 0) throw new ApiError('PROBLEM_INVALID', problems.join('; '));
    try {
      parseWith(ManifestSchema, JSON.parse(body.files['problem.json']!), `${body.slug}/problem.json`);
    } catch (e) {
      throw new ApiError(
        'PROBLEM_INVALID',
        e instanceof JudgeError ? e.message : `${body.slug}/problem.json: ${(e as Error).message}`,
      );
    }
    const id = randomBytes(12).toString('base64url');
    await store.revisions.create({
      id,
      slug: body.slug,
      files: body.files,
      visibility: body.visibility ?? null,
      note: body.note ?? null,
      createdBy: author.name,
    });
    for (const older of await store.revisions.discardPending(body.slug, id))
      this.forget({ id: older, slug: body.slug });
    await this.materialise({ id, slug: body.slug }, body.files);
    this.scheduleCheck(id);
    return this.view(id);
  }

  private scheduleCheck(id: string): void {
    this.checks = this.checks
      .then(() => this.runCheck(id))
      .catch((e: unknown) => this.deps.log.error({ err: e, revision: id }, 'publishing check failed'));
  }

  private async runCheck(id: string): Promise<void> {
    const { store, catalog, log } = this.deps;
    const rev = await store.revisions.get(id);
    if (!rev || rev.status !== 'checking') return;
    const refuse = (errors: string[], lines: string[] = [], version: string | null = null) =>
      store.revisions.checked(id, {
        status: 'refused',
        version,
        baseVersion: null,
        output: { ok: false, errors, lines },
      });
    let dir: string;
    try {
      dir = await this.materialise(rev);
    } catch (e) {
      await refuse([e instanceof Error ? e.message : String(e)]);
      return;
    }
    const result = await this.deps.check(dir);
    const output = { ok: result.ok, errors: result.errors, lines: result.lines };
    if (!result.ok) {
      await refuse(result.errors, result.lines, result.version);
      log.info({ slug: rev.slug, revision: id }, 'published package refused by judge check');
      return;
    }
    let entry: CatalogEntry;
    try {
      entry = await this.load(rev);
    } catch (e) {
      await refuse([e instanceof Error ? e.message : String(e)], result.lines);
      return;
    }
    const version = entry.problem.version;
    const live = catalog.get(rev.slug);
    const base = live?.problem.version ?? null;
    this.staged.set(id, entry);
    const regrade = base !== null && base !== version;
    // A suite built by the check is part of the package from now on (a restart writes the folder from the database).
    const files =
      result.builtSuite !== undefined
        ? { ...((await store.revisions.files(id)) ?? {}), 'tests/suite.json': result.builtSuite }
        : undefined;
    if (
      !(await store.revisions.checked(id, {
        status: regrade ? 'regrading' : 'ready',
        version,
        baseVersion: base,
        output,
        ...(files ? { files } : {}),
      }))
    ) {
      this.staged.delete(id);
      return;
    }
    if (regrade) {
      const queued = await store.revisions.queueRegrade(id, rev.slug, base, this.deps.regradeMax);
      log.info({ slug: rev.slug, revision: id, ...queued }, 're-grading stored submissions against a new version');
      await store.revisions.markReadyIfRegraded(id);
      this.deps.notifyGraders();
    }
  }

  async view(id: string): Promise<RevisionView> {
    const { store } = this.deps;
    let rev = await store.revisions.get(id);
    if (!rev) throw new ApiError('NOT_FOUND', 'no such revision');
    if (rev.status === 'regrading' && (await store.revisions.markReadyIfRegraded(id)))
      rev = (await store.revisions.get(id))!;
    const progress = rev.baseVersion !== null ? await store.revisions.regradeProgress(id) : null;
    const regraded = rev.status === 'ready' || rev.status === 'live' || rev.status === 'superseded';
    return {
      id: rev.id,
      slug: rev.slug,
      status: rev.status,
      version: rev.version,
      baseVersion: rev.baseVersion,
      visibility: rev.visibility,
      note: rev.note,
      createdBy: rev.createdBy,
      createdAt: rev.createdAt.toISOString(),
      decidedAt: rev.decidedAt?.toISOString() ?? null,
      check: rev.checkOutput,
      error:
        rev.status === 'refused'
          ? { code: 'PROBLEM_CHECK_FAILED', message: refusal(rev.checkOutput?.errors ?? []) }
          : null,
      regrade: progress,
      flips: progress && regraded ? await this.flipTable(id, progress, rev.regradeSkipped) : null,
    };
  }

  private async flipTable(
    id: string,
    progress: { jobs: number; submissions: number },
    skipped: number,
  ): Promise<FlipTable> {
    const rows = await this.deps.store.revisions.regrades(id);
    const counts = new Map<string, { from: Verdict | null; to: Verdict; submissions: number }>();
    const flipped: FlipTable['flipped'] = [];
    let flippedTotal = 0;
    for (const r of rows) {
      if (r.newVerdict === null) continue;
      const from = r.oldVerdict as Verdict | null;
      const to = r.newVerdict as Verdict;
      const key = `${from}→${to}`;
      const c = counts.get(key) ?? { from, to, submissions: 0 };
      c.submissions++;
      counts.set(key, c);
      if (from !== to) {
        flippedTotal++;
        if (flipped.length < MAX_FLIPS_LISTED)
          flipped.push({
            submission: r.submissionId,
            from,
            to,
            fromVersion: r.oldVersion,
            link: `/api/authoring/revisions/${id}/flips/${r.submissionId}`,
          });
      }
    }
    return {
      submissions: progress.submissions,
      distinctCodes: progress.jobs,
      skipped,
      counts: [...counts.values()].sort(
        (a, b) => Number(b.from !== b.to) - Number(a.from !== a.to) || b.submissions - a.submissions,
      ),
      flipped,
      flippedTotal,
    };
  }

  /** One flipped (or unchanged) submission of a re-grade, for the author. */
  async flip(id: string, submissionId: string) {
    const rev = await this.deps.store.revisions.get(id);
    const r = rev ? await this.deps.store.revisions.regradeOf(id, submissionId) : null;
    if (!rev || !r) throw new ApiError('NOT_FOUND', 'no such re-graded submission');
    return {
      submission: r.submissionId,
      problem: r.problem,
      code: r.code,
      createdAt: r.createdAt.toISOString(),
      from: { verdict: r.oldVerdict as Verdict | null, version: r.oldVersion },
      to: {
        verdict: r.newVerdict as Verdict | null,
        version: rev.version,
        summary: r.summary as never,
        results: r.results as never[],
      },
    };
  }

  /** Puts a ready revision live: the catalog serves it at once, re-graded submissions take their new outcome. */
  async publish(id: string, author: Author): Promise<RevisionView> {
    const { store, catalog } = this.deps;
    const view = await this.view(id);
    if (view.status === 'refused') throw new ApiError('PROBLEM_CHECK_FAILED', view.error!.message);
    if (view.status === 'checking' || view.status === 'regrading')
      throw new ApiError(
        'REVISION_NOT_READY',
        view.status === 'checking'
          ? 'the package is still being checked'
          : `stored submissions are still being re-graded (${view.regrade?.done ?? 0}/${view.regrade?.jobs ?? 0})`,
      );
    if (view.status !== 'ready') throw new ApiError('REVISION_CLOSED', `this revision is ${view.status}`);
    const liveVersion = catalog.get(view.slug)?.problem.version ?? null;
    if (liveVersion !== view.baseVersion)
      throw new ApiError(
        'REVISION_STALE',
        `the live version of ${view.slug} changed since this revision was checked (${view.baseVersion ?? 'none'} → ${liveVersion}): upload it again`,
      );
    const entry = this.staged.get(id) ?? (await this.load(view));
    if (!(await store.revisions.publish(id))) throw new ApiError('REVISION_NOT_READY', 'this revision is not ready');
    if (view.visibility) {
      await store.revisions.setVisibility(view.slug, view.visibility, author.name);
      catalog.setVisibility(view.slug, view.visibility);
    }
    catalog.put(entry);
    this.staged.delete(id);
    this.deps.log.info({ slug: view.slug, revision: id, version: view.version, by: author.name }, 'problem published');
    return this.view(id);
  }

  async discard(id: string): Promise<RevisionView> {
    const rev = await this.deps.store.revisions.get(id);
    if (!rev) throw new ApiError('NOT_FOUND', 'no such revision');
    if (!(await this.deps.store.revisions.discard(id)))
      throw new ApiError('REVISION_CLOSED', `this revision is ${rev.status}`);
    this.forget(rev);
    return this.view(id);
  }

  private forget(rev: Pick<RevisionRow, 'id' | 'slug'>): void {
    this.staged.delete(rev.id);
    rmSync(path.dirname(this.folderOf(rev)), { recursive: true, force: true });
  }

  async setVisibility(slug: string, visibility: Visibility, author: Author): Promise<void> {
    if (!this.deps.catalog.get(slug)) throw new ApiError('UNKNOWN_PROBLEM', `no problem named "${slug}"`);
    await this.deps.store.revisions.setVisibility(slug, visibility, author.name);
    this.deps.catalog.setVisibility(slug, visibility);
  }

  /** The live package's files (published: as stored; built-in: read from PROBLEMS_DIR). */
  async files(slug: string): Promise<PackageFiles> {
    const entry = this.deps.catalog.get(slug);
    if (!entry) throw new ApiError('UNKNOWN_PROBLEM', `no problem named "${slug}"`);
    if (entry.revisionId) return (await this.deps.store.revisions.files(entry.revisionId)) ?? {};
    return readProblemFolder(entry.problem.dir);
  }

  /**
   * The problem as it was at `version` (issue 12 §3, replaying a reported test): the live entry when its version
   * matches, else the newest published revision with that version, loaded from the database (and kept: an author
   * replays several reports of one version); null when no stored package has it (a built-in problem changed on disk).
   */
  async atVersion(slug: string, version: string): Promise<{ entry: CatalogEntry; from: 'live' | 'revision' } | null> {
    const live = this.deps.catalog.get(slug);
    if (live && live.problem.version === version) return { entry: live, from: 'live' };
    const rev = await this.deps.store.revisions.publishedWithVersion(slug, version);
    if (!rev) return null;
    let entry = this.pastVersions.get(rev.id);
    if (!entry) {
      entry = await this.load(rev);
      this.pastVersions.set(rev.id, entry);
      // A few are enough; the oldest goes first (Map order is insertion order).
      if (this.pastVersions.size > 8) this.pastVersions.delete(this.pastVersions.keys().next().value as string);
    }
    return { entry, from: 'revision' };
  }

  /** The pending revision of each problem that has one. */
  async pendingBySlug(): Promise<Map<string, string>> {
    const rows = await this.deps.store.revisions.withStatus(['checking', 'regrading', 'ready']);
    return new Map(rows.map((r) => [r.slug, r.id]));
  }
}

/** The refusal's message: the check's errors, as the CLI prints them. */
function refusal(errors: string[]): string {
  const shown = errors.slice(0, 20);
  return `judge check failed:\n${shown.map((e) => `  ERROR ${e}`).join('\n')}${errors.length > shown.length ? `\n  (${errors.length - shown.length} more)` : ''}`;
}
