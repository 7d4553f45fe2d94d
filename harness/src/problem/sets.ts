/**
 * Problem sets (`problems/sets.json`): ordered lists of problems a learner follows ("Warm-ups", "LLM inference"),
 * shown in the problem list with progress per set and offered to interviewers building a screen. One schema gives
 * validation and types; every slug must name a problem folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { ERROR_CODES, JudgeError } from '../errors.ts';
import { parseWith } from './manifest.ts';

const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' });

export const ProblemSetSchema = Type.Object(
  {
    id: Slug,
    title: Type.String({ minLength: 1, maxLength: 80 }),
    description: Type.String({ maxLength: 400 }),
    problems: Type.Array(Slug, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type ProblemSet = Static<typeof ProblemSetSchema>;

export const SetsFileSchema = Type.Object(
  { $comment: Type.Optional(Type.String()), sets: Type.Array(ProblemSetSchema) },
  { additionalProperties: false },
);

/** Reads `<problemsDir>/sets.json` (none: no sets) and checks it against the problems that exist. */
export function loadSets(problemsDir: string, slugs: readonly string[]): ProblemSet[] {
  const file = path.join(problemsDir, 'sets.json');
  if (!existsSync(file)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new JudgeError(ERROR_CODES.PROBLEM_INVALID, `sets.json: ${(e as Error).message}`);
  }
  const { sets } = parseWith(SetsFileSchema, raw, 'sets.json');
  const known = new Set(slugs);
  const ids = new Set<string>();
  for (const s of sets) {
    if (ids.has(s.id)) throw new JudgeError(ERROR_CODES.PROBLEM_INVALID, `sets.json: duplicate set id "${s.id}"`);
    ids.add(s.id);
    const unknown = s.problems.filter((p) => !known.has(p));
    if (unknown.length > 0)
      throw new JudgeError(
        ERROR_CODES.PROBLEM_INVALID,
        `sets.json: set "${s.id}" names unknown problems: ${unknown.join(', ')}`,
      );
    if (new Set(s.problems).size !== s.problems.length)
      throw new JudgeError(ERROR_CODES.PROBLEM_INVALID, `sets.json: set "${s.id}" lists a problem twice`);
  }
  return sets;
}
