// Hidden tests beyond edge.json.
//
// Random streams: prompts are built from a few token "families" (a family prefix of random length, sometimes cut
// at a block boundary, plus a short random suffix), so prompts share prefixes, hit cached blocks, and create
// duplicate hashes. Between allocations the stream frees live sequences and reads the free queue. A stream frees
// only sequences whose allocation succeeded, which the generator checks by running the reference on the ops so
// far, so no random stream throws.
//
// Scale group: the re-hit pattern of driver.ts (allocate a prompt of L tokens with B = 1 into N = 2L blocks, free
// it, allocate it again, read the queue) at total token counts n = 2L = 1250 … 10^4; the largest is the contract's
// large case (N = 10^4, a 5,000-token prompt).
import type { GeneratorCase, Rng, TestInput } from '../../harness/src/problem/authoring.ts';
import { simulateKVCache } from './solutions/accepted/reference.ts';

type Op = { op: 'allocate'; seq: string; tokens: number[] } | { op: 'free'; seq: string } | { op: 'freeQueue' };

interface StreamParams {
  kind: 'stream';
  maxBlocks: number;
  maxBlockSize: number;
  ops: number;
  families: number;
  /** Upper bound on a prompt's length, in blocks. */
  maxPromptBlocks: number;
  /** Token values: 'small' (0..9, so random suffixes collide too) or 'large' (anywhere in [0, 2^31)). */
  tokens: 'small' | 'large';
}

interface RehitParams {
  kind: 'rehit';
}

const stream = (name: string, seed: number, p: Omit<StreamParams, 'kind'>): GeneratorCase => ({
  name,
  seed,
  size: p.ops,
  params: { kind: 'stream', ...p },
});

export const cases: GeneratorCase[] = [
  stream('random stream N<=8, B<=2, 30 ops', 1, {
    maxBlocks: 8,
    maxBlockSize: 2,
    ops: 30,
    families: 2,
    maxPromptBlocks: 4,
    tokens: 'small',
  }),
  stream('random stream N<=8, B<=3, 40 ops', 2, {
    maxBlocks: 8,
    maxBlockSize: 3,
    ops: 40,
    families: 3,
    maxPromptBlocks: 3,
    tokens: 'small',
  }),
  stream('random stream N<=12, B=1, 40 ops', 3, {
    maxBlocks: 12,
    maxBlockSize: 1,
    ops: 40,
    families: 2,
    maxPromptBlocks: 6,
    tokens: 'small',
  }),
  stream('random stream N<=16, B<=4, 40 ops', 4, {
    maxBlocks: 16,
    maxBlockSize: 4,
    ops: 40,
    families: 3,
    maxPromptBlocks: 4,
    tokens: 'large',
  }),
  stream('random stream N<=16, B<=4, 40 ops, one family', 5, {
    maxBlocks: 16,
    maxBlockSize: 4,
    ops: 40,
    families: 1,
    maxPromptBlocks: 6,
    tokens: 'small',
  }),
  stream('random stream N<=6, B<=2, 40 ops (tight memory)', 6, {
    maxBlocks: 6,
    maxBlockSize: 2,
    ops: 40,
    families: 2,
    maxPromptBlocks: 4,
    tokens: 'small',
  }),
  stream('random stream N<=16, B<=4, 40 ops, four families', 7, {
    maxBlocks: 16,
    maxBlockSize: 4,
    ops: 40,
    families: 4,
    maxPromptBlocks: 5,
    tokens: 'large',
  }),
  stream('random stream N<=10, B<=3, 40 ops', 8, {
    maxBlocks: 10,
    maxBlockSize: 3,
    ops: 40,
    families: 2,
    maxPromptBlocks: 5,
    tokens: 'small',
  }),
  stream('random stream N<=16, B<=2, 40 ops', 9, {
    maxBlocks: 16,
    maxBlockSize: 2,
    ops: 40,
    families: 3,
    maxPromptBlocks: 8,
    tokens: 'small',
  }),
  stream('random stream N<=4, B<=4, 30 ops (very tight)', 10, {
    maxBlocks: 4,
    maxBlockSize: 4,
    ops: 30,
    families: 2,
    maxPromptBlocks: 3,
    tokens: 'small',
  }),
  stream('random stream N<=32, B<=8, 120 ops', 11, {
    maxBlocks: 32,
    maxBlockSize: 8,
    ops: 120,
    families: 3,
    maxPromptBlocks: 10,
    tokens: 'large',
  }),
  stream('random stream N<=64, B<=16, 200 ops', 12, {
    maxBlocks: 64,
    maxBlockSize: 16,
    ops: 200,
    families: 4,
    maxPromptBlocks: 16,
    tokens: 'large',
  }),
  stream('random stream N<=64, B<=4, 200 ops', 13, {
    maxBlocks: 64,
    maxBlockSize: 4,
    ops: 200,
    families: 3,
    maxPromptBlocks: 20,
    tokens: 'small',
  }),
  stream('random stream N<=48, B<=16, 200 ops, one family', 14, {
    maxBlocks: 48,
    maxBlockSize: 16,
    ops: 200,
    families: 1,
    maxPromptBlocks: 12,
    tokens: 'small',
  }),
  // Scale group: total tokens n = 2L.
  ...[1250, 2500, 5000, 10000].map((n, i) => ({
    name: `scale tokens=${n}`,
    seed: 100 + i,
    size: n,
    scale: true,
    params: { kind: 'rehit' },
  })),
];

