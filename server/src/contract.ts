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

const Nullable = <T extends TSchema>(schema: T, options: { description?: string } = {}) =>
  Type.Union([schema, Type.Null()], options);

// ---- common -----------------------------------------------------------------------------------------------------

/** Every error: a stable code (see server/src/errors.ts) and a message for people; 5xx carry no internals. */
export const ErrorBody = Type.Object({ code: Type.String(), message: Type.String() }, { $id: 'Error' });
export type ErrorBody = Static<typeof ErrorBody>;

export const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 });
export const SubmissionId = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' });
export const ScreenId = Type.String({ pattern: '^[A-Za-z0-9_-]{6,64}$' });
export const ScreenToken = Type.String({ maxLength: 100, description: "the candidate link's token" });
const Time = Type.String({ description: 'ISO 8601 date-time' });
/**
 * A date-time a client sends: ISO 8601 with a four-digit year (what PostgreSQL and `Date#toISOString` both hold), a
 * date alone meaning midnight UTC. The route checks the range (issue 14 §11: year 275760 was a 500).
 */
export const DATE_TIME_PATTERN =
  '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}(:?\\d{2})?)?)?$';
const LinkExpiry = (description: string) =>
  Type.String({
    maxLength: 40,
    pattern: DATE_TIME_PATTERN,
    description: `ISO 8601 date-time, at most a year ahead; default: ${description}`,
  });
/** Bodies deeper than this are refused before validation (a 5,000-deep timeline event was a 500). */
export const MAX_JSON_DEPTH = 32;

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

/** A cost as a share of its limit, in percent bands (harness/src/grade.ts, `costBand`): what hidden tests show. */
export const CostBand = Type.Enum(['0-10', '10-33', '33-100', 'over'], {
  description: 'percent of the limit: within a tenth, within the third accepted solutions keep to, within, over',
});
export type CostBand = Static<typeof CostBand>;
export const TestCost = Type.Object(
  {
    steps: CostBand,
    memory: CostBand,
  },
  { description: "steps as a share of the step budget, memory as a share of the problem's memory limit" },
);
export type TestCost = Static<typeof TestCost>;
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
    steps: Type.Optional(
      Type.Number({ description: 'exact for samples; a hidden scale test: to two significant digits; else absent' }),
    ),
    memoryBytes: Type.Optional(Type.Number({ description: 'samples only' })),
    cost: Type.Optional(TestCost),
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
      'One test. A hidden test holds only index, group, verdict and cost (bands, never exact figures, which code ' +
      'could use to encode the hidden input); a hidden scale test also scaleN and steps to two significant digits.',
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
  steps: Type.Number({ description: 'sum of the steps shown: samples and scale tests (never exact hidden figures)' }),
  maxMemoryBytes: Type.Number({ description: 'the largest memory shown (samples)' }),
  hiddenCost: Type.Optional(
    Type.Object(
      { steps: CostBand, memory: CostBand },
      { description: 'the other hidden tests together: their steps over their budgets, their peak memory' },
    ),
  ),
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

/** `listed`: practice, in the list and sets; `unlisted`: practice by its slug only; `screens-only`: screens only. */
export const Visibility = Type.Enum(['listed', 'unlisted', 'screens-only']);
export type Visibility = Static<typeof Visibility>;
/** A problem version: the hash of what grading depends on (tests, budgets, driver, checker, limits). */
export const ProblemVersion = Type.String({
  pattern: '^[0-9a-f]{12}$',
  description: 'hash of what grading depends on',
});

export const ProblemSummary = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  difficulty: Difficulty,
  tags: Type.Array(Type.String()),
  estimatedMinutes: Nullable(Type.Integer({ description: 'how long a prepared candidate needs' })),
  visibility: Visibility,
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
  version: ProblemVersion,
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
  problemVersion: Nullable(Type.String({ description: 'the problem version it was graded against' })),
  regraded: Type.Boolean({ description: 'a new version of the problem re-graded it (see the submission)' }),
  createdAt: Time,
});
export type SubmissionListItem = Static<typeof SubmissionListItem>;
export const SubmissionList = Type.Array(SubmissionListItem);

