/**
 * Input constraints of k-way-token-merge, checked on the materialised arguments from driver.ts `buildArgs`:
 * `[shardData, consume]` or `[shardData, batchSize, consume]` (see driver.ts).
 *
 * - k ≤ 10^4 shards, N ≤ 10^4 records in the finite shards;
 * - records: integer ts with |ts| ≤ 2^53 − 1, integer seq strictly increasing within a shard, string payload;
 * - every shard sorted by ts, except in an error test that is about an unsorted shard;
 * - batchSize an integer ≥ 1, except in an error test that is about batchSize;
 * - an error test has exactly one reason to throw;
 * - `take` is null or a positive integer, and required when a shard is infinite; infinite shards stay in range
 *   for every record the consumer can reach; with an infinite shard the consumer reads at most 1000 records.
 */
import type { TestInput } from '../../harness/src/problem/authoring.ts';
import { infiniteTs, type Consume, type ShardData } from './driver.ts';

const MAX_K = 10_000;
const MAX_N = 10_000;
/** With an infinite shard, the most records the consumer reads (take·batchSize). */
const MAX_READ = 1000;
const MAX_TS = Number.MAX_SAFE_INTEGER;

function fail(message: string): never {
  throw new Error(message);
}

function isTs(x: unknown): x is number {
  return Number.isInteger(x) && Math.abs(x as number) <= MAX_TS;
}

export function validate(input: TestInput, args: unknown[]): void {
  if (input.fn !== 'mergeShards' && input.fn !== 'mergeShardsBatched') fail(`unknown entry ${input.fn}`);
  if (input.spec === undefined) fail('every test of this problem is given by a spec (driver.ts builds the shards)');
  const batched = input.fn === 'mergeShardsBatched';
  if (args.length !== (batched ? 3 : 2)) fail(`expected ${batched ? 3 : 2} built arguments, got ${args.length}`);
  const shards = args[0] as ShardData[];
  const consume = args[batched ? 2 : 1] as Consume;
  const batchSize = batched ? args[1] : 1;
  if (!Array.isArray(shards)) fail('shards must be an array');
  const k = shards.length;
  if (k > MAX_K) fail(`k = ${k} > ${MAX_K}`);

  const take = consume.take;
  if (take !== null && !(Number.isInteger(take) && take >= 1))
    fail(`take must be null or an integer >= 1, got ${take}`);
  const batchOk = Number.isInteger(batchSize) && (batchSize as number) >= 1;

  let total = 0;
  let unsorted = 0;
  shards.forEach((shard, s) => {
    if (Array.isArray(shard)) {
      total += shard.length;
      shard.forEach((r, i) => {
        if (typeof r !== 'object' || r === null) fail(`shard ${s} record ${i} is not an object`);
        if (!isTs(r.ts)) fail(`shard ${s} record ${i}: ts ${r.ts} is not an integer with |ts| <= 2^53 - 1`);
        if (!Number.isSafeInteger(r.seq)) fail(`shard ${s} record ${i}: seq ${r.seq} is not an integer`);
        if (typeof r.payload !== 'string') fail(`shard ${s} record ${i}: payload is not a string`);
        if (i > 0) {
          const prev = shard[i - 1]!;
          if (r.seq <= prev.seq) fail(`shard ${s} record ${i}: seq ${r.seq} does not increase`);
          if (r.ts < prev.ts) unsorted++;
        }
      });
    } else {
      const inf = shard.infinite;
      if (!isTs(inf.start) || !Number.isSafeInteger(inf.step) || inf.step < 0) fail(`shard ${s}: bad infinite shard`);
      if (inf.repeat !== undefined && !(Number.isSafeInteger(inf.repeat) && inf.repeat >= 1))
        fail(`shard ${s}: bad repeat`);
      if (inf.prefix !== undefined && typeof inf.prefix !== 'string') fail(`shard ${s}: bad prefix`);
      if (take === null) fail(`shard ${s} is infinite but the test drains the stream (no take)`);
      if (!batchOk) fail(`shard ${s} is infinite but batchSize is invalid`);
      if (take * (batchSize as number) > MAX_READ)
        fail(
          `the consumer reads up to ${take * (batchSize as number)} records of an infinite stream; at most ${MAX_READ}`,
        );
      // The consumer reads at most take·batchSize records; at most k more can be pulled.
      const reach = take * (batchSize as number) + k + 1;
      if (!isTs(infiniteTs(inf, reach))) fail(`shard ${s}: ts leaves the allowed range within ${reach} records`);
    }
  });
  if (total > MAX_N) fail(`N = ${total} > ${MAX_N}`);

  const reasons = (unsorted > 0 ? 1 : 0) + (batched && !batchOk ? 1 : 0);
  if (input.expectError === true) {
    if (reasons !== 1)
      fail(`an error test needs exactly one reason to throw (unsorted shards: ${unsorted}, batchSize ok: ${batchOk})`);
    if (unsorted > 1) fail('an unsorted-shard test should have exactly one out-of-order record');
  } else if (reasons !== 0) {
    fail(unsorted > 0 ? 'a shard is not sorted by ts' : `batchSize must be an integer >= 1, got ${String(batchSize)}`);
  }
}
