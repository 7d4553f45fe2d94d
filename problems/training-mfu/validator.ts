// Asserts the input constraints of statement.md. A normal test has every field in range; an error test
// (expectError) must break at least one rule the statement says throws, with every other field well formed.
import type { TestInput } from '../../harness/src/problem/authoring.ts';

const COUNTS: Array<[string, number]> = [
  ['nParams', 1e12],
  ['nLayer', 128],
  ['nHead', 128],
  ['headDim', 256],
  ['seqLen', 131072],
  ['microBatch', 64],
  ['gradAccum', 64],
  ['dataParallel', 512],
  ['numGPUs', 8192],
];
const KNOWN = new Set([...COUNTS.map(([k]) => k), 'stepTimeS', 'peakFlopsPerGPU', 'padFraction']);
const OPTIONAL = new Set(['gradAccum', 'padFraction']);

/** The reasons this config must throw (empty for a valid one). Throws if a field is out of the tested range. */
function violations(c: Record<string, unknown>): string[] {
  const why: string[] = [];
  for (const [k, max] of COUNTS) {
    const v = c[k];
    if (v === undefined && OPTIONAL.has(k)) continue;
    if (typeof v !== 'number') throw new Error(`${k} must be a number, got ${typeof v}`);
    if (!Number.isInteger(v) || v < 1) why.push(`${k} = ${v} is not a positive integer`);
    else if (v > max) throw new Error(`${k} = ${v} exceeds the tested range ${max}`);
  }
  const dp = c.dataParallel as number;
  const gpus = c.numGPUs as number;
  if (Number.isInteger(dp) && dp >= 1 && Number.isInteger(gpus) && gpus >= 1 && gpus % dp !== 0) {
    why.push(`numGPUs = ${gpus} is not a multiple of dataParallel = ${dp}`);
  }
  for (const [k, lo, hi] of [
    ['stepTimeS', 0.01, 40],
    ['peakFlopsPerGPU', 1, 2e15],
  ] as const) {
    const v = c[k];
    if (typeof v !== 'number') throw new Error(`${k} must be a number, got ${typeof v}`);
    if (!(Number.isFinite(v) && v > 0)) why.push(`${k} = ${v} is not finite and > 0`);
    else if (v < lo || v > hi) throw new Error(`${k} = ${v} is outside the tested range [${lo}, ${hi}]`);
  }
  const pad = c.padFraction;
  if (pad !== undefined) {
    if (typeof pad !== 'number') throw new Error(`padFraction must be a number, got ${typeof pad}`);
    if (!(pad >= 0 && pad < 1)) why.push(`padFraction = ${pad} is outside [0, 1)`);
  }
  return why;
}

export function validate(input: TestInput, args: unknown[]): void {
  if (input.fn !== 'trainingThroughput') throw new Error(`unknown entry ${input.fn}`);
  if (args.length !== 1) throw new Error(`trainingThroughput takes one config object, got ${args.length} arguments`);
  const c = args[0];
  if (c === null || typeof c !== 'object' || Array.isArray(c)) throw new Error('the config must be an object');
  for (const k of Object.keys(c)) if (!KNOWN.has(k)) throw new Error(`unknown config field ${k}`);
  const why = violations(c as Record<string, unknown>);
  if (input.expectError === true) {
    if (why.length === 0) throw new Error('an error test must break a rule that throws');
  } else if (why.length > 0) {
    throw new Error(why.join('; '));
  }
}
