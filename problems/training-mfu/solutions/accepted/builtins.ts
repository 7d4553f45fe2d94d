// Accepted: leans on built-ins: Object.assign for the defaults, every / some for the checks, Math.min / Math.max
// for the range test, reduce for the products.
export function trainingThroughput(c: any) {
  const cfg = Object.assign({ gradAccum: 1, padFraction: 0 }, c);
  for (const k of ['gradAccum', 'padFraction']) if (c[k] === undefined) cfg[k] = k === 'gradAccum' ? 1 : 0;
  const counts = ['nParams', 'nLayer', 'nHead', 'headDim', 'seqLen', 'microBatch', 'gradAccum', 'dataParallel', 'numGPUs'];
  if (!counts.map((k) => cfg[k]).every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 1)) {
    throw new TypeError('every count must be a positive integer');
  }
  if (cfg.numGPUs % cfg.dataParallel) throw new RangeError('numGPUs is not a multiple of dataParallel');
  if ([cfg.stepTimeS, cfg.peakFlopsPerGPU].some((v) => !Number.isFinite(v) || Math.sign(v) !== 1)) {
    throw new RangeError('stepTimeS and peakFlopsPerGPU must be finite and positive');
  }
  if (!(Math.min(Math.max(cfg.padFraction, 0), 0.9999999999999999) === cfg.padFraction)) {
    throw new RangeError('padFraction must be in [0, 1)');
  }
  const tokensPerSec = [cfg.microBatch, cfg.gradAccum, cfg.dataParallel, cfg.seqLen, 1 - cfg.padFraction]
    .reduce((a: number, b: number) => a * b) / cfg.stepTimeS;
  const flopsPerToken = 6 * cfg.nParams + [12, cfg.nLayer, cfg.nHead, cfg.headDim, cfg.seqLen].reduce((a: number, b: number) => a * b);
  return { tokensPerSec, flopsPerToken, mfu: (flopsPerToken * tokensPerSec) / (cfg.numGPUs * cfg.peakFlopsPerGPU) };
}
