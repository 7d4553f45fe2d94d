/**
 * TypeScript → JavaScript with esbuild-wasm (no type checking: type errors never block a run).
 *
 * The solution is compiled to CommonJS so that `export function f` and a plain top-level `function f` (the
 * LeetCode habit) both leave a binding named `f` in one function scope; the sandbox wraps the code in a function
 * and reads the entries from `module.exports` first, then from those bindings (see sandbox/prelude.ts).
 *
 * esbuild itself is injected (`EsbuildApi`): Node uses the in-process WebAssembly build, the browser the same
 * build in its worker. Both need warming: the first ~250 transforms of a fresh instance are slow (JIT and Go GC),
 * then a transform takes ~3 ms.
 */
import type { Result } from '../errors.ts';

export interface EsbuildApi {
  transform(
    input: string,
    options: {
      loader: 'ts';
      format: 'cjs';
      sourcemap: 'external';
      sourcefile: string;
      target: string;
      logLevel: 'silent';
    },
  ): Promise<{ code: string; map: string }>;
}

export interface CompiledProgram {
  /** CommonJS JavaScript; evaluated inside the sandbox's module wrapper. */
  js: string;
  /** esbuild's source map (JSON text) from `js` back to the TypeScript source. */
  sourceMap: string;
}

export interface CompileError {
  message: string;
  /** 1-based line in the user's source. */
  line: number;
  /** 1-based column, in characters (esbuild reports UTF-8 bytes). */
  column: number;
  lineText: string;
}

export const SOURCE_FILE = 'solution.ts';

/** Source size cap: the server enforces its own (smaller) request cap; this protects the engine itself. */
export const MAX_SOURCE_BYTES = 1 << 20;

interface EsbuildMessage {
  text: string;
  location: { line: number; column: number; lineText: string } | null;
}

function byteColumnToCharColumn(lineText: string, byteColumn: number): number {
  const bytes = new TextEncoder().encode(lineText);
  return new TextDecoder().decode(bytes.subarray(0, byteColumn)).length;
}

export async function transpile(esbuild: EsbuildApi, source: string): Promise<Result<CompiledProgram, CompileError>> {
  if (source.length > MAX_SOURCE_BYTES) {
    return {
      ok: false,
      error: { message: `source is larger than ${MAX_SOURCE_BYTES} bytes`, line: 1, column: 1, lineText: '' },
    };
  }
  try {
    const out = await esbuild.transform(source, {
      loader: 'ts',
      format: 'cjs',
      sourcemap: 'external',
      sourcefile: SOURCE_FILE,
      // QuickJS implements ES2023; keeping the target there makes esbuild lower nothing we do not need.
      target: 'es2023',
      logLevel: 'silent',
    });
    return { ok: true, value: { js: out.code, sourceMap: out.map } };
  } catch (e) {
    const first = (e as { errors?: EsbuildMessage[] }).errors?.[0];
    if (!first) throw e; // not a compile error: a broken esbuild is a judge fault, the caller maps it to JE
    const loc = first.location;
    return {
      ok: false,
      error: {
        message: first.text,
        line: loc?.line ?? 1,
        column: loc ? byteColumnToCharColumn(loc.lineText, loc.column) + 1 : 1,
        lineText: loc?.lineText ?? '',
      },
    };
  }
}

/**
 * Names from `entries` that do not occur in the compiled code at all. A missing entry is reported at compile time
 * (CE) with its name; one that occurs but is not a function at run time is a runtime error with the same wording.
 */
export function missingEntries(program: CompiledProgram, entries: readonly string[]): string[] {
  return entries.filter((name) => !new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}($|[^\\w$])`).test(program.js));
}

export function missingEntryMessage(missing: readonly string[]): string {
  const list = missing.map((n) => `\`${n}\``).join(', ');
  return `Your code does not define ${list}. Define ${missing.length > 1 ? 'them' : 'it'} at the top level, e.g. \`export function ${missing[0]}(...) { ... }\`.`;
}

/**
 * What warm-up transforms compile: a solution-shaped program with the syntax solutions use (types, interfaces,
 * classes, generics, generators, closures), so the parser and printer paths a real compile takes get warm too.
 */
export const WARM_UP_SOURCE = `interface Item { key: number; value: string }
type Pair<T> = [T, T];
export class MinHeap<T> {
  private readonly a: T[] = [];
  constructor(private readonly less: (x: T, y: T) => boolean) {}
  get size(): number { return this.a.length; }
  push(x: T): void {
    const a = this.a; a.push(x);
    for (let i = a.length - 1; i > 0; ) { const p = (i - 1) >> 1; if (!this.less(a[i]!, a[p]!)) break; [a[i], a[p]] = [a[p]!, a[i]!]; i = p; }
  }
}
export function* pairs<T>(xs: readonly T[]): Generator<Pair<T>> { for (let i = 1; i < xs.length; i++) yield [xs[i - 1]!, xs[i]!]; }
export function f(items: Item[], k = 3, opts?: { strict?: boolean }): number[] {
  const seen = new Map<number, string>();
  const out: number[] = [];
  for (const { key, value } of items) if (key > k && !(opts?.strict ?? false)) { seen.set(key, \`\${value}:\${key}\`); out.push(key * 2); }
  return out.sort((x, y) => x - y).filter((x, i, a) => i === 0 || a[i - 1] !== x);
}
`;

/** Warm a fresh esbuild instance so user-facing compiles take the fast path (see the module comment). */
export async function warmUp(esbuild: EsbuildApi, rounds = 250): Promise<void> {
  for (let i = 0; i < rounds; i++) await transpile(esbuild, `${WARM_UP_SOURCE}// ${i}\n`);
}
