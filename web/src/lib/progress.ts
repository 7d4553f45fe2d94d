/**
 * The activity calendar of the progress page: weeks as columns of seven days (Monday first), ending with the week of
 * `today`, each day with its submissions and a level 0–4 for its shade. Pure, so it is tested on its own.
 */
import type { Progress } from './api.ts';

export interface CalendarDay {
  day: string;
  submissions: number;
  accepted: number;
  /** 0 for none; 1–4 by how many submissions, relative to the busiest day shown. */
  level: number;
  /** After today: drawn empty. */
  future: boolean;
}

const DAY_MS = 24 * 3600_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function calendarWeeks(activity: Progress['activity'], today: string, weeks: number): CalendarDay[][] {
  const byDay = new Map(activity.map((a) => [a.day, a]));
  const t = Date.parse(`${today}T00:00:00Z`);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const first = t - (weekday + 7 * (weeks - 1)) * DAY_MS;
  const days = Array.from({ length: weeks * 7 }, (_, i) => iso(first + i * DAY_MS));
  const max = Math.max(1, ...days.map((d) => byDay.get(d)?.submissions ?? 0));
  const cells = days.map((day) => {
    const a = byDay.get(day);
    const n = a?.submissions ?? 0;
    return {
      day,
      submissions: n,
      accepted: a?.accepted ?? 0,
      level: n === 0 ? 0 : Math.min(4, 1 + Math.floor((3 * n) / max)),
      future: day > today,
    };
  });
  return Array.from({ length: weeks }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

/** "1.3× the reference's steps", or "as cheap as the reference" (within half a percent). */
export function describeRatio(ratio: number): string {
  if (Math.abs(ratio - 1) < 0.005) return 'as cheap as the reference';
  if (ratio < 1) return `${Math.round((1 - ratio) * 100)}% fewer steps than the reference`;
  return `${ratio < 10 ? ratio.toFixed(1) : Math.round(ratio)}× the reference's steps`;
}
