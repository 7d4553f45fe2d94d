// Asserts the input constraints of statement.md. An expectError test must break exactly one rule that the
// statement says throws (x empty or of odd length, or an unknown style) and respect every other constraint.
import type { TestInput } from '../../harness/src/problem/authoring.ts';

const BASES = [10, 100, 1e4, 5e5, 1e6];

function fail(msg: string): never {
  throw new Error(msg);
}

export function validate(input: TestInput, args: unknown[]): void {
  if (input.fn !== 'rope') fail(`unknown entry ${input.fn}`);
  if (args.length !== 4) fail(`rope takes (x, pos, base, style), got ${args.length} arguments`);
  const [x, pos, base, style] = args as [unknown, unknown, unknown, unknown];
  if (!Array.isArray(x)) fail('x must be an array');
  const d = x.length;
  if (d > 4096) fail(`d = ${d} > 4096`);
  x.forEach((v, j) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > 1)
      fail(`x[${j}] = ${String(v)}: must be finite with |x| <= 1`);
  });
  if (typeof pos !== 'number' || !(pos >= 0 && pos <= 1e6)) fail(`pos = ${String(pos)}: must be in [0, 1e6]`);
  if (typeof base !== 'number' || !BASES.includes(base)) fail(`base = ${String(base)}: tests use ${BASES.join(', ')}`);

  const badLength = d === 0 || d % 2 !== 0;
  const badStyle = style !== 'interleaved' && style !== 'half';
  const reasons = (badLength ? 1 : 0) + (badStyle ? 1 : 0);
  if (input.expectError === true) {
    if (reasons !== 1)
      fail(`an error test needs exactly one reason to throw (bad length: ${badLength}, bad style: ${badStyle})`);
  } else if (badLength) {
    fail(`d = ${d}: x must have a positive even length`);
  } else if (badStyle) {
    fail(`style = ${JSON.stringify(style)}: must be "interleaved" or "half"`);
  }
}
