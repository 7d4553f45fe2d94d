/**
 * Checkers are pure functions chosen by name with arguments. They run on the host, never in the sandbox: expected
 * outputs do not enter it. A checker that throws is a judge fault (JE), handled by the caller.
 */
import { JudgeError, ERROR_CODES } from '../errors.ts';
import type { CheckResult, CustomCheckInput } from '../problem/authoring.ts';
import { exactNumbers, firstMismatch, type Mismatch, type NumberComparer } from './diff.ts';

export interface CheckerSpec {
  name: 'exact' | 'float' | 'custom';
  args?: Record<string, unknown>;
}

export type CheckOutcome = { ok: true } | { ok: false; message: string; mismatch?: Mismatch };

export type CustomChecker = (c: CustomCheckInput) => CheckResult;

export interface FloatArgs {
  abs: number;
  rel: number;
  /** Where the expected value is exactly 0, the answer must be exactly 0 (a removed token stays removed). */
  exactZeros: boolean;
}

export function floatComparer({ abs, rel, exactZeros }: FloatArgs): NumberComparer {
  return (a, e) => {
    // Non-finite values compare by identity: NaN where -Infinity is expected is wrong.
    if (!Number.isFinite(e) || !Number.isFinite(a))
      return Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e)) ? null : 'different number';
    if (exactZeros && e === 0) return a === 0 ? null : 'expected exactly 0';
    const diff = Math.abs(a - e);
    return diff <= abs + rel * Math.abs(e)
      ? null
      : `differs by ${diff.toPrecision(3)} (tolerance ${abs} + ${rel}·|expected|)`;
  };
}

function describe(m: Mismatch): string {
  return `${m.path}: ${m.reason}`;
}

function numberArg(args: Record<string, unknown>, key: string, fallback: number): number {
  const v = args[key] ?? fallback;
  if (typeof v !== 'number' || !(v >= 0))
    throw new JudgeError(ERROR_CODES.PROBLEM_INVALID, `checker argument ${key} must be a number ≥ 0`);
  return v;
}

/** Builds a check function from a checker spec (validated once, when a problem is loaded). */
export function makeChecker(spec: CheckerSpec, custom?: CustomChecker): (c: CustomCheckInput) => CheckOutcome {
  const args = spec.args ?? {};
  switch (spec.name) {
    case 'exact':
      return ({ actual, expected }) => {
        const m = firstMismatch(actual, expected, exactNumbers);
        return m ? { ok: false, message: describe(m), mismatch: m } : { ok: true };
      };
    case 'float': {
      const cmp = floatComparer({
        abs: numberArg(args, 'abs', 1e-9),
        rel: numberArg(args, 'rel', 1e-9),
        exactZeros: args.exactZeros === true,
      });
      return ({ actual, expected }) => {
        const m = firstMismatch(actual, expected, cmp);
        return m ? { ok: false, message: describe(m), mismatch: m } : { ok: true };
      };
    }
    case 'custom': {
      if (!custom)
        throw new JudgeError(ERROR_CODES.PROBLEM_INVALID, 'checker "custom" needs a checker.ts exporting check()');
      return (c) => {
        const r = custom({ ...c, args });
        if (r === null || typeof r !== 'object' || typeof r.ok !== 'boolean') {
          throw new JudgeError(
            ERROR_CODES.PROBLEM_INVALID,
            'custom checker returned something other than { ok: boolean }',
          );
        }
        if (r.ok) return { ok: true };
        const path = r.path ?? 'out';
        return {
          ok: false,
          message: r.message,
          mismatch: { path, expected: undefined, actual: undefined, reason: r.message },
        };
      };
    }
    default:
      throw new JudgeError(
        ERROR_CODES.CHECKER_UNKNOWN,
        `unknown checker "${String((spec as { name: unknown }).name)}"`,
      );
  }
}
