/**
 * A learner's record (issue 15 §4), computed from the stored submissions and the catalog: solved and attempted by
 * difficulty and tag, each problem's cheapest accepted submission against the reference's steps on the same suite,
 * and the days with activity (a streak and a calendar). Pure, so it is tested on its own.
 */
import { roundSteps } from '../../../harness/src/grade.ts';
import type { Progress, ProblemRecord } from '../contract.ts';
import type { CatalogEntry } from '../problems/catalog.ts';
import type { ActivityDay, ProblemStats } from '../storage/types.ts';

const DAY_MS = 24 * 3600_000;
const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

/** The date (YYYY-MM-DD) of `at` in a time zone `utcOffsetMinutes` ahead of UTC. */
export function dayOf(at: Date, utcOffsetMinutes: number): string {
  return new Date(at.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

/**
 * Streaks over days with activity: the longest run of consecutive days, and the current one, which ends today or
 * yesterday (a streak is not broken before the day is over).
 */
export function streaks(days: string[], today: string): { current: number; longest: number } {
  const numbers = [...new Set(days.map(dayNumber))].sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  for (let i = 0; i < numbers.length; i++) {
    run = i > 0 && numbers[i] === numbers[i - 1]! + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  const t = dayNumber(today);
  const have = new Set(numbers);
  let end = have.has(t) ? t : have.has(t - 1) ? t - 1 : null;
  let current = 0;
  while (end !== null && have.has(end)) {
    current++;
    end--;
  }
  return { current, longest };
}

/**
 * The reference solution's steps counted as a submission's summary.steps counts its own (harness/src/grade.ts):
 * samples exactly, hidden scale tests to two significant digits, other hidden tests not at all (they show bands).
 */
export function referenceSteps(entry: CatalogEntry): number {
  return entry.tests.reduce((sum, t) => {
    const steps = t.referenceSteps ?? 0;
    if (t.group === 'sample') return sum + steps;
    return t.scaleN !== undefined ? sum + roundSteps(steps) : sum;
  }, 0);
}

export function buildProgress(
  me: Progress['me'],
  catalog: CatalogEntry[],
  stats: ProblemStats[],
  activity: ActivityDay[],
  now: Date,
  utcOffsetMinutes: number,
): Progress {
  const byProblem = new Map(stats.map((s) => [s.problem, s]));
  const problems: ProblemRecord[] = catalog.map(({ view, ...entry }) => {
    const s = byProblem.get(view.slug);
    const ref = referenceSteps({ view, ...entry });
    return {
      slug: view.slug,
      title: view.title,
      difficulty: view.difficulty,
      tags: view.tags,
      solved: s?.solved ?? false,
      attempted: s !== undefined,
      submissions: s?.submissions ?? 0,
      lastAt: s ? s.lastAt.toISOString() : null,
      bestPassed: s?.bestPassed ?? null,
      total: entry.tests.length,
      best:
        s?.bestAccepted && ref > 0
          ? {
              submissionId: s.bestAccepted.id,
              steps: s.bestAccepted.steps,
              referenceSteps: ref,
              ratio: s.bestAccepted.steps / ref,
            }
          : null,
    };
  });
  const tally = (list: ProblemRecord[]) => ({
    solved: list.filter((p) => p.solved).length,
    attempted: list.filter((p) => p.attempted).length,
    total: list.length,
  });
  const tags = [...new Set(problems.flatMap((p) => p.tags))].sort();
  const today = dayOf(now, utcOffsetMinutes);
  return {
    me,
    totals: { ...tally(problems), submissions: problems.reduce((n, p) => n + p.submissions, 0) },
    byDifficulty: DIFFICULTIES.map((difficulty) => ({
      difficulty,
      ...tally(problems.filter((p) => p.difficulty === difficulty)),
    })).filter((d) => d.total > 0),
    byTag: tags.map((tag) => ({ tag, ...tally(problems.filter((p) => p.tags.includes(tag))) })),
    problems,
    activity,
    streak: {
      ...streaks(
        activity.map((a) => a.day),
        today,
      ),
      today,
    },
  };
}
