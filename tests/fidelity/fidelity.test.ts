/**
 * The differential fidelity test (issue 10): every snippet of the corpus runs in Node and in the sandbox, through
 * the real grading path (prelude, globals, charges), and must give the same result.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeSandbox } from '../../harness/src/node/engine.ts';
import type { Sandbox } from '../../harness/src/sandbox/sandbox.ts';
import { DEFAULT_LIMITS } from '../../harness/src/sandbox/types.ts';
import { CORPUS, MODERN } from './corpus.ts';
import { corpusProgram } from './describe.ts';

const snippets = Object.entries(CORPUS).flatMap(([group, list]) => list.map((code) => ({ group, code })));
const all = [...snippets.map((s) => s.code), ...MODERN.map(([code]) => code)];
const source = corpusProgram(all);

let sandbox: Sandbox;
const inSandbox = async (i: number): Promise<string> => {
  const run = await sandbox.runTest(
    { solutionJs: source, driverJs: null, entries: ['run'] },
    { index: i, input: JSON.stringify({ fn: 'run', args: [i] }), stepBudget: 100_000, seed: 1 },
    { ...DEFAULT_LIMITS, wallMs: 60_000 },
  );
  if (run.outcome.kind !== 'returned') return `sandbox:${JSON.stringify(run.outcome)}`;
  return JSON.parse(run.outcome.output) as string;
};
// The same program in Node (this process: it has TextEncoder, structuredClone, Intl, ...).
const inNode = new Function(`${source}\nreturn run;`)() as (i: number) => string;

beforeAll(async () => {
  sandbox = await createNodeSandbox();
});

describe('fidelity: Node and the sandbox agree', () => {
  it('has at least 150 snippets', () => {
    expect(all.length).toBeGreaterThanOrEqual(150);
  });
  for (const [i, { group, code }] of snippets.entries()) {
    it(`${group} #${i}: ${code.slice(0, 70)}`, async () => {
      expect(await inSandbox(i)).toBe(inNode(i));
    });
  }
  for (const [k, [code, expected]] of MODERN.entries()) {
    it(`modern: ${code.slice(0, 70)}`, async () => {
      expect(await inSandbox(snippets.length + k)).toBe(`ok:${expected}`);
    });
  }
});
