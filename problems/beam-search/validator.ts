/**
 * Input constraints of beam-search, checked on the arguments built by driver.ts `buildArgs`:
 * `[stepSpec, numBeams, maxNewTokens, eos, alpha]`.
 *
 * - step: a table (prefixes of token ids in [0, V) without eos; rows and the default row of V finite numbers) or a
 *   seeded hash `{ seed, V, kind: "real" | "int", bias? }`; 1 ≤ V ≤ 200;
 * - numBeams an integer in 1..8, maxNewTokens an integer in 1..64, numBeams·V ≤ 800, eos an integer in [0, V),
 *   alpha one of 0, 1, 2, −1, 0.5, 1.3 (integer alphas only with "int" rows, so that their ties are exact);
 * - an error test breaks exactly one of the four argument rules, and its other arguments are valid.
 */
import type { TestInput } from '../../harness/src/problem/authoring.ts';
import { vocabSize, type StepSpec } from './driver.ts';

const ALPHAS = [0, 1, 2, -1, 0.5, 1.3];

function fail(message: string): never {
  throw new Error(message);
}

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);

function checkRow(row: unknown, V: number, what: string): void {
  if (!Array.isArray(row) || row.length !== V) fail(`${what} must be an array of V = ${V} numbers`);
  row.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${what}[${i}] = ${String(x)} is not a finite number`);
  });
}

function checkStep(s: StepSpec, eos: number | null): number {
  const V = vocabSize(s);
  if (!isInt(V) || V < 1 || V > 200) fail(`V = ${String(V)} is outside 1..200`);
  if ('table' in s) {
    checkRow(s.default, V, 'the default row');
    const seen = new Set<string>();
    s.table.forEach(([prefix, row], i) => {
      if (!Array.isArray(prefix)) fail(`table entry ${i}: the prefix is not an array`);
      prefix.forEach((x) => {
        if (!isInt(x) || x < 0 || x >= V) fail(`table entry ${i}: prefix token ${String(x)} is not in [0, ${V})`);
        if (eos !== null && x === eos) fail(`table entry ${i}: a prefix never contains eos`);
      });
      const key = prefix.join(',');
      if (seen.has(key)) fail(`table entry ${i}: prefix [${key}] is listed twice`);
      seen.add(key);
      checkRow(row, V, `table entry ${i} row`);
    });
  } else {
    if (!isInt(s.seed) || s.seed < 0 || s.seed > 0xffffffff)
      fail(`seed ${String(s.seed)} is not a 32-bit unsigned integer`);
    if (s.kind !== 'real' && s.kind !== 'int') fail(`kind ${String(s.kind)} is not "real" or "int"`);
    if (s.bias !== undefined) {
      const [tok, b] = s.bias;
      if (!isInt(tok) || tok < 0 || tok >= V) fail(`bias token ${String(tok)} is not in [0, ${V})`);
      if (!(typeof b === 'number' && Number.isFinite(b) && Math.abs(b) <= 100))
        fail(`bias ${String(b)} must be finite, |b| <= 100`);
      if (s.kind === 'int' && !Number.isInteger(b)) fail('an "int" step takes an integer bias');
    }
  }
  return V;
}

export function validate(input: TestInput, args: unknown[]): void {
  if (input.fn !== 'beamSearch') fail(`unknown entry ${input.fn}`);
  if (input.spec === undefined) fail('every beam-search test is a spec (driver.ts builds step)');
  if (args.length !== 5) fail(`expected 5 built arguments, got ${args.length}`);
  const [step, numBeams, maxNewTokens, eos, alpha] = args as [StepSpec, unknown, unknown, unknown, unknown];

  const eosOk = isInt(eos) && eos >= 0;
  const V = checkStep(step, eosOk ? eos : null);
  const broken: string[] = [];
  if (!(isInt(numBeams) && numBeams >= 1)) broken.push('numBeams');
  if (!(isInt(maxNewTokens) && maxNewTokens >= 1)) broken.push('maxNewTokens');
  if (!eosOk) broken.push('eos');
  if (!(typeof alpha === 'number' && Number.isFinite(alpha))) broken.push('alpha');

  if (input.expectError === true) {
    if (broken.length !== 1)
      fail(`an error test must break exactly one argument rule, this one breaks [${broken.join(', ')}]`);
  } else if (broken.length > 0) {
    fail(`invalid ${broken.join(', ')}`);
  }
  // Ranges of the valid arguments (every argument of a normal test; the unbroken ones of an error test).
  if (!broken.includes('numBeams') && (numBeams as number) > 8) fail(`numBeams = ${String(numBeams)} > 8`);
  if (!broken.includes('maxNewTokens') && (maxNewTokens as number) > 64)
    fail(`maxNewTokens = ${String(maxNewTokens)} > 64`);
  if (!broken.includes('eos') && (eos as number) >= V) fail(`eos = ${String(eos)} is not < V = ${V}`);
  if (!broken.includes('numBeams') && (numBeams as number) * V > 800)
    fail(`numBeams·V = ${(numBeams as number) * V} > 800`);
  if (!broken.includes('alpha')) {
    if (!ALPHAS.includes(alpha as number)) fail(`alpha = ${String(alpha)} is not one of ${ALPHAS.join(', ')}`);
    if (!('table' in step) && step.kind === 'int' && !Number.isInteger(alpha))
      fail('"int" rows are used with integer alphas only');
  }
}
