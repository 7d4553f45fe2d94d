/**
 * Accepted: class-based. Each TensorParallelWorker holds its vocabulary range and its local slice of the table
 * and answers a masked lookup; the VocabParallelEmbedding sums the workers' answers (the all-reduce).
 */
class TensorParallelWorker {
  hits = 0;
  private readonly local: number[][];

  constructor(
    readonly start: number,
    readonly end: number,
    table: number[][],
  ) {
    this.local = table.slice(start, end);
  }

  /** The local row for a global id, or null when the id is masked out. */
  lookup(id: number): number[] | null {
    if (id < this.start || id >= this.end) return null;
    this.hits++;
    return this.local[id - this.start]!;
  }
}

class VocabParallelEmbedding {
  private readonly workers: TensorParallelWorker[] = [];
  private readonly dim: number;

  constructor(table: number[][], worldSize: number) {
    if (table.length === 0) throw new Error('empty table');
    this.dim = table[0]!.length;
    if (!table.every((row) => row.length === this.dim)) throw new Error('ragged table');
    if (!Number.isInteger(worldSize) || worldSize < 1) throw new Error('bad world size');
    const vocab = table.length;
    const per = Math.ceil(vocab / worldSize);
    for (let r = 0; r < worldSize; r++) {
      this.workers.push(new TensorParallelWorker(Math.min(vocab, r * per), Math.min(vocab, (r + 1) * per), table));
    }
    this.vocab = vocab;
  }

  private readonly vocab: number;

  forward(ids: number[]): number[][] {
    for (const id of ids) {
      if (!Number.isInteger(id) || id < 0 || id >= this.vocab) throw new Error(`id ${id} out of range`);
    }
    return ids.map((id) => {
      const sum = new Array<number>(this.dim).fill(0);
      for (const w of this.workers) {
        const row = w.lookup(id);
        if (row) for (let j = 0; j < this.dim; j++) sum[j]! += row[j]!;
      }
      return sum;
    });
  }

  get hits(): number[] {
    return this.workers.map((w) => w.hits);
  }

  get shards(): Array<[number, number]> {
    return this.workers.map((w) => [w.start, w.end]);
  }
}

export function shardedEmbedding(table: number[][], ids: number[], numWorkers: number = 4) {
  const emb = new VocabParallelEmbedding(table, numWorkers);
  const out = emb.forward(ids);
  return { out, hits: emb.hits, shards: emb.shards };
}
