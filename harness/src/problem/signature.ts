/**
 * Reads an entry's `signature` (problem.json) well enough for judge check: parameter names and the return type's
 * text. A small bracket-counting scanner, not a TypeScript parser: the default check must not need the compiler.
 */
export interface ParsedSignature {
  params: Array<{ name: string; type: string; optional: boolean }>;
  /** The return type as written ('' when absent). */
  returnType: string;
}

/** What kind of value an entry returns, from its declared type; decides which null baselines can apply. */
export type ReturnShape = 'void' | 'scalar' | 'array' | 'iterator' | 'other';

const OPEN = '([{';
const CLOSE = ')]}';

/** Splits `text` at top-level occurrences of `sep` (outside (), [], {}, <> and strings). */
function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let angle = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote && text[i - 1] !== '\\') quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) depth--;
    else if (c === '<') angle++;
    else if (c === '>' && text[i - 1] !== '=' && angle > 0) angle--;
    else if (c === sep && depth === 0 && angle === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

export function parseSignature(signature: string): ParsedSignature {
  const open = signature.indexOf('(');
  if (open < 0) return { params: [], returnType: '' };
  let depth = 0;
  let close = -1;
  for (let i = open; i < signature.length; i++) {
    const c = signature[i] as string;
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c) && --depth === 0) {
      close = i;
      break;
    }
  }
  if (close < 0) return { params: [], returnType: '' };
  const params = splitTopLevel(signature.slice(open + 1, close), ',').map((p) => {
    const m = /^(?:\.\.\.)?([A-Za-z_$][\w$]*)\s*(\?)?\s*(?::\s*([\s\S]*))?$/.exec(p);
    return m
      ? { name: m[1] as string, type: (m[3] ?? '').trim(), optional: m[2] === '?' || /=(?!>)/.test(p) }
      : { name: '', type: p, optional: false };
  });
  const rest = signature.slice(close + 1).trim();
  return { params, returnType: rest.startsWith(':') ? rest.slice(1).trim() : '' };
}

export function returnShape(returnType: string): ReturnShape {
  const t = returnType.replace(/\s+/g, ' ').trim();
  if (t === '') return 'other';
  if (/^(void|undefined|Promise<void>)$/.test(t)) return 'void';
  if (/^(number|boolean|string|bigint|true|false)( \| (number|boolean|string|null|undefined))*$/.test(t))
    return 'scalar';
  if (/^(Iterable|IterableIterator|Iterator|Generator|AsyncIterable|AsyncIterableIterator|AsyncGenerator)\b/.test(t))
    return 'iterator';
  if (/^(Readonly)?Array</.test(t) || (/\[\]$/.test(t) && splitTopLevel(t, '|').length === 1) || t.startsWith('['))
    return 'array';
  return 'other';
}
