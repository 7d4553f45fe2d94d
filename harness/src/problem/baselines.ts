/**
 * Null baselines (issue 12 §2): solutions that must fail, generated for every problem from its entries with no
 * effort from the author. For each entry function, with the reference serving the other entries:
 *
 *   returns-undefined     returns nothing
 *   returns-zeros         the reference's result with every number replaced by 0
 *   returns-empty-array   `[]` (array-returning entries)
 *   returns-first-input   its first argument, unchanged
 *   returns-constant      the answer to the entry's first test, whatever the input (a hard-coded sample)
 *   throws                throws at once
 *   changes-one-value     the reference's result with its first number (string, boolean) changed
 *   drops-last-element    the reference's result with the last element of its first non-empty array dropped
 *   reverses-order        the reference's result with its first array (of two different elements) reversed
 *   returns-previous-result  keeps state: returns the previous call's result (the first call's own)
 *
 * Each runs through the normal grading path (the worker pool, the stored suite and budgets), stopping at its first
 * failing test, so a problem's baselines cost about one sample each. One that passes is a hole in the suite.
 *
 * A transforming baseline may find nothing to change on a test (no array to reverse, a single call per test): it
 * then behaves as the reference there. It writes a marker to the console on every test where its answer differs
 * from the reference's, so a baseline that passes without ever differing is told apart ("cannot apply": a
 * warning, with the reason) from one that differed and was not caught (an error).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EsbuildApi } from '../compile/transpile.ts';
import { transpile } from '../compile/transpile.ts';
import { gradeToEnd, type GradableTest } from '../grade.ts';
import type { Executor } from '../sandbox/executor.ts';
import type { Verdict } from '../verdict.ts';
import { sha256 } from './build.ts';
import { materialiseArgs } from './collect.ts';
import { suiteTests, type LoadedProblem } from './load.ts';
import { inParallel } from '../util/in-parallel.ts';
import { parseSignature, returnShape, type ReturnShape } from './signature.ts';

export const BASELINE_KINDS = [
  'returns-undefined',
  'returns-zeros',
  'returns-empty-array',
  'returns-first-input',
  'returns-constant',
  'throws',
  'changes-one-value',
  'drops-last-element',
  'reverses-order',
  'returns-previous-result',
] as const;
export type BaselineKind = (typeof BASELINE_KINDS)[number];

export interface BaselineResult {
  entry: string;
  kind: BaselineKind;
  /**
   * caught: a test failed it (as it must); passed: every test accepted it although it answered differently from
   * the reference (a hole in the suite: an error); not-applicable: it cannot differ from the reference on this
   * problem (`reason` says why; `warn` when it ran and never differed although it could have); judge-error: it
   * could not be graded (`reason`; an error too).
   */
  status: 'caught' | 'passed' | 'not-applicable' | 'judge-error';
  /** The first failing test (caught). */
  caughtBy?: { id: string; name: string; verdict: Verdict };
  reason?: string;
  warn?: boolean;
}

/** The constant baseline writes its first test's arguments into its source: at most this much of them. */
const MAX_CONSTANT_CHARS = 64 * 1024;

/** Written to the console by a baseline on a test where its answer differs from the reference's. */
const MARK = '__judge_null_baseline_differs__';

/** The helpers every baseline program carries (plain JavaScript: it is compiled and run like a solution). */
const HELPERS = `
const __jbNone = Symbol('none');
let __jbMarked = false;
function __jbMark() { if (!__jbMarked) { __jbMarked = true; console.log(${JSON.stringify(MARK)}); } }
function __jbPlain(v) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}
function __jbSame(a, b) {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!__jbSame(a[i], b[i])) return false;
    return true;
  }
  if (__jbPlain(a) && __jbPlain(b)) {
    const ka = Object.keys(a), kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (const k of ka) if (!__jbSame(a[k], b[k])) return false;
    return true;
  }
  return false;
}
/** Replaces the first node (pre-order) that edit() changes, copying only the path to it: [value, changed]. */
function __jbRewrite(v, edit) {
  const e = edit(v);
  if (e !== __jbNone) return [e, true];
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const [x, changed] = __jbRewrite(v[i], edit);
      if (changed) { const c = v.slice(); c[i] = x; return [c, true]; }
    }
  } else if (__jbPlain(v)) {
    for (const k of Object.keys(v)) {
      const [x, changed] = __jbRewrite(v[k], edit);
      if (changed) return [{ ...v, [k]: x }, true];
    }
  }
  return [v, false];
}
function __jbZeros(v) {
  if (typeof v === 'number') return [0, !Object.is(v, 0)];
  let changed = false;
  if (Array.isArray(v)) {
    const out = v.map((x) => { const [z, c] = __jbZeros(x); changed ||= c; return z; });
    return [out, changed];
  }
  if (__jbPlain(v)) {
    const out = {};
    for (const k of Object.keys(v)) { const [z, c] = __jbZeros(v[k]); changed ||= c; out[k] = z; }
    return [out, changed];
  }
  return [v, false];
}
const __jbChangeOne = (v) =>
  typeof v === 'number' ? (Number.isFinite(v) ? v + 1 + Math.abs(v) / 1000 : 0)
  : typeof v === 'boolean' ? !v
  : typeof v === 'string' ? v + 'x'
  : __jbNone;
const __jbDropLast = (v) => (Array.isArray(v) && v.length > 0 ? v.slice(0, -1) : __jbNone);
const __jbReverse = (v) => {
  if (!Array.isArray(v) || v.length < 2) return __jbNone;
  const r = v.slice().reverse();
  return __jbSame(v, r) ? __jbNone : r;
};
`;

