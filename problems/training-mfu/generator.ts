// Hidden tests beyond edge.json: random realistic configurations up to 70B parameters, and the scale group.
// The problem is O(1), so the scale group only confirms that the cost does not grow with the sequence length
// (its `size` is seqLen); every test costs well under one step.
import type { GeneratorCase, Rng, TestInput } from '../../harness/src/problem/authoring.ts';

interface Params {
  /** 'random': a model shape and parallel layout drawn from the rng; 'scale': a fixed 7B layout at seqLen = size */
  kind: 'random' | 'scale';
  /** largest hidden width (heads · headDim) of a random model */
  maxWidth?: number;
}

export const cases: GeneratorCase[] = [
  { name: 'random small model on one node', seed: 11, size: 1, params: { kind: 'random', maxWidth: 1024 } },
  { name: 'random 1B-class model', seed: 12, size: 1, params: { kind: 'random', maxWidth: 2048 } },
  { name: 'random 7B-class model', seed: 13, size: 1, params: { kind: 'random', maxWidth: 4096 } },
  { name: 'random 13B-class model', seed: 14, size: 1, params: { kind: 'random', maxWidth: 5120 } },
  { name: 'random 30B-class model', seed: 15, size: 1, params: { kind: 'random', maxWidth: 6656 } },
  { name: 'random 70B-class model', seed: 16, size: 1, params: { kind: 'random', maxWidth: 8192 } },
  { name: 'scale seqLen=16384', seed: 21, size: 16384, scale: true, params: { kind: 'scale' } },
  { name: 'scale seqLen=32768', seed: 22, size: 32768, scale: true, params: { kind: 'scale' } },
  { name: 'scale seqLen=65536', seed: 23, size: 65536, scale: true, params: { kind: 'scale' } },
  { name: 'scale seqLen=131072', seed: 24, size: 131072, scale: true, params: { kind: 'scale' } },
];

const HEAD_DIMS = [64, 80, 96, 128];
const PEAKS = [125e12, 275e12, 312e12, 459e12, 989e12, 1307.4e12];
const SEQ_LENS = [512, 1024, 2048, 4096, 8192];

function randomConfig(rng: Rng, maxWidth: number): Record<string, number> {
  const headDim = rng.pick(HEAD_DIMS);
  const nHead = rng.int(Math.max(1, Math.floor(maxWidth / headDim / 2)), Math.floor(maxWidth / headDim));
  const d = nHead * headDim;
  const nLayer = rng.int(Math.max(2, Math.floor(maxWidth / 128)), Math.max(4, Math.floor(maxWidth / 100)));
  const vocab = rng.int(30000, 130000);
  const nParams = 12 * nLayer * d * d + vocab * d + rng.int(0, 1000) * d; // GPT-style count, plus norms and biases
  const tp = d >= 4096 ? rng.pick([2, 4, 8]) : rng.pick([1, 1, 2]);
  const pp = d >= 6144 ? rng.pick([1, 2, 4]) : 1;
  const dataParallel = rng.int(1, 64);
  const c: Record<string, number> = {
    nParams,
    nLayer,
    nHead,
    headDim,
    seqLen: rng.pick(SEQ_LENS),
    microBatch: rng.int(1, 16),
    dataParallel,
    numGPUs: dataParallel * tp * pp,
    // step time and pad fraction are arbitrary doubles: the answer is then not an integer
    stepTimeS: 0.05 + rng.float() * 30,
    peakFlopsPerGPU: rng.pick(PEAKS),
  };
  if (rng.float() < 0.7) c.gradAccum = rng.int(1, 32);
  if (rng.float() < 0.6) c.padFraction = rng.float() * 0.5;
  return c;
}

export function generate(c: GeneratorCase, rng: Rng): TestInput {
  const p = c.params as unknown as Params;
  if (p.kind === 'scale') {
    const config = {
      nParams: 6_738_415_616,
      nLayer: 32,
      nHead: 32,
      headDim: 128,
      seqLen: c.size,
      microBatch: 1,
      gradAccum: 4,
      dataParallel: 16,
      numGPUs: 128,
      stepTimeS: 2 + c.size / 8192,
      peakFlopsPerGPU: 989e12,
      padFraction: 0.05,
    };
    return { fn: 'trainingThroughput', args: [config] };
  }
  return { fn: 'trainingThroughput', args: [randomConfig(rng, p.maxWidth ?? 4096)] };
}
