// Accepted: plain imperative style, a plain top-level function with one validation loop over the count fields.
interface TrainConfig {
  nParams: number; nLayer: number; nHead: number; headDim: number; seqLen: number;
  microBatch: number; gradAccum?: number; dataParallel: number; numGPUs: number;
  stepTimeS: number; peakFlopsPerGPU: number; padFraction?: number;
}

function trainingThroughput(c: TrainConfig) {
  const cfg: any = c;
  const names = ['nParams', 'nLayer', 'nHead', 'headDim', 'seqLen', 'microBatch', 'dataParallel', 'numGPUs'];
  for (let i = 0; i < names.length; i++) {
    const v = cfg[names[i]];
    if (!Number.isInteger(v) || v <= 0) throw new Error(names[i] + ' must be a positive integer');
  }
  let accum = 1;
  if (c.gradAccum !== undefined) {
    accum = c.gradAccum;
    if (!Number.isInteger(accum) || accum <= 0) throw new Error('gradAccum must be a positive integer');
  }
  if (c.numGPUs % c.dataParallel !== 0) throw new Error('numGPUs must be a multiple of dataParallel');
  if (!Number.isFinite(c.stepTimeS) || c.stepTimeS <= 0) throw new Error('bad stepTimeS');
  if (!Number.isFinite(c.peakFlopsPerGPU) || c.peakFlopsPerGPU <= 0) throw new Error('bad peakFlopsPerGPU');
  let pad = 0;
  if (c.padFraction !== undefined) {
    pad = c.padFraction;
    if (Number.isNaN(pad) || pad < 0 || pad >= 1) throw new Error('bad padFraction');
  }

  let sequences = c.microBatch;
  sequences = sequences * accum;
  sequences = sequences * c.dataParallel;
  let tokensPerStep = sequences * c.seqLen;
  tokensPerStep = tokensPerStep * (1 - pad);
  const tokensPerSec = tokensPerStep / c.stepTimeS;

  let attention = 12;
  attention *= c.nLayer;
  attention *= c.nHead;
  attention *= c.headDim;
  attention *= c.seqLen;
  const flopsPerToken = 6 * c.nParams + attention;

  const achieved = flopsPerToken * tokensPerSec;
  const peak = c.numGPUs * c.peakFlopsPerGPU;
  return { tokensPerSec: tokensPerSec, flopsPerToken: flopsPerToken, mfu: achieved / peak };
}
