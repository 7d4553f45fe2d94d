// WRONG: Kaplan et al.'s forward count 2·L·T·d tripled, 6·L·T·d_model, instead of PaLM's 12·L·H·Q·T (half the
// attention FLOPs). Caught by the first sample: flopsPerToken 798543360.
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
  const flopsPerToken = 6 * c.nParams + 6 * c.nLayer * c.seqLen * c.nHead * c.headDim;
  return { tokensPerSec, flopsPerToken, mfu: (flopsPerToken * tokensPerSec) / (c.numGPUs * c.peakFlopsPerGPU) };
}
