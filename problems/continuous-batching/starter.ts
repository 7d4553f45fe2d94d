export interface Req {
  id: number; // unique
  arrival: number; // step at which the request enters the queue
  prompt: number; // prompt tokens
  output: number; // tokens to generate
}

/** The step at which each request emits its last token, in input order. */
export function schedule(requests: Req[], maxBatch: number, maxKV: number): number[] {
  throw new Error('not implemented');
}