/** A JavaScript expression for a JSON-like value, or null when it holds something else (a function, a Map...). */
export function jsLiteral(v: unknown): string | null {
  if (v === undefined) return 'undefined';
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : String(v);
  if (Array.isArray(v)) {
    const parts = v.map(jsLiteral);
    return parts.every((p) => p !== null) ? `[${parts.join(', ')}]` : null;
  }
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const parts = Object.entries(v as Record<string, unknown>).map(([k, x]) => {
      const lit = jsLiteral(x);
      return lit === null ? null : `${JSON.stringify(k)}: ${lit}`;
    });
    return parts.every((p) => p !== null) ? `{ ${parts.join(', ')} }` : null;
  }
  return null;
}

/** The body of the baseline function for `entry` (`__jbR` is the reference's function, `a` the arguments). */
function baselineBody(kind: BaselineKind, constantArgs: string | null): string {
  const transform = (edit: string) =>
    `const [x, changed] = __jbRewrite(__jbR(...a), ${edit}); if (changed) __jbMark(); return x;`;
  switch (kind) {
    case 'returns-undefined':
      return '__jbMark(); return undefined;';
    case 'returns-zeros':
      return 'const [z, changed] = __jbZeros(__jbR(...a)); if (changed) __jbMark(); return z;';
    case 'returns-empty-array':
      return '__jbMark(); return [];';
    case 'returns-first-input':
      return '__jbMark(); return a[0];';
    case 'returns-constant':
      return `__jbMark(); return __jbR(...${constantArgs ?? '[]'});`;
    case 'throws':
      return "__jbMark(); throw new Error('null baseline: throws');";
    case 'changes-one-value':
      return transform('__jbChangeOne');
    case 'drops-last-element':
      return transform('__jbDropLast');
    case 'reverses-order':
      return transform('__jbReverse');
    case 'returns-previous-result':
      return (
        'const r = __jbR(...a); if (__jbPrev === __jbNone) { __jbPrev = r; return r; } ' +
        'const out = __jbPrev; __jbPrev = r; if (!__jbSame(out, r)) __jbMark(); return out;'
      );
  }
}

/** The baseline program: the reference's compiled module in a closure, and every entry defined over it. */
export function baselineSource(
  referenceJs: string,
  entries: readonly string[],
  entry: string,
  kind: BaselineKind,
  constantArgs: string | null,
): string {
  const probes = entries.map((n) => `${JSON.stringify(n)}: typeof ${n} === 'undefined' ? undefined : ${n}`);
  const fns = entries.map((n) =>
    n === entry
      ? `function ${n}(...a) {\n  const __jbR = __jbRef[${JSON.stringify(n)}];\n  ${baselineBody(kind, constantArgs)}\n}`
      : `function ${n}(...a) {\n  return __jbRef[${JSON.stringify(n)}](...a);\n}`,
  );
  return [
    `// Null baseline "${kind}" for ${entry} (judge check); the other entries are the reference's.`,
    HELPERS,
    'let __jbPrev = __jbNone;',
    'const __jbRef = (function (module, exports) {',
    referenceJs,
    `;return { ${probes.join(', ')} };`,
    '})({ exports: {} }, {});',
    ...fns,
    '',
  ].join('\n');
}

