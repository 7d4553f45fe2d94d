/** Input constraints of bpe-tokenizer (see statement.md). Throws naming the violated constraint. */
import type { TestInput } from '../../harness/src/problem/authoring.ts';

const MAX_BYTES = 20000;
const MAX_VOCAB = 1256;
const MAX_MERGES = 5000;

/** UTF-8 length of a string; throws on a lone surrogate (TextEncoder would silently replace it). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (!(d >= 0xdc00 && d <= 0xdfff)) throw new Error(`lone high surrogate at index ${i}`);
      n += 4;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      throw new Error(`lone low surrogate at index ${i}`);
    } else {
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
  }
  return n;
}

function checkText(text: unknown): void {
  if (typeof text !== 'string') throw new Error('text must be a string');
  const bytes = utf8Length(text);
  if (bytes > MAX_BYTES) throw new Error(`text is ${bytes} UTF-8 bytes, at most ${MAX_BYTES} allowed`);
}

export function validate(input: TestInput, args: unknown[]): void {
  if (args.length !== 2) throw new Error(`expected 2 arguments, got ${args.length}`);
  const [text, second] = args;
  checkText(text);
  if (input.fn === 'bpeTrain') {
    if (typeof second !== 'number' || !Number.isInteger(second) || second < 256 || second > MAX_VOCAB) {
      throw new Error(`vocabSize must be an integer in [256, ${MAX_VOCAB}], got ${String(second)}`);
    }
  } else if (input.fn === 'bpeEncode') {
    if (!Array.isArray(second)) throw new Error('merges must be an array');
    if (second.length > MAX_MERGES) throw new Error(`${second.length} merges, at most ${MAX_MERGES} allowed`);
    const seen = new Set<string>();
    second.forEach((pair: unknown, i) => {
      if (!Array.isArray(pair) || pair.length !== 2) throw new Error(`merges[${i}] must be a pair [a, b]`);
      for (const id of pair) {
        if (!Number.isInteger(id) || id < 0 || id >= 256 + i) {
          throw new Error(`merges[${i}] = [${pair.join(',')}]: each part must be an integer in [0, ${256 + i})`);
        }
      }
      const key = `${pair[0]},${pair[1]}`;
      if (seen.has(key)) throw new Error(`merges[${i}] = [${key}] appears twice`);
      seen.add(key);
    });
  } else {
    throw new Error(`unknown entry ${input.fn}`);
  }
  if (input.expectError) throw new Error('this problem has no error cases');
}
