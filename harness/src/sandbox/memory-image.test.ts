import { describe, expect, it } from 'vitest';
import { findZeroRuns, memoryImage, SCAN_AFTER, writeImage } from './memory-image.ts';

const KB = 1024;

/** A pseudo-random image: mostly zero, with non-zero bytes at the given offsets and random noise in `noisy`. */
function image(length: number, marks: number[], seed = 1): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (const m of marks) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[m] = ((x >>> 16) % 255) + 1;
  }
  return bytes;
}

describe('findZeroRuns', () => {
  it('finds the zero blocks between non-zero bytes, in whole 16 KB blocks of runs of 64 KB or more', () => {
    const bytes = image(1024 * KB, [5, 100 * KB + 3, 700 * KB]);
    // 0..16K holds byte 5; 96K..112K holds 100K+3; 688K..704K holds 700K.
    expect(findZeroRuns(bytes)).toEqual([16 * KB, 96 * KB, 112 * KB, 688 * KB, 704 * KB, 1024 * KB]);
  });

  it('copies short zero runs with their neighbours and ignores a trailing partial block', () => {
    const bytes = image(200 * KB + 100, [0, 40 * KB, 200 * KB + 50]);
    // zeros 16K..32K (too short: 16K) and 48K..192K (a run); the last 8K+100 bytes are a partial block.
    expect(findZeroRuns(bytes)).toEqual([48 * KB, 192 * KB]);
    expect(findZeroRuns(new Uint8Array(0))).toEqual([]);
    expect(findZeroRuns(new Uint8Array(256 * KB))).toEqual([0, 256 * KB]);
  });

  it('reads an unaligned view byte by byte, with the same answer', () => {
    const backing = new Uint8Array(600 * KB + 1);
    const view = backing.subarray(1);
    view[300 * KB] = 7;
    expect(findZeroRuns(view)).toEqual([0, 288 * KB, 304 * KB, 592 * KB]);
  });
});

describe('writeImage', () => {
  it('leaves the target byte for byte equal to the image on every write, whatever the target held', () => {
    for (let seed = 1; seed <= 20; seed++) {
      let x = seed;
      const rand = (n: number): number => ((x = (x * 1103515245 + 12345) >>> 0), x % n);
      const length = 64 * KB + rand(900 * KB);
      const marks = Array.from({ length: rand(12) }, () => rand(length));
      const bytes = image(length, marks, seed);
      const img = memoryImage(bytes);
      for (let write = 1; write <= SCAN_AFTER + 2; write++) {
        const target = new Uint8Array(length + rand(100 * KB));
        for (let i = 0; i < target.length; i++) target[i] = 1 + ((i * 31 + write) % 255); // no byte is zero
        const tail = target.slice(length);
        writeImage(target, img);
        expect(Buffer.compare(target.subarray(0, length), bytes)).toBe(0);
        expect(Buffer.compare(target.subarray(length), tail)).toBe(0); // nothing past the image is touched
        // The runs are looked for at the SCAN_AFTER-th write, not before (a short job never pays for the scan).
        expect(img.zeroRuns).toEqual(write < SCAN_AFTER ? null : findZeroRuns(bytes));
      }
    }
  });
});