/** A published new version of the problem re-graded a stored submission. */
export const Regrade = Type.Object({
  at: Time,
  fromVersion: Nullable(Type.String()),
  toVersion: Type.String(),
  was: Nullable(Verdict),
  now: Verdict,
  note: Nullable(Type.String({ description: "the author's word on what changed" })),
});
export type Regrade = Static<typeof Regrade>;

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
  problemVersion: Nullable(
    Type.String({ description: 'the problem version it was graded against (null before versions were recorded)' }),
  ),
  regrades: Type.Array(Regrade, {
    description: 'new versions of the problem that re-graded it, oldest first; verdict and results are the last one',
  }),
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

export const Role = Type.Enum(['admin', 'interviewer', 'instructor', 'learner']);
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

/** A learner's account: the name is shown and unique; the password is hashed with scrypt. */
export const SignUpBody = Type.Object(
  {
    name: Type.String({ minLength: 3, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
    password: Type.String({ minLength: 8, maxLength: 200 }),
  },
  { additionalProperties: false },
);
/** Signing up or in: who the caller is now, and what of this browser's anonymous history moved to the account. */
export const SignedIn = Type.Object({
  ...Me.properties,
  merged: Type.Object({ submissions: Type.Integer(), drafts: Type.Integer() }),
});
export type SignedIn = Static<typeof SignedIn>;
export const SignedOut = Type.Null({ description: 'no body (204)' });

export const SelfTest = Type.Object({ ok: Type.Boolean(), verdict: Verdict, ms: Type.Number(), at: Time });
export type SelfTest = Static<typeof SelfTest>;
export const Health = Type.Object({
  ok: Type.Boolean({
    description:
      'false (with status 503) until the engine self-test passed; an API-only process (ROLE=api) runs no engine',
  }),
  selfTest: Nullable(SelfTest),
  queue: Type.Object({
    queued: Type.Integer(),
    grading: Type.Integer({ description: 'submissions this process is grading' }),
    graders: Type.Integer({ description: 'grader processes with a live heartbeat, on any machine' }),
  }),
  problems: Type.Integer(),
});

// ---- progress: a learner's record (issue 15 §4) ----------------------------------------------------------------

export const ProgressQuery = Type.Object({
  utcOffsetMinutes: Type.Optional(
    Type.Integer({ minimum: -840, maximum: 840, description: "the caller's time zone, for days; default 0 (UTC)" }),
  ),
});

const Tally = { solved: Type.Integer(), attempted: Type.Integer(), total: Type.Integer() };

export const ProblemRecord = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  difficulty: Difficulty,
  tags: Type.Array(Type.String()),
  solved: Type.Boolean(),
  attempted: Type.Boolean(),
  submissions: Type.Integer(),
  lastAt: Nullable(Time),
  bestPassed: Nullable(Type.Integer({ description: 'the most tests a submission passed' })),
  total: Type.Integer({ description: "tests in the problem's suite" }),
  best: Nullable(
    Type.Object(
      {
        submissionId: Type.String(),
        steps: Type.Number({ description: 'over every test of the suite' }),
        referenceSteps: Type.Number({ description: "the reference solution's steps on the same tests" }),
        ratio: Type.Number({ description: 'steps ÷ referenceSteps: 1 is as cheap as the reference' }),
      },
      { description: 'the accepted submission with the fewest steps' },
    ),
  ),
});
export type ProblemRecord = Static<typeof ProblemRecord>;

