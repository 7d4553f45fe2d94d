/**
 * A copy of a sandbox's linear memory that knows where it is zero, so that putting it back writes zeros there
 * instead of copying them: filling is about twice as fast as copying (no read), and most of a snapshot is zero.
 * The 5 MB emscripten stack region below the heap, in particular, is zero except for the part the prepare step
 * went through. The bytes written back are the snapshot's, exactly: nothing is assumed about what the engine reads.
 *
 * Finding the zero runs reads the whole image once (~0.5 ms for 6 MB), which pays for itself after a few writes: it
 * is done at the SCAN_AFTER-th write, so a job of a few tests (the browser's Run on samples) never pays for it.
 */
/** Zero runs are found in whole blocks of this size (a block with one non-zero byte is copied). */
const BLOCK = 16 * 1024;
/** Runs shorter than this are copied with their neighbours (one `set` of a few KB costs less than two calls). */
const MIN_RUN = 64 * 1024;

/** Writes of an image before its zero runs are looked for. */
export const SCAN_AFTER = 4;

export interface MemoryImage {
  bytes: Uint8Array;
  /**
   * Ascending, disjoint [start, end) ranges of `bytes` that hold only zeros, flat: [s0, e0, s1, e1, ...]; null until
   * looked for.
   */
  zeroRuns: number[] | null;
  /** Times the image was written back. */
  writes: number;
}

export function memoryImage(bytes: Uint8Array): MemoryImage {
  return { bytes, zeroRuns: null, writes: 0 };
}

/** The runs of whole BLOCK-sized blocks of `bytes` that are all zero (runs of MIN_RUN bytes or more). */
export function findZeroRuns(bytes: Uint8Array): number[] {
  const runs: number[] = [];
  // Read as 32-bit words where the view is aligned (a snapshot starts at offset 0 of its buffer); bytes otherwise.
  const aligned = bytes.byteOffset % 4 === 0;
  const words = aligned ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2) : null;
  const blocks = Math.floor(bytes.length / BLOCK);
  let start = -1;
  for (let b = 0; b <= blocks; b++) {
    const zero = b < blocks && (words ? wordsZero(words, (b * BLOCK) >>> 2) : bytesZero(bytes, b * BLOCK));
    if (zero) {
      if (start < 0) start = b * BLOCK;
    } else if (start >= 0) {
      if (b * BLOCK - start >= MIN_RUN) runs.push(start, b * BLOCK);
      start = -1;
    }
  }
  return runs;
}

/** One block of words, or-ed together four at a time (twice as fast as a branch per word). */
function wordsZero(words: Int32Array, from: number): boolean {
  let acc = 0;
  for (let i = from, end = from + (BLOCK >>> 2); i < end; i += 4) {
    acc |= (words[i] as number) | (words[i + 1] as number) | (words[i + 2] as number) | (words[i + 3] as number);
  }
  return acc === 0;
}

function bytesZero(bytes: Uint8Array, from: number): boolean {
  for (let i = from, end = from + BLOCK; i < end; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** Writes `image` over the start of `target`: copies its non-zero parts, fills its zero runs. */
export function writeImage(target: Uint8Array, image: MemoryImage): void {
  image.writes++;
  if (image.zeroRuns === null && image.writes >= SCAN_AFTER) image.zeroRuns = findZeroRuns(image.bytes);
  const { bytes, zeroRuns } = image;
  if (zeroRuns === null) {
    target.set(bytes);
    return;
  }
  let at = 0;
  for (let i = 0; i < zeroRuns.length; i += 2) {
    const start = zeroRuns[i] as number;
    const end = zeroRuns[i + 1] as number;
    if (start > at) target.set(bytes.subarray(at, start), at);
    target.fill(0, start, end);
    at = end;
  }
  if (at < bytes.length) target.set(bytes.subarray(at), at);
}
