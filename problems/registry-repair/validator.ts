// Asserts the registry-repair input constraints on the materialised arguments (spec inputs included).

import type { TestInput } from '../../harness/src/problem/authoring.ts';

const MAX_RECORDS = 16_000;
const MAX_EDGES = 16_000;
const TOKEN = /^[\x21-\x7e]{1,64}$/; // 1..64 printable ASCII characters, no spaces
const VERSION = /^(0|[1-9][0-9]{0,9})\.(0|[1-9][0-9]{0,9})\.(0|[1-9][0-9]{0,9})$/;

function fail(message: string): never {
  throw new Error(message);
}

export function validate(input: TestInput, args: unknown[]): void {
  if (input.fn !== 'repairRegistry') fail(`unknown entry ${input.fn}`);
  if (args.length !== 2) fail(`expected 2 arguments, got ${args.length}`);
  const [records, sameAs] = args;
  if (!Array.isArray(records)) fail('records must be an array');
  if (!Array.isArray(sameAs)) fail('sameAs must be an array');
  if (records.length > MAX_RECORDS) fail(`n = ${records.length} > ${MAX_RECORDS}`);
  if (sameAs.length > MAX_EDGES) fail(`${sameAs.length} edges > ${MAX_EDGES}`);

  const seen = new Set<string>();
  let duplicate: string | undefined;
  records.forEach((r: unknown, i: number) => {
    if (typeof r !== 'object' || r === null) fail(`records[${i}] is not an object`);
    const keys = Object.keys(r).sort().join(',');
    if (keys !== 'checksum,id,version') fail(`records[${i}] has keys ${keys}, expected id, version, checksum`);
    const { id, version, checksum } = r as Record<string, unknown>;
    if (typeof id !== 'string' || !TOKEN.test(id))
      fail(`records[${i}].id ${JSON.stringify(id)} is not 1..64 printable ASCII`);
    if (typeof checksum !== 'string' || !TOKEN.test(checksum))
      fail(`records[${i}].checksum is not 1..64 printable ASCII`);
    const m = typeof version === 'string' ? VERSION.exec(version) : null;
    if (m === null)
      fail(`records[${i}].version ${JSON.stringify(version)} is not MAJOR.MINOR.PATCH without leading zeros`);
    for (let k = 1; k <= 3; k++) if (Number(m[k]) > 1e9) fail(`records[${i}].version ${version}: component > 10^9`);
    if (seen.has(id)) duplicate ??= id;
    seen.add(id);
  });

  sameAs.forEach((e: unknown, j: number) => {
    if (!Array.isArray(e) || e.length !== 2) fail(`sameAs[${j}] is not a pair`);
    for (const x of e)
      if (typeof x !== 'string' || !TOKEN.test(x))
        fail(`sameAs[${j}] endpoint ${JSON.stringify(x)} is not 1..64 printable ASCII`);
  });

  if (input.expectError === true) {
    if (duplicate === undefined) fail('expectError test without a duplicate id: nothing should throw');
  } else if (duplicate !== undefined) {
    fail(`duplicate id ${JSON.stringify(duplicate)} in a test that does not expect an error`);
  }
}