export const Progress = Type.Object({
  me: Me,
  totals: Type.Object({ ...Tally, submissions: Type.Integer() }),
  byDifficulty: Type.Array(Type.Object({ difficulty: Difficulty, ...Tally })),
  byTag: Type.Array(Type.Object({ tag: Type.String(), ...Tally })),
  problems: Type.Array(ProblemRecord),
  activity: Type.Array(
    Type.Object({
      day: Type.String({ description: 'YYYY-MM-DD' }),
      submissions: Type.Integer(),
      accepted: Type.Integer(),
    }),
    { description: 'days with at least one submission, oldest first' },
  ),
  streak: Type.Object({
    current: Type.Integer({ description: 'consecutive days with a submission, ending today or yesterday' }),
    longest: Type.Integer(),
    today: Type.String({ description: "today's date in the caller's time zone (YYYY-MM-DD)" }),
  }),
});
export type Progress = Static<typeof Progress>;

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
  steps: Nullable(Type.Number({ description: "the final submission's summary.steps (samples and scale tests)" })),
  maxMemoryBytes: Nullable(Type.Number()),
  hiddenCost: Nullable(TestCost),
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
const EventData = Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), {
  maxProperties: 50,
  description: `free-form, nested at most ${MAX_JSON_DEPTH} levels (like every request body)`,
});

/** One code of the timeline graded on the whole suite (issue 15 §3): counts and verdicts only, as for hidden tests. */
export const LanePoint = Type.Object({
  event: Type.Integer({ description: 'index of the timeline event that holds this code' }),
  at: Time,
  offsetMs: Type.Number({ description: 'from the start of the screen' }),
  kind: Type.Enum(['snapshot', 'submit', 'auto-submit']),
  codeHash: Type.String({ description: 'SHA-256 of the code: each distinct code is graded once' }),
  status: SubmissionStatus,
  verdict: Nullable(Verdict),
  passed: Nullable(Type.Integer()),
  total: Nullable(Type.Integer()),
  samplesPassed: Nullable(Type.Integer()),
  samplesTotal: Nullable(Type.Integer()),
  change: Type.Enum(['first', 'rose', 'fell', 'same', 'pending'], {
    description: 'tests passed compared with the previous graded point of the lane',
  }),
  firstSamplesPass: Type.Boolean({ description: 'the first point whose code passed every sample' }),
});
export type LanePoint = Static<typeof LanePoint>;

export const ReplayLane = Type.Object({
  problem: Type.String(),
  points: Type.Array(LanePoint),
  distinctCodes: Type.Integer(),
  pending: Type.Integer({ description: 'points whose code is not graded yet (low priority: it is on its way)' }),
  firstSamplesPassedMs: Nullable(Type.Number({ description: 'from the start of the screen' })),
  firstAcceptedMs: Nullable(Type.Number({ description: 'the first code that passed every test, from the start' })),
  bestPassed: Nullable(Type.Integer()),
  total: Nullable(Type.Integer()),
  regressions: Type.Integer({ description: 'points where fewer tests passed than at the point before' }),
});
export type ReplayLane = Static<typeof ReplayLane>;

/** The verdicts of one graded code, for the point a reader clicks. */
export const ReplayGrade = Type.Object({
  problem: Type.String(),
  codeHash: Type.String(),
  status: SubmissionStatus,
  verdict: Nullable(Verdict),
  summary: Nullable(GradeSummary),
  results: Type.Array(TestResult, { description: 'index, group, verdict, steps and memory of every test' }),
});
export type ReplayGrade = Static<typeof ReplayGrade>;

