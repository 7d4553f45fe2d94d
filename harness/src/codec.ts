/**
 * Values cross the sandbox boundary as JSON text, but plain JSON turns -Infinity, Infinity and NaN into null and
 * -0 into 0, and problem inputs and outputs contain them (masked logits). So non-finite numbers and -0 travel
 * tagged as `{"$num": "-Infinity"}`; values JSON cannot hold at all (undefined, functions, bigint, symbols) are
 * tagged too, so a solution returning the wrong type gets a readable WA instead of a silent coercion.
 *
 * The same rules are implemented inside the sandbox by the prelude (sandbox/prelude.ts); keep them in sync.
 */
export const NUM_TAG = '$num';
export const UNDEFINED_TAG = '$undefined';
export const BIGINT_TAG = '$bigint';
export const OPAQUE_TAG = '$unserializable';

function tagNumber(x: number): { [NUM_TAG]: string } | number {
  if (Number.isFinite(x)) return Object.is(x, -0) ? { [NUM_TAG]: '-0' } : x;
  return { [NUM_TAG]: String(x) };
}

function replacer(this: unknown, _key: string, value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      return tagNumber(value);
    case 'undefined':
      return { [UNDEFINED_TAG]: true };
    case 'bigint':
      return { [BIGINT_TAG]: value.toString() };
    case 'function':
    case 'symbol':
      return { [OPAQUE_TAG]: typeof value };
    default:
      return value;
  }
}

function isTag(value: Record<string, unknown>, tag: string): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === tag;
}

function reviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const obj = value as Record<string, unknown>;
  if (isTag(obj, NUM_TAG) && typeof obj[NUM_TAG] === 'string') {
    const s = obj[NUM_TAG];
    if (s === '-0') return -0;
    if (s === 'Infinity' || s === '-Infinity' || s === 'NaN') return Number(s);
  }
  if (isTag(obj, UNDEFINED_TAG)) return undefined;
  if (isTag(obj, BIGINT_TAG) && typeof obj[BIGINT_TAG] === 'string') return { [BIGINT_TAG]: obj[BIGINT_TAG] };
  return value;
}

/** Encodes a value as tagged JSON text. */
export function encodeValue(value: unknown): string {
  return JSON.stringify(value, replacer) ?? JSON.stringify({ [UNDEFINED_TAG]: true });
}

/**
 * Decodes tagged JSON text back to a value (non-finite numbers restored). Same result as `JSON.parse(text, reviver)`,
 * but V8 calls a reviver for every value, ~4x the parse itself (a 660 KB answer of 5·10^4 pairs: 60-110 ms against
 * 11-24 ms), and answers go through here on the grading thread. Text without `"$` holds no tag, so plain parsing
 * gives the same value; otherwise the tags are revived by a walk that does what JSON.parse does with a reviver:
 * children first, a property whose revived value is undefined deleted, others defined as own data properties.
 */
export function decodeValue(text: string): unknown {
  // A top-level `{"$undefined":true}` revives to undefined, which JSON.parse's reviver would drop as a property
  // but returns as-is at the root: that is what we want.
  const value: unknown = JSON.parse(text);
  return text.includes('"$') ? reviveTree(value) : value;
}

function reviveTree(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = reviveTree(value[i]);
      if (v === undefined) delete value[i];
      else if (v !== value[i]) value[i] = v;
    }
  } else {
    const obj = value as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      const v = reviveTree(obj[k]);
      if (v === undefined) delete obj[k];
      // defineProperty, not assignment: a key "__proto__" from JSON is an own property, and must stay one.
      else if (v !== obj[k])
        Object.defineProperty(obj, k, { value: v, writable: true, enumerable: true, configurable: true });
    }
  }
  return reviver('', value);
}

/**
 * Restores tags in an already-parsed JSON tree (problem files on disk are parsed with plain JSON.parse).
 * Returns a new tree; the input is not modified.
 */
export function reviveTags(value: unknown): unknown {
  return decodeValue(JSON.stringify(value));
}

/** Tags non-finite numbers in a tree so it can be written with plain JSON.stringify (for files). */
export function tagForJson(value: unknown): unknown {
  return JSON.parse(encodeValue(value));
}
