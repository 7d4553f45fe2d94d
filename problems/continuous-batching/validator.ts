// Asserts the input constraints of statement.md on the materialised arguments [requests, maxBatch, maxKV].
// A normal test satisfies all of them; an error test (expectError) must break at least one rule that throws,
// and is otherwise well formed.
import type { TestInput } from '../../harness/src/problem/authoring.ts';

const MAX_N = 5000;
const FIELDS = ['id', 'arrival', 'prompt', 'output'] as const;

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

export function validate(input: TestInput, args: unknown[]): void {
  if (input.fn !== 'schedule') throw new Error(`unknown entry ${input.fn}`);
  if (args.length !== 3) throw new Error(`schedule takes (requests, maxBatch, maxKV), got ${args.length} arguments`);
  const [requests, maxBatch, maxKV] = args as [unknown, unknown, unknown];
  if (!Array.isArray(requests)) throw new Error('requests must be an array');
  if (requests.length > MAX_N) throw new Error(`n = ${requests.length} > ${MAX_N}`);

  const why: string[] = [];
  if (!isInt(maxBatch)) throw new Error(`maxBatch must be an integer, got ${String(maxBatch)}`);
  if (!isInt(maxKV)) throw new Error(`maxKV must be an integer, got ${String(maxKV)}`);
  if (maxBatch < 1) why.push(`maxBatch = ${maxBatch} < 1`);
  else if (maxBatch > 1e5) throw new Error(`maxBatch = ${maxBatch} > 10^5`);
  if (maxKV < 1) why.push(`maxKV = ${maxKV} < 1`);
  else if (maxKV > 2e9) throw new Error(`maxKV = ${maxKV} > 2·10^9`);

  const ids = new Set<number>();
  requests.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new Error(`requests[${i}] is not an object`);
    const keys = Object.keys(r).sort().join(',');
    if (keys !== 'arrival,id,output,prompt')
      throw new Error(`requests[${i}] has fields ${keys}, expected id, arrival, prompt, output`);
    const q = r as Record<(typeof FIELDS)[number], unknown>;
    for (const k of FIELDS) if (typeof q[k] !== 'number') throw new Error(`requests[${i}].${k} is not a number`);
    const { id, arrival, prompt, output } = q as Record<(typeof FIELDS)[number], number>;
    if (!isInt(id)) why.push(`requests[${i}].id = ${id} is not an integer`);
    else if (id < 0 || id > 1e9) throw new Error(`requests[${i}].id = ${id} is outside the tested range [0, 10^9]`);
    else if (ids.has(id)) why.push(`duplicate id ${id}`);
    else ids.add(id);
    if (!isInt(arrival) || arrival < 0 || arrival > 1e9)
      why.push(`requests[${i}].arrival = ${arrival} is not an integer in [0, 10^9]`);
    if (!isInt(prompt) || prompt < 1 || prompt > 1e9)
      why.push(`requests[${i}].prompt = ${prompt} is not an integer in [1, 10^9]`);
    if (!isInt(output) || output < 1 || output > 1e9)
      why.push(`requests[${i}].output = ${output} is not an integer in [1, 10^9]`);
    if (prompt + output > maxKV)
      why.push(`requests[${i}] needs prompt + output = ${prompt + output} > maxKV = ${maxKV}`);
  });

  if (input.expectError === true) {
    if (why.length === 0) throw new Error('an error test must break a rule that throws');
  } else if (why.length > 0) {
    throw new Error(why.slice(0, 3).join('; '));
  }
}