export const ScreenReport = Type.Object({
  screen: ScreenView,
  problems: Type.Array(ProblemReport),
  lanes: Type.Array(ReplayLane, { description: 'per problem, tests passed over time: every code re-graded' }),
  grades: Type.Array(ReplayGrade),
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
    Type.Object({
      at: Time,
      kind: TimelineEventKind,
      problem: Nullable(Type.String()),
      data: EventData,
      source: Type.Enum(['client', 'server'], {
        description:
          "client: reported by the candidate's browser (snapshots, runs, pastes, focus), which a client can forge; " +
          'server: recorded by the server (submissions; their verdicts are in `submissions`)',
      }),
    }),
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
  problems: Type.Array(
    Type.Object({
      slug: Nullable(Type.String()),
      title: Nullable(Type.String()),
      difficulty: Difficulty,
    }),
    { description: 'in order; slug and title are null until Start, so nothing can be looked at before the clock runs' },
  ),
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
    seq: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
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

// ---- authoring: publishing problems (instructors and admins) --------------------------------------------------

export const RevisionId = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' });
export const RevisionStatus = Type.Enum(
  ['checking', 'refused', 'regrading', 'ready', 'live', 'superseded', 'discarded'],
  {
    description:
      'checking (judge check runs) → refused, or regrading (stored submissions are graded against it) → ready → live ' +
      '(published; the previous live one is superseded), or discarded',
  },
);
export type RevisionStatus = Static<typeof RevisionStatus>;

/** A problem folder as a map of relative path → text (what `judge publish` sends). */
export const PackageFiles = Type.Record(Type.String({ maxLength: 300 }), Type.String(), {
  description: 'relative path (e.g. solutions/accepted/reference.ts) → file text; at most PUBLISH_MAX_BYTES in all',
});
export const PublishBody = Type.Object(
  {
    slug: Slug,
    files: PackageFiles,
    visibility: Type.Optional(Visibility),
    note: Type.Optional(
      Type.String({ maxLength: 500, description: 'what changed: shown to users whose verdict flips' }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'a package without tests/suite.json is built on the server first (judge build), and the built suite is stored with it',
  },
);
export const RevisionParams = Type.Object({ id: RevisionId });
export const FlipParams = Type.Object({ id: RevisionId, submission: SubmissionId });
export const RevisionListQuery = Type.Object({ slug: Type.Optional(Slug) });

export const CheckOutput = Type.Object({
  ok: Type.Boolean(),
  errors: Type.Array(Type.String()),
  lines: Type.Array(Type.String(), { description: 'what `judge check` prints for the package' }),
});

/** The re-grade of a new version against the stored submissions of the live one. */
export const FlipTable = Type.Object({
  submissions: Type.Integer({ description: 're-graded submissions' }),
  distinctCodes: Type.Integer({ description: 'each distinct code is graded once' }),
  skipped: Type.Integer({ description: 'older submissions beyond REGRADE_MAX, not re-graded' }),
  counts: Type.Array(Type.Object({ from: Nullable(Verdict), to: Verdict, submissions: Type.Integer() }), {
    description: 'per (old verdict → new verdict), the flips first',
  }),
  flipped: Type.Array(
    Type.Object({
      submission: Type.String(),
      from: Nullable(Verdict),
      to: Verdict,
      fromVersion: Nullable(Type.String()),
      link: Type.String({ description: 'the flip in detail (code, old and new outcome)' }),
    }),
    { description: 'at most 200' },
  ),
  flippedTotal: Type.Integer(),
});
export type FlipTable = Static<typeof FlipTable>;

export const RevisionView = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  status: RevisionStatus,
  version: Nullable(Type.String({ description: 'known once checked' })),
  baseVersion: Nullable(Type.String({ description: 'the live version when it was checked (null: a new problem)' })),
  visibility: Nullable(Visibility),
  note: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Time,
  decidedAt: Nullable(Time),
  check: Nullable(CheckOutput),
  error: Nullable(
    Type.Object(
      { code: Type.String(), message: Type.String() },
      { description: 'why it was refused (PROBLEM_CHECK_FAILED with the check output)' },
    ),
  ),
  regrade: Nullable(Type.Object({ jobs: Type.Integer(), done: Type.Integer(), submissions: Type.Integer() })),
  flips: Nullable(FlipTable),
});
export type RevisionView = Static<typeof RevisionView>;
export const RevisionList = Type.Array(
  Type.Object({
    id: Type.String(),
    slug: Type.String(),
    status: RevisionStatus,
    version: Nullable(Type.String()),
    createdBy: Type.String(),
    createdAt: Time,
    decidedAt: Nullable(Time),
  }),
);

export const FlipDetail = Type.Object({
  submission: Type.String(),
  problem: Type.String(),
  code: Type.String(),
  createdAt: Time,
  from: Type.Object({ verdict: Nullable(Verdict), version: Nullable(Type.String()) }),
  to: Type.Object({
    verdict: Nullable(Verdict),
    version: Nullable(Type.String()),
    summary: Nullable(GradeSummary),
    results: Type.Array(TestResult),
  }),
});

export const AuthoringProblem = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  difficulty: Difficulty,
  version: Type.String(),
  visibility: Visibility,
  source: Type.Enum(['builtin', 'published'], { description: 'PROBLEMS_DIR, or published through the API' }),
  liveRevision: Nullable(Type.String()),
  pendingRevision: Nullable(Type.String()),
});
export type AuthoringProblem = Static<typeof AuthoringProblem>;
export const AuthoringProblems = Type.Array(AuthoringProblem);
export const VisibilityBody = Type.Object({ visibility: Visibility }, { additionalProperties: false });
export const ProblemFilesView = Type.Object({ slug: Type.String(), version: Type.String(), files: PackageFiles });
export const RevisionFilesView = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  files: PackageFiles,
  status: RevisionStatus,
});
export const ScaffoldView = Type.Object(
  { slug: Type.String(), files: PackageFiles },
  { description: 'the files `judge new <slug>` writes: a start for a new problem, with TODO placeholders' },
);

