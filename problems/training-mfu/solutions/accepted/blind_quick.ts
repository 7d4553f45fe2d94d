// Accepted, style: written in 30 minutes: map/filter/sort/spread, export const, built-ins where handy. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
export interface TrainConfig {
  nParams: number;
  nLayer: number;
  nHead: number;
  headDim: number;
  seqLen: number;
  microBatch: number;
  gradAccum?: number;
  dataParallel: number;
  numGPUs: number;
  stepTimeS: number;
  peakFlopsPerGPU: number;
  padFraction?: number;
}

const posInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;

export const trainingThroughput = (c: TrainConfig) => {
  const { gradAccum = 1, padFraction = 0 } = c;
  const ints = [c.nParams, c.nLayer, c.nHead, c.headDim, c.seqLen, c.microBatch, gradAccum, c.dataParallel, c.numGPUs];
  if (!ints.every(posInt)) throw new Error('expected positive integers');
  if (c.numGPUs % c.dataParallel !== 0) throw new Error('numGPUs not a multiple of dataParallel');
  if (![c.stepTimeS, c.peakFlopsPerGPU].every((v) => Number.isFinite(v) && v > 0)) throw new Error('bad time/peak');
  if (!(padFraction >= 0 && padFraction < 1)) throw new Error('bad padFraction');

  const globalBatch = c.microBatch * gradAccum * c.dataParallel;
  const tokensPerSec = (globalBatch * c.seqLen * (1 - padFraction)) / c.stepTimeS;
  const flopsPerToken = 6 * c.nParams + 12 * c.nLayer * c.nHead * c.headDim * c.seqLen;
  const mfu = (flopsPerToken * tokensPerSec) / (c.numGPUs * c.peakFlopsPerGPU);
  return { tokensPerSec, flopsPerToken, mfu };
};
