/**
 * `describe(value)` prints a value with its types (-0, NaN, holes, bigint, Map, typed arrays, ...) the same way in
 * Node and in the sandbox: the function is written once, as source, and evaluated in both. Objects print their own
 * enumerable string keys in order, unquoted; strings are JSON-quoted.
 */
export const DESCRIBE_SOURCE = String.raw`function describe(v, seen) {
  seen = seen || [];
  const t = typeof v;
  if (t === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (t === 'string') return JSON.stringify(v);
  if (t === 'bigint') return String(v) + 'n';
  if (t === 'undefined' || t === 'boolean' || v === null) return String(v);
  if (t === 'symbol') return 'Symbol(' + String(v.description) + ')';
  if (t === 'function') return '[Function ' + v.name + ']';
  if (seen.indexOf(v) >= 0) return '<cycle>';
  seen = seen.concat([v]);
  if (Array.isArray(v)) {
    const parts = [];
    for (let i = 0; i < v.length; i++) parts.push(i in v ? describe(v[i], seen) : '<hole>');
    return '[' + parts.join(',') + ']';
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Object.prototype.toString.call(v).slice(8, -1) + '[' + Array.from(v, (x) => describe(x, seen)).join(',') + ']';
  if (v instanceof Map) return 'Map{' + Array.from(v, ([k, x]) => describe(k, seen) + '=>' + describe(x, seen)).join(',') + '}';
  if (v instanceof Set) return 'Set{' + Array.from(v, (x) => describe(x, seen)).join(',') + '}';
  if (v instanceof Date) return 'Date(' + (isNaN(v.getTime()) ? 'Invalid' : v.toISOString()) + ')';
  if (v instanceof RegExp) return String(v);
  if (v instanceof Error) return v.name + '(' + v.message + ')';
  if (v instanceof Promise) return 'Promise';
  return '{' + Object.keys(v).map((k) => k + ':' + describe(v[k], seen)).join(',') + '}';
}`;

/** A program that runs snippet `i` and returns its description, or `throw:<ErrorName>`. */
export function corpusProgram(snippets: readonly string[]): string {
  const fns = snippets.map((body, i) => `function s${i}() {\n${body}\n}`).join('\n');
  return `${DESCRIBE_SOURCE}\n${fns}\nconst SNIPPETS = [${snippets.map((_, i) => `s${i}`).join(', ')}];\nfunction run(i) {\n  try { return 'ok:' + describe(SNIPPETS[i]()); }\n  catch (e) { return 'throw:' + (e && e.name); }\n}\n`;
}
