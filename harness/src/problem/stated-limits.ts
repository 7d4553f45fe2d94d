/**
 * Stated limits against the tests (issue 12 §2): a statement that promises `n ≤ 10^5` while the largest test has
 * n = 2·10^4 lets a solution that fails at the stated size pass. Parsed conservatively, from the list items of the
 * statement's "Constraints" section only: an upper bound `NAME ≤ NUMBER` (`≤`, `\le`, `<=`; numbers such as
 * `10^5`, `2·10^4`, `1.6\cdot 10^{4}`, `100000`, `20 000`) whose NAME resolves, for some entry, to a number in the
 * tests: a parameter, a parameter's `.length` (`n = records.length`, "`x.length` $= d$" are aliases), or a numeric
 * field of an object parameter; not a factor of a product. A line that starts with an entry's name applies to that entry only. Anything else
 * (bounds on elements, products, names that are no parameter) is left alone. Error tests (`expectError`) may break
 * the limits and are not counted.
 */
import type { TestInput } from './authoring.ts';
import { parseSignature } from './signature.ts';

export interface StatedBound {
  /** The name as the statement writes it, and the names it is an alias of. */
  name: string;
  aliases: string[];
  bound: number;
  /** The bound as written. */
  text: string;
  /** 1-based line in statement.md. */
  line: number;
  /** The entry the line is about, when it starts with one's name. */
  entry?: string;
}

export interface LimitUse {
  bound: StatedBound;
  /** The largest value the tests use (over every entry the name resolves in). */
  max: number;
  /** Which test has it. */
  test: string;
}

/** A stated bound is exercised when the largest test reaches at least this share of it. */
export const MIN_LIMIT_USE = 1 / 2;

const NUMBER = String.raw`((?:\d+(?:\.\d+)?\s*\*\s*)?10\^-?\d+|\d+(?:[ ,]\d{3})*(?:\.\d+)?)`;
const NAME = String.raw`([A-Za-z_][\w]*(?:\.length)?)`;

function normalise(line: string): string {
  return line
    .replace(/\\mathrm\{([^}]*)\}/g, '$1')
    .replace(/\\le(?![a-z])/g, '≤')
    .replace(/<=/g, '≤')
    .replace(/\\cdot|·|×/g, '*')
    .replace(/[`${}]/g, '')
    .replace(/\\,/g, ' ');
}

function parseNumber(text: string): number {
  const t = text.replace(/[ ,](?=\d{3})/g, '').replace(/\s+/g, '');
  const m = /^(?:(\d+(?:\.\d+)?)\*)?10\^(-?\d+)$/.exec(t);
  if (m) return Number(m[1] ?? 1) * 10 ** Number(m[2]);
  return Number(t);
}

/** The upper bounds stated in the list items of the "Constraints" section. */
export function statedBounds(statement: string, entryNames: readonly string[]): StatedBound[] {
  const lines = statement.split('\n');
  const bounds: StatedBound[] = [];
  let inConstraints = false;
  let item: { text: string; line: number } | null = null;
  const flush = (): void => {
    if (!item) return;
    const text = normalise(item.text);
    const entry = entryNames.find((e) => new RegExp(`^\\s*-\\s*${e}\\b`).test(text));
    const aliases = new Map<string, string[]>();
    for (const m of text.matchAll(/([A-Za-z_][\w]*(?:\.length)?)\s*=\s*([A-Za-z_][\w]*(?:\.length)?)/g)) {
      const [a, b] = [m[1] as string, m[2] as string];
      aliases.set(a, [...(aliases.get(a) ?? []), b]);
      aliases.set(b, [...(aliases.get(b) ?? []), a]);
    }
    // Not a factor of a product (`numBeams · V ≤ 800` bounds the product, not V).
    for (const m of text.matchAll(new RegExp(`(?<![\\w.*)]\\s*)${NAME}\\s*≤\\s*${NUMBER}`, 'g'))) {
      const name = m[1] as string;
      const bound = parseNumber(m[2] as string);
      if (!Number.isFinite(bound)) continue;
      bounds.push({
        name,
        aliases: aliases.get(name) ?? [],
        bound,
        text: m[0].trim(),
        line: item.line,
        ...(entry ? { entry } : {}),
      });
    }
    item = null;
  };
  lines.forEach((raw, i) => {
    if (/^#{1,6}\s/.test(raw)) {
      flush();
      inConstraints = /^##\s+Constraints/i.test(raw);
      return;
    }
    if (!inConstraints) return;
    if (/^\s*-\s/.test(raw)) {
      flush();
      item = { text: raw, line: i + 1 };
    } else if (item && /^\s+\S/.test(raw)) item.text += ` ${raw.trim()}`;
    else flush();
  });
  flush();
  return bounds;
}

/** The value `name` has in a call of an entry with these parameters and arguments (undefined: not there). */
function resolve(name: string, params: readonly string[], args: readonly unknown[]): number | undefined {
  const [base, length] = name.endsWith('.length') ? [name.slice(0, -7), true] : [name, false];
  const i = params.indexOf(base);
  if (i >= 0) {
    const v = args[i];
    if (length) return Array.isArray(v) || typeof v === 'string' ? v.length : undefined;
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  }
  if (length) return undefined;
  for (const v of args) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, base)) {
      const x = (v as Record<string, unknown>)[base];
      return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
    }
  }
  return undefined;
}

/**
 * For each stated bound that resolves in the tests: the largest value they use. `argsOf` gives a test's
 * materialised arguments (spec inputs are built by the driver).
 */
export function limitUses(
  bounds: readonly StatedBound[],
  entries: ReadonlyArray<{ name: string; signature: string }>,
  tests: ReadonlyArray<{ id: string; input: TestInput }>,
  argsOf: (input: TestInput) => unknown[],
): LimitUse[] {
  const params = new Map(entries.map((e) => [e.name, parseSignature(e.signature).params.map((p) => p.name)]));
  const uses = new Map<StatedBound, LimitUse>();
  for (const t of tests) {
    if (t.input.expectError) continue;
    const ps = params.get(t.input.fn);
    if (!ps) continue;
    let args: unknown[] | null = null;
    for (const b of bounds) {
      if (b.entry && b.entry !== t.input.fn) continue;
      args ??= argsOf(t.input);
      let value: number | undefined;
      for (const n of [b.name, ...b.aliases]) value ??= resolve(n, ps, args);
      if (value === undefined) continue;
      const u = uses.get(b);
      if (!u || value > u.max) uses.set(b, { bound: b, max: value, test: t.id });
    }
  }
  return [...uses.values()];
}
