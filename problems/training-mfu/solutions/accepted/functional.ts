// Accepted: functional style: destructuring with defaults, arrays of checks filtered and reduced.
type Config = {
  nParams: number; nLayer: number; nHead: number; headDim: number; seqLen: number;
  microBatch: number; gradAccum?: number; dataParallel: number; numGPUs: number;
  stepTimeS: number; peakFlopsPerGPU: number; padFraction?: number;
};

const isCount = (v: number) => Number.isInteger(v) && v > 0;
const isPositiveFinite = (v: number) => Number.isFinite(v) && v > 0;
const product = (xs: number[]) => xs.reduce((a, b) => a * b, 1);

export const trainingThroughput = (c: Config) => {
  const { nParams, nLayer, nHead, headDim, seqLen, microBatch, gradAccum = 1, dataParallel, numGPUs,
    stepTimeS, peakFlopsPerGPU, padFraction = 0 } = c;
  const problems = [
    ...Object.entries({ nParams, nLayer, nHead, headDim, seqLen, microBatch, gradAccum, dataParallel, numGPUs })
      .filter(([, v]) => !isCount(v))
      .map(([k]) => `${k} is not a positive integer`),
    ...(isCount(numGPUs) && isCount(dataParallel) && numGPUs % dataParallel !== 0 ? ['numGPUs % dataParallel != 0'] : []),
    ...[['stepTimeS', stepTimeS], ['peakFlopsPerGPU', peakFlopsPerGPU]]
      .filter(([, v]) => !isPositiveFinite(v as number))
      .map(([k]) => `${k} must be finite and > 0`),
    ...(padFraction >= 0 && padFraction < 1 ? [] : ['padFraction must be in [0, 1)']),
  ];
  if (problems.length > 0) throw new Error(problems.join('; '));

  const tokensPerSec = (product([microBatch, gradAccum, dataParallel, seqLen]) * (1 - padFraction)) / stepTimeS;
  const flopsPerToken = 6 * nParams + product([12, nLayer, nHead, headDim, seqLen]);
  const mfu = (flopsPerToken * tokensPerSec) / (numGPUs * peakFlopsPerGPU);
  return { tokensPerSec, flopsPerToken, mfu };
};
