// WRONG: no validation at all: computes on any input. Caught by the first error test, the sample "numGPUs not a
// multiple of dataParallel throws".
export function trainingThroughput(c: any) {
  const accum = c.gradAccum ?? 1;
  const pad = c.padFraction ?? 0;
  const tokensPerSec = (c.microBatch * accum * c.dataParallel * c.seqLen * (1 - pad)) / c.stepTimeS;
  const flopsPerToken = 6 * c.nParams + 12 * c.nLayer * c.nHead * c.headDim * c.seqLen;
  return { tokensPerSec, flopsPerToken, mfu: (flopsPerToken * tokensPerSec) / (c.numGPUs * c.peakFlopsPerGPU) };
}