// ---- test reports: a learner reports a test, the authors' inbox replays it (issue 12 §3) -----------------------

export const ReportId = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' });
export const ReportParams = Type.Object({ id: ReportId });
export const ReportStatus = Type.Enum(['open', 'resolved']);
export type ReportStatus = Static<typeof ReportStatus>;
export const MAX_REPORT_MESSAGE = 2000;

export const ReportBody = Type.Object(
  {
    problem: Slug,
    // A submission of yours: its code, version and verdict are taken from it (else a Run: send the code).
    submissionId: Type.Optional(SubmissionId),
    testIndex: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 1_000_000,
        description: "the test's index in the suite (a Run: a sample's); absent: the submission's verdict as a whole",
      }),
    ),
    code: Type.Optional(Type.String({ description: 'a Run only: the code that ran; at most MAX_CODE_BYTES bytes' })),
    // A Run only: the sample's verdict in the browser.
    verdict: Type.Optional(Verdict),
    message: Type.String({ minLength: 1, maxLength: MAX_REPORT_MESSAGE, description: 'what looks wrong' }),
  },
  { additionalProperties: false },
);
export type ReportBody = Static<typeof ReportBody>;
export const ReportCreated = Type.Object({ id: Type.String(), status: ReportStatus });
export type ReportCreated = Static<typeof ReportCreated>;

export const ReportListQuery = Type.Object({
  status: Type.Optional(ReportStatus),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  mine: Type.Optional(
    Type.Boolean({ description: 'Only reports on problems the caller published or submitted a revision of' }),
  ),
});

/** A report as the inbox lists it. */
export const ReportSummary = Type.Object({
  id: Type.String(),
  problem: Type.String(),
  problemVersion: Nullable(
    Type.String({ description: 'the version the code was graded against (a Run: the live version then)' }),
  ),
  source: Type.Enum(['submission', 'run'], { description: 'a submission, or a Run in the browser (samples only)' }),
  submissionId: Nullable(Type.String()),
  testIndex: Nullable(Type.Integer({ description: "the test's index in the suite; null: the verdict as a whole" })),
  testGroup: Nullable(TestGroup),
  verdict: Nullable(Verdict, { description: "the submission's verdict when it was reported (null for a Run)" }),
  // A Run's verdict comes from the learner's browser: a client can forge it.
  testVerdict: Nullable(Verdict, {
    description: "the test's verdict as the reporter saw it (a Run: as their browser said)",
  }),
  message: Type.String(),
  reporter: Nullable(Type.String({ description: "the reporter's account name; null: an anonymous learner" })),
  status: ReportStatus,
  createdAt: Time,
  resolvedBy: Nullable(Type.String()),
  resolvedAt: Nullable(Time),
  reply: Nullable(Type.String()),
});
export type ReportSummary = Static<typeof ReportSummary>;
export const ReportList = Type.Array(ReportSummary);

