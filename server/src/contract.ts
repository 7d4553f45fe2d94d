/**
 * The API's contract: every request, response and event shape, declared once as a TypeBox schema. The server
 * validates requests, serializes responses and writes the OpenAPI document (/api/docs) from these schemas; the web
 * app takes its types from them (`Static`) and checks what it receives against the same schemas. Nothing can drift.
 *
 * The web app bundles this module, so it imports only typebox and types from harness/ (eslint.config.js enforces
 * it). Where a shape mirrors an engine type (a test result, a grade summary), a type check at the end of the file
 * keeps the engine's values inside the contract.
 */
import { Type, type Static, type TSchema } from 'typebox';
import type { CheckerSpec as EngineCheckerSpec } from '../../harness/src/check/checkers.ts';
import type { CompileError as EngineCompileError } from '../../harness/src/compile/transpile.ts';
import type {
  GradeEvent,
  GradeSummary as EngineGradeSummary,
  TestResult as EngineTestResult,
} from '../../harness/src/grade.ts';
import type { CounterexampleReport as EngineCounterexampleReport } from '../../harness/src/feedback/counterexample.ts';
import type { ExpectedOutput as EngineExpectedOutput } from '../../harness/src/feedback/oracle.ts';
import type { SandboxLimits as EngineSandboxLimits } from '../../harness/src/sandbox/types.ts';
import type { Verdict as EngineVerdict } from '../../harness/src/verdict.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

// ---- common -----------------------------------------------------------------------------------------------------

/** Every error: a stable code (see server/src/errors.ts) and a message for people; 5xx carry no internals. */
export const ErrorBody = Type.Object({ code: Type.String(), message: Type.String() }, { $id: 'Error' });
export type ErrorBody = Static<typeof ErrorBody>;

export const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 });
export const SubmissionId = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' });
export const ScreenId = Type.String({ pattern: '^[A-Za-z0-9_-]{6,64}$' });
export const ScreenToken = Type.String({ maxLength: 100, description: "the candidate link's token" });
const Time = Type.String({ description: 'ISO 8601 date-time' });
const LinkExpiry = (description: string) =>
  Type.String({ maxLength: 40, description: `ISO 8601 date-time; default: ${description}` });

/** A value from a test (input, expected or actual output) in tagged JSON; decode with harness/src/codec.ts. */
const Tagged = Type.Unknown({
  description: 'tagged JSON: non-finite numbers, -0 and undefined as {"$num": "-Infinity"} and the like',
});

/** The closed set of verdicts, in harness/src/verdict.ts's order. */
export const Verdict = Type.Enum(['AC', 'WA', 'TLE', 'MLE', 'OLE', 'RE', 'CE', 'JE']);
export type Verdict = Static<typeof Verdict>;

// ---- grading ----------------------------------------------------------------------------------------------------

export const CompileError = Type.Object({
  message: Type.String(),
  line: Type.Integer({ description: '1-based' }),
  column: Type.Integer({ description: '1-based, in characters' }),
  lineText: Type.String(),
});
export type CompileError = Static<typeof CompileError>;

export const TestGroup = Type.Enum(['sample', 'hidden']);

/** A test's input: the entry to call, and its arguments (or a spec the problem's driver builds them from). */
export const TestInput = Type.Object({
  fn: Type.String(),
  args: Type.Optional(Type.Array(Tagged)),
  spec: Type.Optional(Tagged),
  expectError: Type.Optional(Type.Boolean()),
});

export const TestResult = Type.Object(
  {
    index: Type.Integer(),
    group: TestGroup,
    verdict: Verdict,
    steps: Type.Number(),
    memoryBytes: Type.Number(),
    scaleN: Type.Optional(
      Type.Integer({ description: 'a scale-group test: its public size n (its input stays hidden)' }),
    ),
    wallMs: Type.Optional(Type.Number({ description: 'information only: never decides a verdict' })),
    stepBudget: Type.Optional(Type.Number()),
    id: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
    message: Type.Optional(Type.String()),
    console: Type.Optional(Type.String()),
    consoleTruncated: Type.Optional(Type.Boolean()),
    error: Type.Optional(Type.Object({ name: Type.String(), message: Type.String(), stack: Type.String() })),
    input: Type.Optional(TestInput),
    expected: Type.Optional(Tagged),
    actual: Type.Optional(Tagged),
    mismatch: Type.Optional(
      Type.Object({
        path: Type.String({ description: 'e.g. out[17][2]' }),
        reason: Type.String(),
        expected: Type.Optional(Tagged),
        actual: Type.Optional(Tagged),
      }),
    ),
  },
  {
    description:
      'One test. A hidden test holds only index, group, verdict, steps and memoryBytes (and scaleN for a scale test).',
  },
);
export type TestResult = Static<typeof TestResult>;

