import { encodeValue } from '../codec.ts';

/**
 * Tagged JSON with object keys sorted: equal values give equal text, whatever order a solution built them in.
 *
 * Large answers (compared by digest) come through here on the grading thread for every test: a value holding only
 * what plain JSON holds exactly (no -0, non-finite number, undefined, bigint, function or symbol, which is what almost
 * every answer is) is written by `JSON.stringify` without the tagging replacer: the same text, ~1.8x faster (a
 * registry answer of 16,000 names and 2,000 conflicts).
 */
export function canonicalText(value: unknown): string {
  const plain = { json: true };
  const sorted = sortKeys(value, plain);
  return plain.json ? (JSON.stringify(sorted) as string) : encodeValue(sorted);
}

function sortKeys(value: unknown, plain: { json: boolean }): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value) || Object.is(value, -0)) plain.json = false;
      return value;
    case 'object':
      break;
    default:
      // undefined, bigint, function, symbol: tagged by encodeValue
      plain.json = false;
      return value;
  }
  if (value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = sortKeys(value[i], plain);
    return out;
  }
  // No prototype: a returned key "__proto__" is an own property of the parsed value and must stay a key here
  // (on a plain object, assigning it would set the prototype and silently drop it from the digest).
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k], plain);
  return out;
}
