import { encodeValue } from '../codec.ts';

/** Tagged JSON with object keys sorted: equal values give equal text, whatever order a solution built them in. */
export function canonicalText(value: unknown): string {
  return encodeValue(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    // No prototype: a returned key "__proto__" is an own property of the parsed value and must stay a key here
    // (on a plain object, assigning it would set the prototype and silently drop it from the digest).
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}
