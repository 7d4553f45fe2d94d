// Accepted: class-based: a validated TrainingRun object whose getters derive the three numbers.
interface TrainConfig {
  nParams: number; nLayer: number; nHead: number; headDim: number; seqLen: number;
  microBatch: number; gradAccum?: number; dataParallel: number; numGPUs: number;
  stepTimeS: number; peakFlopsPerGPU: number; padFraction?: number;
}

class ConfigError extends Error {}

class TrainingRun {
  private readonly accum: number;
  private readonly pad: number;

  constructor(private readonly c: TrainConfig) {
    this.accum = c.gradAccum ?? 1;
    this.pad = c.padFraction ?? 0;
    for (const [name, v] of [
      ['nParams', c.nParams], ['nLayer', c.nLayer], ['nHead', c.nHead], ['headDim', c.headDim],
      ['seqLen', c.seqLen], ['microBatch', c.microBatch], ['gradAccum', this.accum],
      ['dataParallel', c.dataParallel], ['numGPUs', c.numGPUs],
    ] as Array<[string, number]>) {
      TrainingRun.requireCount(name, v);
    }
    if (c.numGPUs % c.dataParallel !== 0) throw new ConfigError('numGPUs must be dataParallel · tp · pp');
    TrainingRun.requirePositive('stepTimeS', c.stepTimeS);
    TrainingRun.requirePositive('peakFlopsPerGPU', c.peakFlopsPerGPU);
    if (!(this.pad >= 0 && this.pad < 1)) throw new ConfigError('padFraction must be in [0, 1)');
  }

  private static requireCount(name: string, v: number): void {
    if (!Number.isSafeInteger(v) || v < 1) throw new ConfigError(`${name} must be a positive integer`);
  }

  private static requirePositive(name: string, v: number): void {
    if (!(v > 0) || v === Infinity) throw new ConfigError(`${name} must be finite and positive`);
  }

  get sequencesPerStep(): number {
    return this.c.microBatch * this.accum * this.c.dataParallel;
  }

  get tokensPerSec(): number {
    return (this.sequencesPerStep * this.c.seqLen * (1 - this.pad)) / this.c.stepTimeS;
  }

  get flopsPerToken(): number {
    const { nParams, nLayer, nHead, headDim, seqLen } = this.c;
    return 6 * nParams + 12 * nLayer * nHead * headDim * seqLen;
  }

  get mfu(): number {
    return (this.flopsPerToken * this.tokensPerSec) / (this.c.numGPUs * this.c.peakFlopsPerGPU);
  }
}

export function trainingThroughput(c: TrainConfig) {
  const run = new TrainingRun(c);
  return { tokensPerSec: run.tokensPerSec, flopsPerToken: run.flopsPerToken, mfu: run.mfu };
}
