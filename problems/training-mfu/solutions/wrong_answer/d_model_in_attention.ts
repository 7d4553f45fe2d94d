// WRONG: uses d_model = H·Q where the attention term has the head dimension Q (12·L·H·d_model·T). Caught by the
// first sample: the attention term is 12× too large.
export function trainingThroughput(c: any) {
  const accum = c.gradAccum ?? 1;
  const pad = c.padFraction ?? 0;
  for (const k of ['nParams', 'nLayer', 'nHead', 'headDim', 'seqLen', 'microBatch', 'dataParallel', 'numGPUs']) {
    if (!Number.isInteger(c[k]) || c[k] < 1) throw new Error(k);
  }
  if (!Number.isInteger(accum) || accum < 1) throw new Error('gradAccum');
  if (c.numGPUs % c.dataParallel !== 0) throw new Error('numGPUs');
  if (!(c.stepTimeS > 0 && Number.isFinite(c.stepTimeS))) throw new Error('stepTimeS');
  if (!(c.peakFlopsPerGPU > 0 && Number.isFinite(c.peakFlopsPerGPU))) throw new Error('peak');
  if (!(pad >= 0 && pad < 1)) throw new Error('padFraction');
  const tokensPerSec = (c.microBatch * accum * c.dataParallel * c.seqLen * (1 - pad)) / c.stepTimeS;
  const flopsPerToken = 6 * c.nParams + 12 * c.nLayer * c.nHead * (c.nHead * c.headDim) * c.seqLen;
  return { tokensPerSec, flopsPerToken, mfu: (flopsPerToken * tokensPerSec) / (c.numGPUs * c.peakFlopsPerGPU) };
}