/** Why `kind` cannot apply to an entry, from its signature (null: it applies). */
export function notApplicable(
  kind: BaselineKind,
  shape: ReturnShape,
  paramCount: number,
  returnType: string,
): string | null {
  const returns = `it returns \`${returnType}\``;
  switch (kind) {
    case 'returns-undefined':
      return shape === 'void' ? `${returns}: nothing to leave out` : null;
    case 'returns-zeros':
      return shape === 'void' || shape === 'iterator' || (shape !== 'other' && !/\bnumber\b/.test(returnType))
        ? `${returns}: no number to zero`
        : null;
    case 'returns-empty-array':
      return shape === 'array' ? null : `${returns}, not an array`;
    case 'returns-first-input':
      return paramCount === 0 ? 'it takes no argument' : null;
    case 'changes-one-value':
      return shape === 'void' || shape === 'iterator' ? `${returns}: no value to change` : null;
    case 'drops-last-element':
    case 'reverses-order': {
      // A named type may hold arrays (only running tells); an object type written out shows whether it does.
      const arrays =
        shape === 'array' || (shape === 'other' && (!returnType.startsWith('{') || /\[|Array</.test(returnType)));
      return arrays ? null : `${returns}: no array in the result`;
    }
    default:
      return null;
  }
}

const DESCRIPTION: Record<BaselineKind, string> = {
  'returns-undefined': 'returns nothing',
  'returns-zeros': 'returns zeros',
  'returns-empty-array': 'returns an empty array',
  'returns-first-input': 'returns its first input unchanged',
  'returns-constant': "returns its first test's answer whatever the input",
  throws: 'throws',
  'changes-one-value': "changes one value of the reference's result",
  'drops-last-element': "drops the last element of the reference's result",
  'reverses-order': "reverses the order of the reference's result",
  'returns-previous-result': "returns the previous call's result",
};

export function describeBaseline(b: Pick<BaselineResult, 'entry' | 'kind'>): string {
  return `${b.entry} ${DESCRIPTION[b.kind]} (${b.kind})`;
}

/**
 * Generates and grades every null baseline of a problem (its built suite must exist). A baseline that cannot be
 * graded (a compile error in the generated program, a judge error) is reported as such, never thrown.
 */
export async function runNullBaselines(
  problem: LoadedProblem,
  esbuild: EsbuildApi,
  executor: Executor,
  opts: { parallel?: number; kinds?: readonly BaselineKind[] } = {},
): Promise<BaselineResult[]> {
  const tests = suiteTests(problem, 'all');
  const refSource = await readFile(path.join(problem.dir, 'solutions', 'accepted', 'reference.ts'), 'utf8');
  const ref = await transpile(esbuild, refSource);
  if (!ref.ok) throw new Error(`${problem.slug}/solutions/accepted/reference.ts does not compile`);

  const jobs: Array<() => Promise<BaselineResult>> = [];
  for (const e of problem.manifest.entries) {
    const sig = parseSignature(e.signature);
    const shape = returnShape(sig.returnType);
    const own = tests.filter((t) => t.input.fn === e.name);
    if (own.length === 0) continue; // reported by the caller: an entry no test calls
    const first = own.find((t) => !t.input.expectError) ?? (own[0] as GradableTest);
    let constantArgs: string | null;
    try {
      constantArgs = jsLiteral(materialiseArgs(problem, first.input));
    } catch {
      constantArgs = null; // the driver cannot build them on the host
    }
    for (const kind of opts.kinds ?? BASELINE_KINDS) {
      const base = { entry: e.name, kind };
      let reason = notApplicable(kind, shape, sig.params.length, sig.returnType);
      if (!reason && kind === 'returns-constant' && constantArgs === null)
        reason = `the arguments of test ${first.id} cannot be written as a constant`;
      if (!reason && kind === 'returns-constant' && (constantArgs?.length ?? 0) > MAX_CONSTANT_CHARS)
        reason = `the arguments of test ${first.id} are too large to write into a program`;
      if (reason) {
        jobs.push(async () => ({ ...base, status: 'not-applicable', reason }));
        continue;
      }
      const source = baselineSource(ref.value.js, problem.entries, e.name, kind, constantArgs);
      jobs.push(async () => {
        const { summary, results, compileError } = await gradeToEnd({
          source,
          problem,
          tests,
          esbuild,
          executor,
          reveal: 'all',
          digest: sha256,
          stopAfterLimit: true,
          stopAfterFailure: true,
        });
        if (compileError || summary.verdict === 'JE' || summary.verdict === 'CE') {
          const bad = results.find((r) => r.verdict === 'JE');
          return {
            ...base,
            status: 'judge-error',
            reason: `${summary.verdict}: ${compileError?.message ?? bad?.message ?? ''}`,
          };
        }
        const failed = results.find((r) => r.verdict !== 'AC');
        if (failed)
          return {
            ...base,
            status: 'caught',
            caughtBy: { id: failed.id ?? '', name: failed.name ?? '', verdict: failed.verdict },
          };
        if (results.some((r) => r.console?.includes(MARK)))
          return { ...base, status: 'passed', reason: `every test accepts it` };
        return {
          ...base,
          status: 'not-applicable',
          reason:
            kind === 'returns-previous-result'
              ? `every test calls ${e.name} once, and the judge restores the module between tests`
              : 'it never answered differently from the reference on any test',
          warn: kind !== 'returns-previous-result',
        };
      });
    }
  }
  return inParallel(jobs, opts.parallel ?? 2);
}
