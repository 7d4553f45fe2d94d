/**
 * Hidden-test generator for bpe-tokenizer. `size` is the target length of the text in UTF-8 bytes.
 *
 * Text kinds: "words" (Zipf-distributed words built from syllables; `uni` = share of non-ASCII syllables, including
 * 2-, 3- and 4-byte characters, emoji with skin tones, ZWJ sequences and flags), "random" (uniform characters from
 * `alphabet`), "runs" (runs of one letter: overlapping counts matter), "debruijn" (every adjacent pair exactly once:
 * every round of training is an all-way tie at count 1).
 *
 * Encode tests need a well-formed merge list: it is trained here (a plain minbpe trainer, host side) on a corpus of
 * the same kind (`same: true` = the encoded text itself; `order: 'random'` = each round merges a random adjacent
 * pair instead of the most frequent, so ranks do not follow frequency), optionally extended with random well-formed merges up to
 * `total` merges.
 */
import type { GeneratorCase, Rng, TestInput } from '../../harness/src/problem/authoring.ts';

export const cases: GeneratorCase[] = [
  // Sizes: the reference is O(rounds × n), so the cost of a test is about Σ(sequence length over rounds); every test
  // keeps that under ~4·10^4 (the whole suite ~3·10^5), while the quadratic-per-round classes (tie scans, one
  // occurrence per round, rank lookups by scanning the merge list) still need far over the 3x budget on the tests that
  // name them. The two 2·10^4-byte tests (a recursive merge overflows the stack) use 1 merge each.
  // ---- bpeTrain
  {
    name: 'train: ascii words, 300 bytes, vocab 300',
    seed: 101,
    size: 300,
    params: { fn: 'train', kind: 'words', uni: 0, vocab: 300 },
  },
  {
    name: 'train: unicode words, 600 bytes, vocab 300',
    seed: 102,
    size: 600,
    params: { fn: 'train', kind: 'words', uni: 0.3, vocab: 300 },
  },
  {
    name: 'train: emoji-heavy words, 600 bytes, vocab 300',
    seed: 103,
    size: 600,
    params: { fn: 'train', kind: 'words', uni: 0.7, vocab: 300 },
  },
  {
    name: 'train: 4-letter random text (many ties), 600 bytes, vocab 300',
    seed: 104,
    size: 600,
    params: { fn: 'train', kind: 'random', alphabet: 'abcd', vocab: 300 },
  },
  {
    name: 'train: random unicode text, 800 bytes, vocab 290',
    seed: 105,
    size: 800,
    params: { fn: 'train', kind: 'random', alphabet: 'aé日😀 ', vocab: 290 },
  },
  {
    name: 'train: runs of one letter, 1200 bytes, vocab 290',
    seed: 106,
    size: 1200,
    params: { fn: 'train', kind: 'runs', vocab: 290 },
  },
  {
    name: 'train: all pairs distinct (all ties), 1297 bytes, vocab 266',
    seed: 107,
    size: 1297,
    params: { fn: 'train', kind: 'debruijn', vocab: 266 },
    note: 'every round is a tie among ~1,300 pairs at count 1: catches a tie-break that searches the sequence once per tied pair (O(n²) per round)',
  },
  {
    name: 'train: words, 1000 bytes, vocab 306',
    seed: 108,
    size: 1000,
    params: { fn: 'train', kind: 'words', uni: 0.1, vocab: 306 },
  },
  {
    name: 'train: vocab 1256 on 500 bytes (merges down to one id)',
    seed: 110,
    size: 500,
    params: { fn: 'train', kind: 'words', uni: 0.3, vocab: 1256 },
  },
  {
    name: 'train: random text, small vocab 260',
    seed: 112,
    size: 800,
    params: { fn: 'train', kind: 'random', alphabet: 'ab c', vocab: 260 },
  },
  // ---- bpeEncode
  {
    name: 'encode: ascii words with their own 100 merges',
    seed: 201,
    size: 500,
    params: { fn: 'encode', kind: 'words', uni: 0, merges: 100, same: true },
  },
  {
    name: 'encode: unicode words, merges from another sample (unseen pairs)',
    seed: 202,
    size: 800,
    params: { fn: 'encode', kind: 'words', uni: 0.4, merges: 80, corpus: 1500 },
  },
  {
    name: 'encode: 1500 bytes, 80 trained merges',
    seed: 203,
    size: 1500,
    params: { fn: 'encode', kind: 'words', uni: 0.1, merges: 80, corpus: 3000 },
    note: '80 merges over 1,500 bytes: catches a rank lookup that scans the merge list, and merging one occurrence per rescan',
  },
  {
    name: 'encode: 20000 bytes, 1 merge',
    seed: 204,
    size: 20000,
    params: { fn: 'encode', kind: 'words', uni: 0.2, merges: 1, corpus: 2000 },
    note: 'a 20,000-byte text: catches a recursive merge (one stack frame per id) and work quadratic in n per merge (one occurrence per rescan, splice in a loop)',
  },
  {
    name: 'encode: 5000 merges (trained + random), 20 bytes',
    seed: 205,
    size: 20,
    params: { fn: 'encode', kind: 'words', uni: 0.2, merges: 1000, corpus: 3000, total: 5000 },
    note: '5,000 merges: catches a rank lookup that scans the merge list',
  },
  {
    name: 'encode: runs with run merges',
    seed: 206,
    size: 2000,
    params: { fn: 'encode', kind: 'runs', merges: 60, corpus: 2000 },
  },
  {
    name: 'encode: merges picked in random order (rank is not frequency)',
    seed: 207,
    size: 400,
    params: { fn: 'encode', kind: 'random', alphabet: 'abcde', merges: 100, same: true, order: 'random' },
  },
  {
    name: 'encode: random-order merges on another sample',
    seed: 208,
    size: 600,
    params: { fn: 'encode', kind: 'words', uni: 0.3, merges: 120, corpus: 800, order: 'random' },
  },
  {
    name: 'encode: emoji text with merges trained on ascii',
    seed: 209,
    size: 600,
    params: { fn: 'encode', kind: 'words', uni: 0.6, merges: 150, corpus: 2000, corpusUni: 0 },
  },
  {
    name: 'encode: training text itself with all its merges (down to one id)',
    seed: 210,
    size: 400,
    params: { fn: 'encode', kind: 'words', uni: 0.3, merges: 1000, same: true },
  },
  {
    name: 'encode: 4-letter random text, merges from another sample',
    seed: 211,
    size: 800,
    params: { fn: 'encode', kind: 'random', alphabet: 'abcd', merges: 80, corpus: 1200 },
  },
  // ---- scale group (bpeTrain, n = UTF-8 bytes of the text): one round on words at n, 2n, 4n, 8n bytes. One round
  // keeps the reference cheap (O(n)); the 20,000-byte case also catches a recursive merge.
  ...[2500, 5000, 10000, 20000].map((n, i): GeneratorCase => ({
    name: `scale n=${n}: train on words, ${n} bytes, vocab 257`,
    seed: n === 20000 ? 109 : 113 + i,
    size: n,
    scale: true,
    params: { fn: 'train', kind: 'words', uni: 0.2, vocab: 257 },
    note:
      n === 20000
        ? 'a 20,000-byte text: catches a recursive merge (one stack frame per id) and work quadratic in n per round (e.g. splice in a loop)'
        : `a ${n.toLocaleString('en-US')}-byte text, one round: measures how your steps grow with n`,
  })),
];

