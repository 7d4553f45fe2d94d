// TLE: simulates an optimizer step to count its tokens: for every replica, every accumulation micro-step and
// every sequence of the micro-batch, adds that sequence's real tokens. Correct, but O(microBatch · gradAccum ·
// dataParallel) instead of O(1): the hidden test "largest global batch: 64 · 64 · 512 sequences" runs 2,097,152
// iterations of an interpreted loop.
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

  const realTokensPerSequence = c.seqLen * (1 - pad);
  let tokensPerStep = 0;
  for (let replica = 0; replica < c.dataParallel; replica++) {
    for (let micro = 0; micro < accum; micro++) {
      for (let s = 0; s < c.microBatch; s++) tokensPerStep += realTokensPerSequence;
    }
  }
  const tokensPerSec = tokensPerStep / c.stepTimeS;
  const flopsPerToken = 6 * c.nParams + 12 * c.nLayer * c.nHead * c.headDim * c.seqLen;
  return { tokensPerSec, flopsPerToken, mfu: (flopsPerToken * tokensPerSec) / (c.numGPUs * c.peakFlopsPerGPU) };
}