/** Steps over the problem's scale group against n, with the fitted exponents (harness/src/check/growth.ts). */
export const Growth = Type.Object({
  points: Type.Array(
    Type.Object({
      n: Type.Number(),
      steps: Type.Number(),
      referenceSteps: Type.Number(),
      capped: Type.Boolean({ description: 'the run stopped at the measurement cap: steps is a lower bound' }),
    }),
  ),
  exponent: Nullable(Type.Number({ description: 'least-squares slope of log(steps) on log(n)' })),
  referenceExponent: Nullable(Type.Number()),
});

export const GradeSummary = Type.Object({
  verdict: Verdict,
  passed: Type.Integer(),
  total: Type.Integer(),
  steps: Type.Number({ description: 'sum over all tests' }),
  maxMemoryBytes: Type.Number(),
  wallMs: Type.Number(),
  compileMs: Type.Number(),
  firstFailure: Nullable(Type.Integer({ description: 'index of the first test that did not pass' })),
  compileError: Type.Optional(CompileError),
  growth: Type.Optional(Growth),
  explanation: Type.Optional(
    Type.String({ description: 'for a TLE: what the failing test targets and how the steps grow' }),
  ),
});
export type GradeSummary = Static<typeof GradeSummary>;

export const SubmissionStatus = Type.Enum(['queued', 'running', 'done']);
export type SubmissionStatus = Static<typeof SubmissionStatus>;

/** The live grading events, by their server-sent event name (`event: <type>`). */
export const SubmissionEvents = {
  status: Type.Object({ type: Type.Literal('status'), status: SubmissionStatus }),
  compiled: Type.Object({ type: Type.Literal('compiled'), ms: Type.Number() }),
  'compile-error': Type.Object({ type: Type.Literal('compile-error'), error: CompileError }),
  'test-started': Type.Object({ type: Type.Literal('test-started'), index: Type.Integer(), group: TestGroup }),
  'test-finished': Type.Object({ type: Type.Literal('test-finished'), result: TestResult }),
  done: Type.Object({ type: Type.Literal('done'), summary: GradeSummary }),
};
const E = SubmissionEvents;
export const SubmissionEvent = Type.Union([
  E.status,
  E.compiled,
  E['compile-error'],
  E['test-started'],
  E['test-finished'],
  E.done,
]);
export type SubmissionEvent = Static<typeof SubmissionEvent>;

// ---- problems ---------------------------------------------------------------------------------------------------

export const Difficulty = Type.Enum(['easy', 'medium', 'hard']);

export const ProblemSummary = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  difficulty: Difficulty,
  tags: Type.Array(Type.String()),
  estimatedMinutes: Nullable(Type.Integer({ description: 'how long a prepared candidate needs' })),
  solved: Type.Boolean(),
  attempted: Type.Boolean(),
});
export type ProblemSummary = Static<typeof ProblemSummary>;
export const ProblemList = Type.Array(ProblemSummary);

/** A problem set a learner follows in order (problems/sets.json); progress comes from the problem list's marks. */
export const ProblemSet = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  problems: Type.Array(Type.String({ description: 'slugs, in the order to take them' })),
});
export type ProblemSet = Static<typeof ProblemSet>;
export const ProblemSets = Type.Array(ProblemSet);

export const CheckerSpec = Type.Object({
  name: Type.Enum(['exact', 'float', 'custom']),
  args: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

export const SandboxLimits = Type.Object({
  memoryBytes: Type.Number(),
  stackBytes: Type.Number(),
  outputBytes: Type.Number(),
  consoleBytes: Type.Number(),
  judgeStepBudget: Type.Number(),
  wallMs: Type.Number(),
});

/** What leaves the server of a problem: statement, starter, typings, samples, limits; never hidden tests. */
export const ProblemDetail = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  difficulty: Difficulty,
  tags: Type.Array(Type.String()),
  estimatedMinutes: Nullable(Type.Integer()),
  statement: Type.String({ description: 'Markdown with KaTeX math' }),
  starter: Type.String(),
  entries: Type.Array(Type.Object({ name: Type.String(), signature: Type.String(), checker: CheckerSpec })),
  typings: Type.String({ description: "a .d.ts for the editor: the problem's extra typings and its entry signatures" }),
  samples: Type.Array(
    Type.Object({
      index: Type.Integer(),
      name: Type.String(),
      input: Tagged,
      expected: Tagged,
      stepBudget: Type.Integer(),
    }),
  ),
  limits: Type.Object({
    memoryMb: Type.Number(),
    wallMs: Type.Number(),
    stackKb: Type.Number(),
    outputKb: Type.Number(),
    consoleKb: Type.Number(),
  }),
  runner: Type.Object(
    {
      driverJs: Nullable(
        Type.String({ description: "the problem's compiled driver; it builds inputs and holds no test data" }),
      ),
      sandboxLimits: SandboxLimits,
    },
    { description: 'what the browser needs to run the samples with the same engine and limits' },
  ),
});
export type ProblemDetail = Static<typeof ProblemDetail>;