/** Where the problem of a report comes from: its version live now, a stored published revision, or gone. */
export const ReportVersionSource = Type.Enum(['live', 'revision', 'gone'], {
  description:
    'live: the reported version is the live one; revision: an older published version, kept in the database; ' +
    'gone: no stored package has it (a built-in problem changed on disk), the current version stands in',
});
export type ReportVersionSource = Static<typeof ReportVersionSource>;

/** The reported test as its authors see it: hidden tests included (they wrote them). */
export const ReportedTest = Type.Object({
  index: Type.Integer(),
  group: TestGroup,
  id: Type.String(),
  name: Type.String(),
  input: TestInput,
  expected: Type.Optional(Tagged),
  expectedDigest: Type.Optional(Type.String({ description: 'a large expected output is stored as its digest only' })),
  stepBudget: Type.Number(),
  purpose: Type.Optional(Type.String()),
});
export type ReportedTest = Static<typeof ReportedTest>;

export const ReportDetail = Type.Object({
  ...ReportSummary.properties,
  code: Type.String(),
  versionSource: ReportVersionSource,
  currentVersion: Nullable(Type.String({ description: 'the live version now (null: the problem is gone)' })),
  test: Nullable(ReportedTest),
  seen: Nullable(
    Type.Object(
      { summary: Nullable(GradeSummary), results: Type.Array(TestResult) },
      { description: 'a submission as the learner saw it when reporting (hidden tests redacted)' },
    ),
  ),
});
export type ReportDetail = Static<typeof ReportDetail>;

export const ResolveBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: MAX_REPORT_MESSAGE, description: 'what was done about it' })) },
  { additionalProperties: false },
);

/** A test the replay did not reproduce as the learner saw it. */
export const ReplayDifference = Type.Object({
  index: Type.Integer(),
  seen: Type.Object({ verdict: Verdict, steps: Type.Optional(Type.Number()) }),
  replayed: Type.Object({ verdict: Verdict, steps: Type.Optional(Type.Number()) }),
});

export const ReportReplay = Type.Object({
  report: Type.String(),
  version: Type.String({ description: 'the version it was graded against now' }),
  versionSource: ReportVersionSource,
  warning: Nullable(Type.String({ description: 'said plainly when the reported version is gone' })),
  summary: GradeSummary,
  results: Type.Array(TestResult, { description: 'every test, hidden ones in full (for the authors)' }),
  testIndex: Nullable(Type.Integer({ description: 'the reported test, to highlight' })),
  sameVerdict: Nullable(
    Type.Boolean({ description: "the replay's verdict is the one reported (null: a Run, which has none)" }),
  ),
  sameTestVerdict: Nullable(Type.Boolean({ description: "the reported test's verdict is the one the reporter saw" })),
  differences: Nullable(
    Type.Array(ReplayDifference, {
      description:
        'tests whose verdict or steps (as the learner was shown them) differ from what was reported: empty when ' +
        'the replay is exact; null for a Run (the browser reported one verdict only)',
    }),
  ),
});
export type ReportReplay = Static<typeof ReportReplay>;

// ---- the page's Content-Security-Policy ------------------------------------------------------------------------

/**
 * What the web app may load, shared by the server (a header on every response, with `frame-ancestors 'none'`,
 * which only a header enforces) and the build (a `<meta>` copy in the page). Monaco needs inline style attributes;
 * QuickJS and esbuild need 'wasm-unsafe-eval'; esbuild-wasm starts its worker from a blob: URL. Nothing is loaded
 * from other origins.
 */
export const PAGE_CSP: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'", 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'", 'blob:', 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

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
