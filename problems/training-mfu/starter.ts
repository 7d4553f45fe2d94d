export interface TrainConfig {
  nParams: number; // N: model parameters, counted as the caller counts them
  nLayer: number; // L
  nHead: number; // H
  headDim: number; // Q
  seqLen: number; // T: tokens per sequence
  microBatch: number; // sequences per GPU-replica micro-step
  gradAccum?: number; // micro-steps per optimizer step (default 1)
  dataParallel: number; // data-parallel replicas
  numGPUs: number; // total GPUs = dataParallel · tensorParallel · pipelineParallel
  stepTimeS: number; // seconds per optimizer step
  peakFlopsPerGPU: number; // peak FLOP/s of one GPU
  padFraction?: number; // share of pad tokens in a batch (default 0)
}

/** Tokens per second, training FLOPs per token, and model FLOPs utilisation of one training configuration. */
export function trainingThroughput(c: TrainConfig): { tokensPerSec: number; flopsPerToken: number; mfu: number } {
  throw new Error('not implemented');
}
