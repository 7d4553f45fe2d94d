// Asserts the input constraints of statement.md. Tests with expectError must break exactly the W ≥ 1 rule.
import type { TestInput } from '../../harness/src/problem/authoring.ts';

function int(name: string, v: unknown, lo: number, hi: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error(`${name} must be an integer, got ${String(v)}`);
  if (v < lo || v > hi) throw new Error(`${name} = ${v} is outside [${lo}, ${hi}]`);
  return v;
}

export function validate(input: TestInput, args: unknown[]): void {
  const bad = input.expectError === true;
  // W < 1 must be the only problem of an error test; otherwise 1 ≤ W ≤ hi
  const window = (v: unknown, hi: number): number => int('W', v, bad ? -1e9 : 1, bad ? 0 : hi);
  if (input.fn === 'swaMask' || input.fn === 'swaRanges') {
    if (args.length !== 3) throw new Error(`${input.fn} takes (nQ, nK, W), got ${args.length} arguments`);
    const maxK = input.fn === 'swaMask' ? 300 : 1000000;
    const nK = int('nK', args[1], 1, maxK);
    int('nQ', args[0], 1, input.fn === 'swaMask' ? nK : Math.min(nK, 50000));
    window(args[2], 1e9);
    if (input.fn === 'swaMask' && (args[0] as number) * nK > 100000) {
      throw new Error('swaMask tests are kept at nQ·nK ≤ 10^5 cells so outputs stay small');
    }
    return;
  }
  if (input.fn === 'rollingBuffer') {
    if (args.length !== 2) throw new Error(`rollingBuffer takes (W, numTokens), got ${args.length} arguments`);
    window(args[0], 30000);
    int('numTokens', args[1], 0, 2e9);
    return;
  }
  throw new Error(`unknown entry ${input.fn}`);
}
