// Asserts the input constraints of statement.md. Whether a stream is valid (every allocate of a sequence that is
// not live, every free of a live one) depends on which allocations return null, so that part is decided by
// running the reference: a test must throw in the reference iff it is marked expectError.
import type { TestInput } from '../../harness/src/problem/authoring.ts';
import { simulateKVCache } from './solutions/accepted/reference.ts';

const MAX_BLOCKS = 10_000;
const MAX_BLOCK_SIZE = 16;
const MAX_OPS = 200;
const MAX_TOKENS = 10_000;
const TOKEN_LIMIT = 2 ** 31;

function fail(msg: string): never {
  throw new Error(msg);
}

export function validate(input: TestInput, args: unknown[]): void {
  if (input.fn !== 'simulateKVCache') fail(`unknown entry ${input.fn}`);
  if (args.length !== 3) fail(`simulateKVCache takes (numBlocks, blockSize, ops), got ${args.length} arguments`);
  const [numBlocks, blockSize, ops] = args as [unknown, unknown, unknown];
  const badN = !(Number.isInteger(numBlocks) && (numBlocks as number) >= 1);
  const badB = !(Number.isInteger(blockSize) && (blockSize as number) >= 1);
  if (!badN && (numBlocks as number) > MAX_BLOCKS) fail(`numBlocks = ${String(numBlocks)} > ${MAX_BLOCKS}`);
  if (!badB && (blockSize as number) > MAX_BLOCK_SIZE) fail(`blockSize = ${String(blockSize)} > ${MAX_BLOCK_SIZE}`);
  if (typeof numBlocks !== 'number' || typeof blockSize !== 'number') fail('numBlocks and blockSize must be numbers');
  if (!Array.isArray(ops)) fail('ops must be an array');
  if (ops.length > MAX_OPS) fail(`${ops.length} ops > ${MAX_OPS}`);

  let totalTokens = 0;
  ops.forEach((op: unknown, k) => {
    if (op === null || typeof op !== 'object') fail(`ops[${k}] is not an object`);
    const o = op as Record<string, unknown>;
    const keys = Object.keys(o).sort().join(',');
    if (o.op === 'allocate') {
      if (keys !== 'op,seq,tokens') fail(`ops[${k}]: an allocate has exactly the fields op, seq, tokens`);
      if (typeof o.seq !== 'string') fail(`ops[${k}].seq is not a string`);
      if (!Array.isArray(o.tokens)) fail(`ops[${k}].tokens is not an array`);
      o.tokens.forEach((t: unknown, i) => {
        if (!Number.isInteger(t) || (t as number) < 0 || (t as number) >= TOKEN_LIMIT)
          fail(`ops[${k}].tokens[${i}] = ${String(t)} is not an integer in [0, 2^31)`);
      });
      totalTokens += o.tokens.length;
    } else if (o.op === 'free') {
      if (keys !== 'op,seq') fail(`ops[${k}]: a free has exactly the fields op, seq`);
      if (typeof o.seq !== 'string') fail(`ops[${k}].seq is not a string`);
    } else if (o.op === 'freeQueue') {
      if (keys !== 'op') fail(`ops[${k}]: a freeQueue has only the field op`);
    } else {
      fail(`ops[${k}].op = ${String(o.op)} is not allocate, free or freeQueue`);
    }
  });
  if (totalTokens > MAX_TOKENS) fail(`${totalTokens} tokens in all allocations > ${MAX_TOKENS}`);

  let threw: string | null = null;
  try {
    simulateKVCache(numBlocks, blockSize, ops as Parameters<typeof simulateKVCache>[2]);
  } catch (e) {
    threw = (e as Error).message;
  }
  if (input.expectError === true) {
    if (threw === null) fail('marked expectError, but the stream is valid (the reference does not throw)');
  } else if (threw !== null) {
    fail(`the stream is invalid: ${threw}`);
  }
}