// ---- workspaces: drafts and submissions (practice under /api, a screen under /api/candidate/:token) -------------

export const SlugParams = Type.Object({ slug: Slug });
export const DraftParams = Type.Object({ problem: Slug });
export const SubmissionParams = Type.Object({ id: SubmissionId });

export const DraftBody = Type.Object({ code: Type.String() }, { additionalProperties: false });
export const DraftSaved = Type.Object({ updatedAt: Time });
export const DraftView = Type.Object({ code: Type.String(), updatedAt: Time });
export type DraftView = Static<typeof DraftView>;

export const SubmitBody = Type.Object(
  { problem: Slug, code: Type.String({ description: 'TypeScript source; at most MAX_CODE_BYTES bytes (UTF-8)' }) },
  { additionalProperties: false },
);
export const SubmissionCreated = Type.Object({ id: Type.String() });

export const SubmissionListQuery = Type.Object({
  problem: Type.Optional(Slug),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
export const SubmissionListItem = Type.Object({
  id: Type.String(),
  problem: Type.String(),
  status: SubmissionStatus,
  verdict: Nullable(Verdict),
  createdAt: Time,
});
export type SubmissionListItem = Static<typeof SubmissionListItem>;
export const SubmissionList = Type.Array(SubmissionListItem);

export const SubmissionView = Type.Object({
  id: Type.String(),
  problem: Type.String(),
  status: SubmissionStatus,
  verdict: Nullable(Verdict),
  summary: Nullable(GradeSummary),
  results: Type.Array(TestResult),
  code: Type.Optional(Type.String({ description: 'for its owner' })),
  createdAt: Time,
  finishedAt: Nullable(Time),
});
export type SubmissionView = Static<typeof SubmissionView>;

// ---- feedback: expected outputs of the user's inputs, and counterexamples (issue 15 §1, §2) ---------------------

/** An input the user wrote (the custom-input tab's `{ "fn": ..., "args": [...] }`), in tagged JSON. */
export const CustomInput = Type.Object(
  {
    fn: Type.String({ maxLength: 100 }),
    args: Type.Optional(Type.Array(Tagged)),
    spec: Type.Optional(Tagged),
    expectError: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CustomInput = Static<typeof CustomInput>;

export const ExpectedOutputsBody = Type.Object(
  {
    problem: Slug,
    inputs: Type.Array(CustomInput, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);

/** Per input, in order: the reference's output, or why there is none (the validator's message). */
export const ExpectedOutput = Type.Union([
  Type.Object({ status: Type.Literal('ok'), expected: Tagged }),
  Type.Object({
    status: Type.Literal('invalid'),
    message: Type.String({ description: "the problem's validator: which constraint the input breaks" }),
  }),
  Type.Object({
    status: Type.Literal('reference-failed'),
    message: Type.String({ description: 'the reference did not return on this input (its error, no stack)' }),
  }),
]);
export type ExpectedOutput = Static<typeof ExpectedOutput>;
export const ExpectedOutputs = Type.Object({ outputs: Type.Array(ExpectedOutput) });
export type ExpectedOutputs = Static<typeof ExpectedOutputs>;

export const CounterexampleBody = Type.Object(
  { problem: Slug, code: Type.String({ description: 'TypeScript source; at most MAX_CODE_BYTES bytes (UTF-8)' }) },
  { additionalProperties: false },
);

const InputSize = Type.Object({
  chars: Type.Integer({ description: 'JSON characters of the arguments (or spec)' }),
  magnitude: Type.Number({ description: "sum of the numbers' magnitudes and the strings' lengths" }),
});

export const CounterexampleReport = Type.Object(
  {
    status: Type.Enum(['found', 'none', 'compile-error']),
    tried: Type.Integer({ description: 'inputs run in the search' }),
    shrinkRuns: Type.Integer({ description: 'smaller candidates run while shrinking' }),
    ms: Type.Number(),
    stoppedBy: Type.Optional(Type.Enum(['inputs', 'time', 'shrink-runs'])),
    compileError: Type.Optional(CompileError),
    counterexample: Type.Optional(
      Type.Object({
        origin: Type.Enum(['sample', 'generated'], { description: 'never a hidden test' }),
        original: TestInput,
        sizeBefore: InputSize,
        sizeAfter: InputSize,
        shrinkSteps: Type.Integer(),
        result: TestResult,
      }),
    ),
  },
  {
    description:
      "The user's code against the reference on small inputs from the samples and the problem's generator (fresh " +
      'seeds, never hidden tests); the first disagreement, shrunk.',
  },
);
export type CounterexampleReport = Static<typeof CounterexampleReport>;

// ---- accounts and health ----------------------------------------------------------------------------------------

export const Role = Type.Enum(['admin', 'interviewer', 'instructor']);
export type Role = Static<typeof Role>;

export const LoginBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const Me = Type.Object({
  ownerKind: Type.Enum(['learner', 'user']),
  user: Nullable(Type.Object({ id: Type.String(), name: Type.String(), role: Role })),
});
export type Me = Static<typeof Me>;
export const SignedOut = Type.Null({ description: 'no body (204)' });

export const SelfTest = Type.Object({ ok: Type.Boolean(), verdict: Verdict, ms: Type.Number(), at: Time });
export type SelfTest = Static<typeof SelfTest>;
export const Health = Type.Object({
  ok: Type.Boolean({ description: 'false (with status 503) until the engine self-test passed' }),
  selfTest: Nullable(SelfTest),
  queue: Type.Object({ queued: Type.Integer(), grading: Type.Integer() }),
  problems: Type.Integer(),
});

// ---- screens: the interviewer's side ----------------------------------------------------------------------------

export const ScreenPhase = Type.Enum(['not-started', 'active', 'grace', 'over', 'link-expired', 'revoked']);
export type ScreenPhase = Static<typeof ScreenPhase>;

export const ScreenParams = Type.Object({ id: ScreenId });

export const ScreenView = Type.Object({
  id: Type.String(),
  problems: Type.Array(Type.String()),
  durationMinutes: Type.Number(),
  extraMinutes: Type.Number(),
  candidateName: Nullable(Type.String()),
  candidateEmail: Nullable(Type.String()),
  expectedOutputs: Type.Boolean({ description: "the candidate may see the reference's output for their own inputs" }),
  linkExpiresAt: Time,
  createdAt: Time,
  revokedAt: Nullable(Time),
  startedAt: Nullable(Time),
  endsAt: Nullable(Time),
  phase: ScreenPhase,
  remainingMs: Nullable(
    Type.Number({ description: 'milliseconds left on the clock (0 once over); null before the start' }),
  ),
});
export type ScreenView = Static<typeof ScreenView>;
export const ScreenList = Type.Array(ScreenView);

export const CreateScreenBody = Type.Object(
  {
    problems: Type.Array(Slug, { minItems: 1, maxItems: 10, uniqueItems: true }),
    durationMinutes: Type.Number({ minimum: 1, maximum: 600 }),
    extraMinutes: Type.Optional(Type.Number({ minimum: 0, maximum: 600 })),
    candidateName: Type.Optional(Type.String({ maxLength: 200 })),
    candidateEmail: Type.Optional(Type.String({ maxLength: 200, pattern: '^[^@\\s]+@[^@\\s]+$' })),
    expectedOutputs: Type.Optional(
      Type.Boolean({
        description: "let the candidate see the reference's output for their own inputs (default: false)",
      }),
    ),
    linkExpiresAt: Type.Optional(LinkExpiry('7 days from now')),
  },
  { additionalProperties: false },
);
export type CreateScreenBody = Static<typeof CreateScreenBody>;

export const NewLinkBody = Type.Optional(
  Type.Object(
    { linkExpiresAt: Type.Optional(LinkExpiry('unchanged, or 7 days from now if it has passed')) },
    { additionalProperties: false },
  ),
);
export const ExtendBody = Type.Object(
  { minutes: Type.Number({ minimum: 1, maximum: 600 }) },
  { additionalProperties: false },
);
/** The candidate link is shown once, here: only its hash is stored. */
export const ScreenLink = Type.Object({
  screen: ScreenView,
  token: Type.String(),
  link: Type.String({ description: '/screen/<token>' }),
});

export const ReportQuery = Type.Object({
  download: Type.Optional(
    Type.Enum(['1', 'true', '0', 'false'], { description: 'as a JSON file (Content-Disposition: attachment)' }),
  ),
});

export const ProblemReport = Type.Object({
  problem: Type.String(),
  finalVerdict: Nullable(Verdict),
  testsPassed: Nullable(Type.Integer()),
  testsTotal: Nullable(Type.Integer()),
  steps: Nullable(Type.Number()),
  maxMemoryBytes: Nullable(Type.Number()),
  submissions: Type.Integer(),
  msToFirstAccepted: Nullable(
    Type.Number({ description: 'from the start of the screen to the submission first accepted' }),
  ),
});
export type ProblemReport = Static<typeof ProblemReport>;

/** What the candidate's browser records (ClientEventKind) and what the server adds when code is submitted. */
export const ClientEventKind = Type.Enum(['snapshot', 'run', 'paste', 'blur', 'focus']);
export const TimelineEventKind = Type.Union([ClientEventKind, Type.Enum(['submit', 'auto-submit'])]);
export type TimelineEventKind = Static<typeof TimelineEventKind>;
const EventData = Type.Record(Type.String(), Type.Unknown());

export const ScreenReport = Type.Object({
  screen: ScreenView,
  problems: Type.Array(ProblemReport),
  submissions: Type.Array(
    Type.Object({
      id: Type.String(),
      problem: Type.String(),
      submittedAt: Time,
      auto: Type.Boolean({ description: 'graded automatically at the end' }),
      status: SubmissionStatus,
      verdict: Nullable(Verdict),
      summary: Nullable(GradeSummary),
      results: Type.Array(TestResult),
      code: Type.String(),
    }),
  ),
  timeline: Type.Array(
    Type.Object({ at: Time, kind: TimelineEventKind, problem: Nullable(Type.String()), data: EventData }),
  ),
});
export type ScreenReport = Static<typeof ScreenReport>;

// ---- screens: the candidate's side (the token is the only credential) -------------------------------------------

export const TokenParams = Type.Object({ token: ScreenToken });

export const CandidateScreen = Type.Object({
  phase: ScreenPhase,
  startedAt: Nullable(Time),
  endsAt: Nullable(Time),
  remainingMs: Nullable(Type.Number()),
  serverTime: Time,
  durationMinutes: Type.Number(),
  candidateName: Nullable(Type.String()),
  expectedOutputs: Type.Boolean({ description: "the custom-input tab may show the reference's output" }),
  problems: Type.Array(Type.Object({ slug: Type.String(), title: Type.String(), difficulty: Difficulty })),
  rules: Type.Array(Type.String()),
});
export type CandidateScreen = Static<typeof CandidateScreen>;

export const ScreenStarted = Type.Object({
  startedAt: Time,
  endsAt: Time,
  remainingMs: Type.Number(),
  serverTime: Time,
});

export const ClientEvent = Type.Object(
  {
    seq: Type.Integer({ minimum: 0 }),
    kind: ClientEventKind,
    problem: Type.Optional(Slug),
    data: Type.Optional(EventData),
  },
  { additionalProperties: false },
);
export type ClientEvent = Static<typeof ClientEvent>;
/** One browser's id: with `seq`, what makes a resent event recognizable. */
export const ClientId = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' });
export const ClientEventsBody = Type.Object(
  { clientId: ClientId, events: Type.Array(ClientEvent, { maxItems: 500 }) },
  { additionalProperties: false, description: 'the server stamps each event with its own time; resending is harmless' },
);
export const ClientEventsStored = Type.Object({ stored: Type.Integer({ description: 'how many were new' }) });

// ---- the engine's values fit the contract (checked by tsc, no code) ---------------------------------------------

type Fits<Value, Contract> = [Value] extends [Contract] ? true : false;
type Assert<T extends true> = T;
export type _EngineFitsContract = [
  Assert<Fits<EngineVerdict, Verdict>>,
  Assert<Fits<Verdict, EngineVerdict>>,
  Assert<Fits<EngineCompileError, CompileError>>,
  Assert<Fits<EngineTestResult, TestResult>>,
  Assert<Fits<EngineGradeSummary, GradeSummary>>,
  Assert<Fits<GradeEvent, SubmissionEvent>>,
  Assert<Fits<EngineCheckerSpec, Static<typeof CheckerSpec>>>,
  Assert<Fits<EngineSandboxLimits, Static<typeof SandboxLimits>>>,
  Assert<Fits<EngineExpectedOutput, ExpectedOutput>>,
  Assert<Fits<EngineCounterexampleReport, CounterexampleReport>>,
];