// ---------------------------------------------------------------------------------------------------------------
// Text

const ASCII_SYLLABLES = [
  'th',
  'e',
  'an',
  'in',
  'er',
  'on',
  're',
  'at',
  'st',
  'en',
  'ing',
  'ou',
  'al',
  'ed',
  'is',
  'or',
  'ti',
  'ar',
  'te',
  'le',
  'co',
  'de',
  'ra',
  'ri',
  'ro',
  's',
  't',
  'n',
  'l',
  'a',
  'o',
  'i',
  'u',
  'k',
  'm',
  'p',
  'y',
  'w',
];
const UNICODE_SYLLABLES = [
  'é',
  'è',
  'ñ',
  'ü',
  'ö',
  'ß',
  'ç',
  'å',
  'ø',
  '日',
  '本',
  '語',
  '中',
  '文',
  '한',
  '국',
  'ж',
  'ы',
  'при',
  'вет',
  'α',
  'β',
  'λ',
  '∑',
  '→',
  '€',
  '😀',
  '🚀',
  '🎉',
  '👍🏽',
  '❤️',
  '👨‍👩‍👧',
  '🇫🇷',
  '🤖',
];
const SEPARATORS = [' ', ' ', ' ', ' ', ' ', ' ', ', ', '. ', '\n', '!'];

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Appends pieces until the text reaches `size` UTF-8 bytes, then trims whole code points down to `size`. */
function fill(size: number, next: () => string): string {
  let s = '';
  let bytes = 0;
  while (bytes < size) {
    const piece = next();
    s += piece;
    bytes += utf8Length(piece);
  }
  const cps = Array.from(s);
  while (bytes > size) bytes -= utf8Length(cps.pop() as string);
  return cps.join('');
}

function wordsText(rng: Rng, size: number, uni: number): string {
  const lexicon: string[] = [];
  const n = 60 + rng.int(0, 60);
  for (let w = 0; w < n; w++) {
    let word = '';
    const syllables = rng.int(1, 4);
    for (let k = 0; k < syllables; k++) word += rng.pick(rng.float() < uni ? UNICODE_SYLLABLES : ASCII_SYLLABLES);
    lexicon.push(word);
  }
  // Zipf-like: index = floor(n^u) - 1 for uniform u.
  return fill(size, () => lexicon[Math.floor(Math.pow(n, rng.float())) - 1] + rng.pick(SEPARATORS));
}

