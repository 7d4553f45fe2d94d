// Accepted, style: plain loops and arrays. Written without reading the reference, from the statement, starter and samples only, as a
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

function checkPositiveInt(v: number, name: string): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new Error(name + ' must be a positive integer');
  }
}

function checkPositiveFinite(v: number, name: string): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new Error(name + ' must be a finite number > 0');
  }
}

/** Tokens per second, training FLOPs per token, and model FLOPs utilisation of one training configuration. */
export function trainingThroughput(c: TrainConfig): { tokensPerSec: number; flopsPerToken: number; mfu: number } {
  checkPositiveInt(c.nParams, 'nParams');
  checkPositiveInt(c.nLayer, 'nLayer');
  checkPositiveInt(c.nHead, 'nHead');
  checkPositiveInt(c.headDim, 'headDim');
  checkPositiveInt(c.seqLen, 'seqLen');
  checkPositiveInt(c.microBatch, 'microBatch');
  let gradAccum = 1;
  if (c.gradAccum !== undefined) {
    checkPositiveInt(c.gradAccum, 'gradAccum');
    gradAccum = c.gradAccum;
  }
  checkPositiveInt(c.dataParallel, 'dataParallel');
  checkPositiveInt(c.numGPUs, 'numGPUs');
  if (c.numGPUs % c.dataParallel !== 0) {
    throw new Error('numGPUs must be a multiple of dataParallel');
  }
  checkPositiveFinite(c.stepTimeS, 'stepTimeS');
  checkPositiveFinite(c.peakFlopsPerGPU, 'peakFlopsPerGPU');
  let pad = 0;
  if (c.padFraction !== undefined) {
    const p = c.padFraction;
    if (typeof p !== 'number' || !(p >= 0 && p < 1)) {
      throw new Error('padFraction must be in [0, 1)');
    }
    pad = p;
  }

  const globalBatch = c.microBatch * gradAccum * c.dataParallel;
  const tokensPerSec = (globalBatch * c.seqLen * (1 - pad)) / c.stepTimeS;
  const flopsPerToken = 6 * c.nParams + 12 * c.nLayer * c.nHead * c.headDim * c.seqLen;
  const mfu = (flopsPerToken * tokensPerSec) / (c.numGPUs * c.peakFlopsPerGPU);
  return { tokensPerSec: tokensPerSec, flopsPerToken: flopsPerToken, mfu: mfu };
}
