/** Request and response schemas: one TypeBox definition gives validation, TypeScript types and the OpenAPI docs. */
import { Type } from 'typebox';

export const ErrorBody = Type.Object({ code: Type.String(), message: Type.String() }, { $id: 'Error' });

export const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 });
export const SubmissionId = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' });

export const ProblemSummary = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  difficulty: Type.String(),
  tags: Type.Array(Type.String()),
  solved: Type.Boolean(),
  attempted: Type.Boolean(),
});

export const ProblemDetail = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  difficulty: Type.String(),
  tags: Type.Array(Type.String()),
  statement: Type.String(),
  starter: Type.String(),
  entries: Type.Array(Type.Object({ name: Type.String(), signature: Type.String(), checker: Type.Object({ name: Type.String(), args: Type.Optional(Type.Record(Type.String(), Type.Any())) }) })),
  typings: Type.String(),
  samples: Type.Array(Type.Object({ index: Type.Integer(), name: Type.String(), input: Type.Any(), expected: Type.Any(), stepBudget: Type.Integer() })),
  limits: Type.Object({ memoryMb: Type.Number(), wallMs: Type.Number(), stackKb: Type.Number(), outputKb: Type.Number(), consoleKb: Type.Number() }),
  runner: Type.Object(
    {
      driverJs: Type.Union([Type.String(), Type.Null()]),
      sandboxLimits: Type.Object({ memoryBytes: Type.Number(), stackBytes: Type.Number(), outputBytes: Type.Number(), consoleBytes: Type.Number(), judgeStepBudget: Type.Number(), wallMs: Type.Number() }),
    },
    { description: 'what the browser needs to run the samples with the same engine and limits' },
  ),
});

export const SubmitBody = Type.Object(
  {
    problem: Slug,
    code: Type.String({ description: 'TypeScript source; at most MAX_CODE_BYTES bytes (UTF-8)' }),
  },
  { additionalProperties: false },
);

export const SubmissionView = Type.Object({
  id: Type.String(),
  problem: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done')]),
  verdict: Type.Union([Type.String(), Type.Null()]),
  summary: Type.Any({ description: 'GradeSummary once done' }),
  results: Type.Array(Type.Any(), { description: 'per-test results; hidden tests hold only index, verdict, steps, memory. Values are tagged JSON ({"$num":"-Infinity"}).' }),
  code: Type.Optional(Type.String()),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});

export const SubmissionListView = Type.Array(
  Type.Object({ id: Type.String(), problem: Type.String(), status: Type.String(), verdict: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String() }),
);

export const DraftBody = Type.Object({ code: Type.String() }, { additionalProperties: false });
export const DraftView = Type.Object({ code: Type.String(), updatedAt: Type.String() });

export const LoginBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export const MeView = Type.Object({
  ownerKind: Type.Union([Type.Literal('learner'), Type.Literal('user')]),
  user: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), role: Type.String() }), Type.Null()]),
});
