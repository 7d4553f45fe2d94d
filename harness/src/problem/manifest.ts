/**
 * The schema of `problem.json` and `tests/*.json`: one TypeBox definition gives validation, the TypeScript types
 * and the documentation (problems/README.md describes the same fields).
 */
import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { ERROR_CODES, JudgeError } from '../errors.ts';

export const CheckerSpecSchema = Type.Object(
  {
    name: Type.Union([Type.Literal('exact'), Type.Literal('float'), Type.Literal('custom')]),
    args: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

const Identifier = Type.String({ pattern: '^[A-Za-z_$][A-Za-z0-9_$]*$' });

export const EntrySchema = Type.Object(
  {
    name: Identifier,
    signature: Type.String({ minLength: 1, description: 'TypeScript declaration without declare/export' }),
    checker: Type.Optional(CheckerSpecSchema),
  },
  { additionalProperties: false },
);

export const LimitsSchema = Type.Object(
  {
    memoryMb: Type.Integer({ minimum: 16, maximum: 2048, default: 256 }),
    wallMs: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
    outputKb: Type.Optional(Type.Integer({ minimum: 1, maximum: 65_536 })),
    consoleKb: Type.Optional(Type.Integer({ minimum: 1, maximum: 4096 })),
    budgetMultiplier: Type.Number({ minimum: 1.5, maximum: 100, default: 3 }),
    minStepBudget: Type.Integer({ minimum: 1, default: 50 }),
  },
  { additionalProperties: false },
);

/**
 * Who sees a problem: `listed` (the practice list and sets), `unlisted` (practice by its slug, in no list), or
 * `screens-only` (never visible or gradable outside a timed screen: practice routes answer 404).
 */
export const VISIBILITIES = ['listed', 'unlisted', 'screens-only'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const VisibilitySchema = Type.Union([
  Type.Literal('listed'),
  Type.Literal('unlisted'),
  Type.Literal('screens-only'),
]);

export const ManifestSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    title: Type.String({ minLength: 1, maxLength: 120 }),
    difficulty: Type.Union([Type.Literal('easy'), Type.Literal('medium'), Type.Literal('hard')]),
    tags: Type.Array(Type.String({ minLength: 1 }), { maxItems: 12 }),
    entries: Type.Array(EntrySchema, { minItems: 1 }),
    checker: CheckerSpecSchema,
    typings: Type.Optional(Type.String()),
    estimatedMinutes: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 240, description: 'how long a prepared candidate needs' }),
    ),
    limits: LimitsSchema,
    visibility: Type.Optional(VisibilitySchema),
  },
  { additionalProperties: false },
);
export type Manifest = Static<typeof ManifestSchema>;

export const TestInputSchema = Type.Object(
  {
    fn: Identifier,
    args: Type.Optional(Type.Array(Type.Unknown())),
    spec: Type.Optional(Type.Unknown()),
    expectError: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const HandTestSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    input: TestInputSchema,
    expected: Type.Optional(Type.Unknown()),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export const HandTestsSchema = Type.Array(HandTestSchema);
export type HandTest = Static<typeof HandTestSchema>;

export const SuiteTestSchema = Type.Object(
  {
    id: Type.String(),
    group: Type.Union([Type.Literal('sample'), Type.Literal('hidden')]),
    name: Type.String(),
    source: Type.String({ description: 'samples.json, edge.json or generator:<seed>:<size>' }),
    input: TestInputSchema,
    expected: Type.Optional(Type.Unknown()),
    expectedDigest: Type.Optional(Type.String()),
    referenceSteps: Type.Integer({ minimum: 0 }),
    stepBudget: Type.Integer({ minimum: 1 }),
    scaleN: Type.Optional(Type.Integer({ minimum: 1, description: 'scale-group test: the public size n' })),
    purpose: Type.Optional(Type.String({ description: 'what the test targets, told on a TLE' })),
  },
  { additionalProperties: false },
);
export const SuiteSchema = Type.Object(
  {
    engine: Type.String(),
    tests: Type.Array(SuiteTestSchema),
  },
  { additionalProperties: false },
);
export type SuiteTest = Static<typeof SuiteTestSchema>;
export type Suite = Static<typeof SuiteSchema>;

/** Validates `value` against `schema`, applying defaults; throws a JudgeError naming the file and the field. */
export function parseWith<S extends TSchema>(schema: S, value: unknown, file: string): Static<S> {
  const withDefaults = Value.Default(schema, structuredClone(value));
  if (!Value.Check(schema, withDefaults)) {
    const first = [...Value.Errors(schema, withDefaults)].slice(0, 3);
    const detail = first.map((e) => `${e.instancePath || '/'}: ${e.message}`).join('; ');
    throw new JudgeError(ERROR_CODES.PROBLEM_INVALID, `${file}: ${detail}`);
  }
  return withDefaults as Static<S>;
}
