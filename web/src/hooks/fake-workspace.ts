/** A workspace in memory for the hooks' tests: a problem, the server's draft, and submissions whose events the test sends. */
import { vi } from 'vitest';
import {
  ApiError,
  type CounterexampleReport,
  type CustomInput,
  type ExpectedOutput,
  type ProblemDetail,
  type SubmissionEvent,
  type Workspace,
} from '../lib/api.ts';
import type { Draft } from '../lib/storage.ts';

export const problem: ProblemDetail = {
  slug: 'p',
  version: '0123456789ab',
  title: 'P',
  difficulty: 'easy',
  tags: [],
  estimatedMinutes: null,
  statement: '',
  starter: 'export function f() {}',
  entries: [{ name: 'f', signature: 'function f(): number', checker: { name: 'exact' } }],
  typings: '',
  samples: [{ index: 0, name: 'one', input: { fn: 'f', args: [] }, expected: 1, stepBudget: 100 }],
  limits: { memoryMb: 64, wallMs: 1000, stackKb: 1024, outputKb: 64, consoleKb: 64 },
  runner: {
    driverJs: null,
    sandboxLimits: { memoryBytes: 1, stackBytes: 1, outputBytes: 1, consoleBytes: 1, judgeStepBudget: 1, wallMs: 1 },
  },
};

export function fakeWorkspace(opts: { serverDraft?: Draft | null; storageScope?: string } = {}) {
  const live = new Map<string, (e: SubmissionEvent) => void>();
  const ws = {
    storageScope: opts.storageScope ?? 'test:',
    problem: vi.fn(async (slug: string) =>
      slug === problem.slug
        ? problem
        : Promise.reject(new ApiError(404, 'UNKNOWN_PROBLEM', `no problem named "${slug}"`)),
    ),
    draft: vi.fn(async () => opts.serverDraft ?? null),
    saveDraft: vi.fn(async () => ({ updatedAt: new Date().toISOString() })),
    submit: vi.fn(async () => ({ id: `s${ws.submit.mock.calls.length}` })),
    submission: vi.fn(),
    submissions: vi.fn(async () => []),
    follow: vi.fn((id: string, onEvent: (e: SubmissionEvent) => void) => {
      live.set(id, onEvent);
      return () => live.delete(id);
    }),
    feedback: { expectedOutputs: true, counterexample: true },
    expectedOutputs: vi.fn(async (_slug: string, inputs: CustomInput[]) =>
      inputs.map((i): ExpectedOutput => ({ status: 'ok', expected: i.args?.length ?? 0 })),
    ),
    counterexample: vi.fn(async (): Promise<CounterexampleReport> => ({
      status: 'none',
      tried: 10,
      shrinkRuns: 0,
      ms: 5,
    })),
    /** Sends a grading event of submission `id` to whoever follows it. */
    emit(id: string, e: SubmissionEvent) {
      live.get(id)?.(e);
    },
    following: (id: string) => live.has(id),
  };
  return ws satisfies Workspace & object;
}
