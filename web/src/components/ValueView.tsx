/**
 * Shows a JSON-like value as text (never HTML), with the node at `highlight` (a path like `out[3][1]`, as named by
 * the structural diff) marked. Long arrays are shortened around the highlighted element.
 */
import type { ReactNode } from 'react';

const MAX_ITEMS = 60;
const INLINE_WIDTH = 72;

export function formatLeaf(v: unknown): string {
  if (typeof v === 'number') {
    if (Object.is(v, -0)) return '-0';
    return String(v);
  }
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'boolean') return String(v);
  return String(v);
}

function isTagged(v: unknown): string | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const keys = Object.keys(v);
  if (keys.length !== 1) return null;
  const o = v as Record<string, unknown>;
  if (keys[0] === '$bigint' && typeof o.$bigint === 'string') return `${o.$bigint}n`;
  if (keys[0] === '$unserializable') return `<${String(o.$unserializable)}>`;
  return null;
}

function isLeaf(v: unknown): boolean {
  return v === null || typeof v !== 'object' || isTagged(v) !== null;
}

const keyPath = (path: string, key: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

/** Compact one-line text of a value (for measuring and for inline display), capped. */
export function compactText(v: unknown, cap = 2000): string {
  let out = '';
  const walk = (x: unknown): void => {
    if (out.length > cap) return;
    const tag = isTagged(x);
    if (tag !== null) out += tag;
    else if (isLeaf(x)) out += formatLeaf(x);
    else if (Array.isArray(x)) {
      out += '[';
      x.forEach((y, i) => {
        if (i) out += ', ';
        walk(y);
      });
      out += ']';
    } else {
      out += '{';
      Object.keys(x as object).forEach((k, i) => {
        if (i) out += ', ';
        out += `${JSON.stringify(k)}: `;
        walk((x as Record<string, unknown>)[k]);
      });
      out += '}';
    }
  };
  walk(v);
  return out.length > cap ? `${out.slice(0, cap)}…` : out;
}

function shownIndices(length: number, focus: number | null): Array<number | { gap: number }> {
  if (length <= MAX_ITEMS) return Array.from({ length }, (_, i) => i);
  const keep = new Set<number>();
  for (let i = 0; i < 40; i++) keep.add(i);
  for (let i = length - 5; i < length; i++) keep.add(i);
  if (focus !== null) for (let i = focus - 8; i <= focus + 8; i++) if (i >= 0 && i < length) keep.add(i);
  const sorted = [...keep].sort((a, b) => a - b);
  const out: Array<number | { gap: number }> = [];
  let prev = -1;
  for (const i of sorted) {
    if (i > prev + 1) out.push({ gap: i - prev - 1 });
    out.push(i);
    prev = i;
  }
  return out;
}

function focusIndex(path: string, highlight: string | null): number | null {
  if (!highlight || !highlight.startsWith(`${path}[`)) return null;
  const m = /^\[(\d+)\]/.exec(highlight.slice(path.length));
  return m ? Number(m[1]) : null;
}

function renderNode(v: unknown, path: string, highlight: string | null, indent: string): ReactNode {
  const marked = highlight !== null && (highlight === path || highlight === `${path}.length`);
  const wrap = (node: ReactNode): ReactNode =>
    marked ? (
      <mark className="value-hl" data-path={path} key={path}>
        {node}
      </mark>
    ) : (
      node
    );
  const tag = isTagged(v);
  if (tag !== null) return wrap(<span className="v-special">{tag}</span>);
  if (isLeaf(v)) {
    const cls =
      typeof v === 'string'
        ? 'v-str'
        : typeof v === 'number'
          ? Number.isFinite(v) && !Object.is(v, -0)
            ? 'v-num'
            : 'v-special'
          : 'v-kw';
    return wrap(<span className={cls}>{formatLeaf(v)}</span>);
  }
  const inner = highlight !== null && highlight.startsWith(path) && !marked;
  const short = compactText(v, INLINE_WIDTH + 1);
  const allLeaves = Array.isArray(v) ? v.every(isLeaf) : Object.values(v as object).every(isLeaf);
  const multiline = !(short.length <= INLINE_WIDTH || (allLeaves && Array.isArray(v)));
  const nextIndent = multiline ? `${indent}  ` : indent;
  const sep = multiline ? `,\n${nextIndent}` : ', ';
  const open = multiline ? `\n${nextIndent}` : '';
  const close = multiline ? `\n${indent}` : '';
  if (Array.isArray(v)) {
    const parts: ReactNode[] = [];
    shownIndices(v.length, inner ? focusIndex(path, highlight) : null).forEach((item, n) => {
      if (n) parts.push(sep);
      if (typeof item === 'number')
        parts.push(
          <span key={item}>{renderNode(v[item], `${path}[${item}]`, inner ? highlight : null, nextIndent)}</span>,
        );
      else parts.push(<span className="v-gap" key={`gap${n}`}>{`… ${item.gap} more …`}</span>);
    });
    return wrap(
      <span>
        {'['}
        {v.length ? open : ''}
        {parts}
        {v.length ? close : ''}
        {']'}
      </span>,
    );
  }
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  const parts: ReactNode[] = [];
  keys.forEach((k, n) => {
    if (n) parts.push(sep);
    parts.push(
      <span key={k}>
        <span className="v-key">{JSON.stringify(k)}</span>
        {': '}
        {renderNode(obj[k], keyPath(path, k), inner ? highlight : null, nextIndent)}
      </span>,
    );
  });
  return wrap(
    <span>
      {'{'}
      {keys.length ? open : ''}
      {parts}
      {keys.length ? close : ''}
      {'}'}
    </span>,
  );
}

export function ValueView({
  value,
  highlight = null,
  label,
}: {
  value: unknown;
  highlight?: string | null;
  label?: string;
}) {
  return (
    <pre className="value" aria-label={label} tabIndex={0}>
      {renderNode(value, 'out', highlight, '')}
    </pre>
  );
}

/** A test input `{ fn, args }` shown as a call: `fn(arg1, arg2)` (or its driver spec). */
export function InputView({ input }: { input: unknown }) {
  const i = (input ?? {}) as { fn?: unknown; args?: unknown; spec?: unknown };
  if (typeof i.fn === 'string' && Array.isArray(i.args)) {
    const args = i.args;
    return (
      <pre className="value" aria-label="input" tabIndex={0}>
        <span className="v-fn">{i.fn}</span>
        {'('}
        {args.map((a, n) => (
          <span key={n}>
            {n ? ', ' : ''}
            {renderNode(a, `arg${n}`, null, '  ')}
          </span>
        ))}
        {')'}
      </pre>
    );
  }
  if (typeof i.fn === 'string' && i.spec !== undefined) {
    return (
      <pre className="value" aria-label="input" tabIndex={0}>
        <span className="v-fn">{i.fn}</span>
        {' built from '}
        {renderNode(i.spec, 'spec', null, '')}
      </pre>
    );
  }
  return <ValueView value={input} label="input" />;
}
