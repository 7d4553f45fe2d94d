/**
 * Hints for runtime errors that come from the sandbox being a different runtime than the user's (issue 10): the
 * bare engine message ("'Buffer' is not defined", "too many arguments") tells the user what failed but not why it
 * works in Node and what to write instead. Pure: (error name, message, limits) → a sentence, or undefined.
 */
export interface HintContext {
  /** The sandbox's stack size, for the stack-overflow hint. */
  stackBytes: number;
}

const NODE_ONLY: Record<string, string> = {
  Buffer: 'Buffer is Node-only: use TextEncoder/TextDecoder for UTF-8 bytes and Uint8Array for byte arrays.',
  require: 'require() is not available: the sandbox has no modules; everything you need is built in (no imports).',
  process:
    'process is not available in the sandbox: your function receives its input as arguments and returns its answer.',
  module: 'module is not available: export your functions with `export function name(...)`.',
  setTimeout:
    'timers (setTimeout/setInterval) are not available: the judge calls your function synchronously; use queueMicrotask or a loop.',
  setInterval: 'timers (setTimeout/setInterval) are not available: the judge calls your function synchronously.',
  setImmediate: 'setImmediate is not available: the judge calls your function synchronously; use queueMicrotask.',
  fetch: 'fetch is not available: the sandbox has no network.',
  window: 'window is not available: the sandbox is not a browser page (use globalThis).',
  document: 'document is not available: the sandbox is not a browser page.',
  global: 'global is Node-only: use globalThis.',
  WeakRef:
    'WeakRef and FinalizationRegistry are removed: their behaviour depends on garbage-collection timing, which would make verdicts nondeterministic.',
  FinalizationRegistry:
    'WeakRef and FinalizationRegistry are removed: their behaviour depends on garbage-collection timing, which would make verdicts nondeterministic.',
  Atomics: 'Atomics is not available: the sandbox runs a single thread.',
  WebAssembly: 'WebAssembly is not available inside the sandbox.',
};

export function runtimeHint(name: string, message: string, ctx: HintContext): string | undefined {
  const undefinedName = /^'?([A-Za-z_$][\w$]*)'? is not defined$/.exec(message)?.[1];
  if (name === 'ReferenceError' && undefinedName !== undefined) return NODE_ONLY[undefinedName];
  if (name === 'RangeError' && /too many arguments/.test(message)) {
    return "a call with a spread or apply of more than 65,534 arguments (e.g. Math.max(...arr) on a large array) exceeds the engine's limit: use a loop or arr.reduce((m, x) => Math.max(m, x), -Infinity).";
  }
  if (/stack overflow|Maximum call stack/i.test(message)) {
    const mib = (ctx.stackBytes / (1024 * 1024)).toFixed(ctx.stackBytes % (1024 * 1024) === 0 ? 0 : 1);
    const frames = Math.round((ctx.stackBytes / (2 * 1024 * 1024)) * 10_900);
    return `the recursion went deeper than the sandbox's ${mib} MiB stack allows (about ${frames.toLocaleString('en-US')} frames of a simple recursive function; Node's default is about 11,000): use an explicit stack or a loop for deep inputs.`;
  }
  if (name === 'TypeError' && /Intl\.|Intl is/.test(message)) {
    return 'only Intl.Collator and Intl.NumberFormat (en-US) exist in the sandbox: the rest of Intl is not available.';
  }
  return undefined;
}
