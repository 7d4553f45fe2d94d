// Reference solution: training throughput and model FLOPs utilisation (MFU).
//
// FLOPs per token follow PaLM (Chowdhery et al. 2022, Appendix B) as nanoGPT's `estimate_mfu` computes them:
// 6N for the matmuls of the forward and backward passes, plus 12·L·H·Q·T for attention (QKᵀ and AV, forward and
// backward), with T the full sequence length. Only non-pad tokens count as throughput.

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

function positiveInt(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${String(v)}`);
  return v;
}

function positiveFinite(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new RangeError(`${name} must be finite and > 0, got ${String(v)}`);
  return v;
}

export function trainingThroughput(c: TrainConfig): { tokensPerSec: number; flopsPerToken: number; mfu: number } {
  const N = positiveInt('nParams', c.nParams);
  const L = positiveInt('nLayer', c.nLayer);
  const H = positiveInt('nHead', c.nHead);
  const Q = positiveInt('headDim', c.headDim);
  const T = positiveInt('seqLen', c.seqLen);
  const micro = positiveInt('microBatch', c.microBatch);
  const accum = positiveInt('gradAccum', c.gradAccum === undefined ? 1 : c.gradAccum);
  const dp = positiveInt('dataParallel', c.dataParallel);
  const gpus = positiveInt('numGPUs', c.numGPUs);
  if (gpus % dp !== 0) throw new RangeError(`numGPUs = ${gpus} is not a multiple of dataParallel = ${dp}`);
  const dt = positiveFinite('stepTimeS', c.stepTimeS);
  const peak = positiveFinite('peakFlopsPerGPU', c.peakFlopsPerGPU);
  const pad = c.padFraction === undefined ? 0 : c.padFraction;
  if (typeof pad !== 'number' || !(pad >= 0 && pad < 1)) throw new RangeError(`padFraction must be in [0, 1), got ${String(pad)}`);

  const globalBatch = micro * accum * dp; // sequences per optimizer step
  const tokensPerSec = (globalBatch * T * (1 - pad)) / dt;
  const flopsPerToken = 6 * N + 12 * L * H * Q * T;
  const mfu = (flopsPerToken * tokensPerSec) / (gpus * peak);
  return { tokensPerSec, flopsPerToken, mfu };
}