function randomText(rng: Rng, size: number, alphabet: string): string {
  const chars = Array.from(alphabet);
  return fill(size, () => rng.pick(chars));
}

function runsText(rng: Rng, size: number): string {
  return fill(size, () => 'a'.repeat(rng.int(1, rng.float() < 0.2 ? 40 : 8)) + rng.pick(['b', 'c', 'bc', ' ']));
}

/** Linear de Bruijn sequence of order 2 over k printable ASCII symbols: each of the k^2 pairs occurs once. */
function deBruijnText(rng: Rng, size: number): string {
  const k = Math.floor(Math.sqrt(size - 1));
  const symbols = rng.shuffle(Array.from({ length: k }, (_, i) => String.fromCharCode(33 + i)));
  // Eulerian circuit on the complete digraph with loops (Hierholzer, iterative).
  const nextEdge = new Array<number>(k).fill(0);
  const stack = [0];
  const circuit: number[] = [];
  while (stack.length > 0) {
    const v = stack[stack.length - 1] as number;
    if ((nextEdge[v] as number) < k) {
      stack.push(nextEdge[v] as number);
      nextEdge[v] = (nextEdge[v] as number) + 1;
    } else {
      circuit.push(stack.pop() as number);
    }
  }
  circuit.reverse(); // k^2 + 1 vertices, every edge (pair) exactly once
  return circuit.map((v) => symbols[v]).join('');
}

function makeText(rng: Rng, size: number, p: Record<string, unknown>, uniOverride?: number): string {
  switch (p.kind) {
    case 'words':
      return wordsText(rng, size, uniOverride ?? (p.uni as number));
    case 'random':
      return randomText(rng, size, p.alphabet as string);
    case 'runs':
      return runsText(rng, size);
    case 'debruijn':
      return deBruijnText(rng, size);
    default:
      throw new Error(`unknown text kind ${String(p.kind)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Merge lists (host side only: a plain minbpe trainer, then optional random well-formed merges)

function toBytes(text: string): number[] {
  return Array.from(new TextEncoder().encode(text));
}

function mergeIds(ids: number[], a: number, b: number, id: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i + 1 < ids.length && ids[i] === a && ids[i + 1] === b) {
      out.push(id);
      i++;
    } else out.push(ids[i] as number);
  }
  return out;
}

/** minbpe training; with `rng`, each round merges the pair at a random position instead of the most frequent one. */
function train(text: string, count: number, rng?: Rng): Array<[number, number]> {
  let ids = toBytes(text);
  const merges: Array<[number, number]> = [];
  while (merges.length < count && ids.length >= 2) {
    const counts = new Map<string, number>();
    for (let i = 0; i + 1 < ids.length; i++) {
      const key = `${ids[i]},${ids[i + 1]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    let best = '';
    let bestCount = 0;
    for (const [key, c] of counts) if (c > bestCount) [best, bestCount] = [key, c];
    if (rng) {
      const i = rng.int(0, ids.length - 2);
      best = `${ids[i]},${ids[i + 1]}`;
    }
    const [a, b] = best.split(',').map(Number) as [number, number];
    merges.push([a, b]);
    ids = mergeIds(ids, a, b, 255 + merges.length);
  }
  return merges;
}

/** Appends random merges up to `total`; parts are drawn from the bytes of `text` and from earlier tokens. */
function extendRandom(rng: Rng, merges: Array<[number, number]>, total: number, text: string): void {
  const seen = new Set(merges.map(([a, b]) => `${a},${b}`));
  const ids = [...new Set(toBytes(text))];
  for (let i = 0; i < merges.length; i++) ids.push(256 + i);
  while (merges.length < total) {
    const a =
      rng.float() < 0.5 ? (ids[ids.length - 1 - rng.int(0, Math.min(ids.length - 1, 30))] as number) : rng.pick(ids);
    const b = rng.pick(ids);
    const key = `${a},${b}`;
    if (seen.has(key)) continue;
    seen.add(key);
    merges.push([a, b]);
    ids.push(255 + merges.length);
  }
}

export function generate(c: GeneratorCase, rng: Rng): TestInput {
  const p = c.params ?? {};
  const text = makeText(rng, c.size, p);
  if (p.fn === 'train') return { fn: 'bpeTrain', args: [text, p.vocab as number] };
  const corpus = p.same
    ? text
    : makeText(rng, (p.corpus as number | undefined) ?? c.size, p, p.corpusUni as number | undefined);
  const merges = train(corpus, p.merges as number, p.order === 'random' ? rng : undefined);
  if (p.total) extendRandom(rng, merges, p.total as number, text);
  return { fn: 'bpeEncode', args: [text, merges] };
}