function randomToken(rng: Rng, kind: StreamParams['tokens']): number {
  return kind === 'small' ? rng.int(0, 9) : rng.int(0, 2 ** 31 - 1);
}

function randomStream(rng: Rng, p: StreamParams): TestInput {
  const N = rng.int(Math.max(2, p.maxBlocks >> 1), p.maxBlocks);
  const B = rng.int(1, p.maxBlockSize);
  const familyLen = p.maxPromptBlocks * B;
  const families: number[][] = [];
  for (let f = 0; f < p.families; f++)
    families.push(Array.from({ length: familyLen }, () => randomToken(rng, p.tokens)));

  const ops: Op[] = [];
  const liveAfter = (): Set<string> => {
    // Replays the ops so far with the reference: a sequence is live if its last allocation returned a table and
    // it has not been freed since.
    const res = simulateKVCache(N, B, ops);
    const live = new Set<string>();
    ops.forEach((op, k) => {
      if (op.op === 'allocate' && res[k] !== null) live.add(op.seq);
      if (op.op === 'free') live.delete(op.seq);
    });
    return live;
  };
  let names = 0;
  const freed: string[] = [];
  while (ops.length < p.ops) {
    const live = [...liveAfter()];
    const r = rng.float();
    if (live.length > 0 && (r < 0.35 || live.length >= 6)) {
      const seq = rng.pick(live);
      ops.push({ op: 'free', seq });
      freed.push(seq);
    } else if (r < 0.45) {
      ops.push({ op: 'freeQueue' });
    } else {
      // Allocate: a family prefix (often cut at a block boundary) plus a short suffix.
      const fam = rng.pick(families);
      const cut = rng.float() < 0.5 ? B * rng.int(0, p.maxPromptBlocks) : rng.int(0, familyLen);
      const suffix = Array.from({ length: rng.int(cut === 0 ? 1 : 0, 2 * B) }, () => randomToken(rng, p.tokens));
      const tokens = [...fam.slice(0, cut), ...suffix];
      // Sometimes reuse the name of a freed sequence (allowed: it is not live any more).
      const reuse = freed.filter((s) => !live.includes(s));
      const seq = reuse.length > 0 && rng.float() < 0.2 ? rng.pick(reuse) : `s${names++}`;
      ops.push({ op: 'allocate', seq, tokens });
    }
  }
  if (ops[ops.length - 1]!.op !== 'freeQueue') ops[ops.length - 1] = { op: 'freeQueue' };
  return { fn: 'simulateKVCache', args: [N, B, ops] };
}

export function generate(c: GeneratorCase, rng: Rng): TestInput {
  const p = c.params as unknown as StreamParams | RehitParams;
  if (p.kind === 'rehit') {
    const L = c.size / 2;
    return {
      fn: 'simulateKVCache',
      spec: { kind: 'rehit', numBlocks: 2 * L, blockSize: 1, tokens: L, seed: rng.u32() },
    };
  }
  return randomStream(rng, p);
}
