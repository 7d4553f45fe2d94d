/**
 * Native operations are charged in steps by the work they do (issue 10). QuickJS counts ticks on branches and calls
 * of interpreted code only, so `indexOf`, `splice`, `slice`, `sort` or `join` over 10^6 elements cost almost nothing,
 * and an O(n·k) merge built on `splice` passed where its loop equivalent is TLE. Each wrapped built-in below adds
 * one tick per element or character it touches (sorting without a comparator: n·⌈log2 n⌉), the cost of the simplest
 * interpreted loop doing the same work (a `for...of` step or a callback call is one tick; see the README). The
 * charge is deterministic: it depends only on the arguments.
 *
 * Installed just before the user's module runs (after the prelude and the driver captured the originals they use),
 * so the judge's own work is never charged to the user. A wrapper keeps the native's name, length, non-constructor
 * nature and `toString()`; `charge(ticks)` is the prelude's accumulator, flushed to the host once per 10^4 ticks.
 * What cannot be wrapped (spread syntax `[...a]`, `f(...a)`, string `+`) stays uncharged; the README says so.
 * No backticks or dollar-brace sequences below: this is a String.raw template.
 */
export const CHARGES_SOURCE = String.raw`(function installCharges(charge, registerNative) {
  'use strict';
  const defineProperty = Object.defineProperty;
  const getOwnDesc = Object.getOwnPropertyDescriptor;
  const getProto = Object.getPrototypeOf;
  const apply = Reflect.apply;
  const isArray = Array.isArray;
  const log2ceil = (n) => (n < 2 ? 1 : 32 - Math.clz32(n - 1));
  const TypedArrayProto = getProto(Uint8Array.prototype);
  const taLength = getOwnDesc(TypedArrayProto, 'length').get;
  const isTyped = (o) => { try { apply(taLength, o, []); return true; } catch (e) { return false; } };
  const lengthOf = (o) => {
    if (typeof o === 'string') return o.length;
    if (o === null || o === undefined) return 0;
    if (isArray(o)) return o.length;
    if (typeof o === 'object' && isTyped(o)) return apply(taLength, o, []);
    const n = +o.length;
    return n > 0 ? (n > 4294967295 ? 4294967295 : n) : 0;
  };
  const rel = (x, n, dflt) => {
    if (x === undefined) return dflt;
    let v = +x;
    if (v !== v) v = 0;
    v = v < 0 ? Math.ceil(v) : Math.floor(v);
    if (v < 0) { v += n; return v < 0 ? 0 : v; }
    return v > n ? n : v;
  };
  // How much work each built-in does, from its receiver, arguments and result.
  const scanFrom = (self, args, r) => { const n = lengthOf(self); const from = rel(args[1], n, 0); return r >= 0 ? r - from + 1 : n - from; };
  const scanBack = (self, args, r) => { const n = lengthOf(self); const from = args.length > 1 ? rel(args[1], n, n - 1) : n - 1; return r >= 0 ? from - r + 1 : from + 1; };
  const receiver = (self) => lengthOf(self);
  const result = (self, args, r) => lengthOf(r);
  const both = (self, args, r) => lengthOf(self) + lengthOf(r);
  const COST = {
    indexOf: scanFrom,
    lastIndexOf: scanBack,
    includes: receiver,
    slice: result,
    splice: (self, args, r) => { const n = lengthOf(self) + lengthOf(r); const start = rel(args[0], n, 0); return n - start + (args.length > 2 ? args.length - 2 : 0); },
    concat: result,
    join: (self, args, r) => lengthOf(self) + lengthOf(r),
    fill: (self, args) => { const n = lengthOf(self); return rel(args[2], n, n) - rel(args[1], n, 0); },
    reverse: receiver,
    copyWithin: receiver,
    toReversed: result,
    toSpliced: result,
    with: result,
    flat: both,
    shift: receiver,
    unshift: receiver,
    sort: (self, args) => { const n = lengthOf(self); return typeof args[0] === 'function' ? n : n * log2ceil(n); },
    toSorted: (self, args) => { const n = lengthOf(self); return typeof args[0] === 'function' ? n : n * log2ceil(n); },
    set: (self, args) => lengthOf(args[0]),
    // strings
    startsWith: (self, args) => lengthOf(args[0]),
    endsWith: (self, args) => lengthOf(args[0]),
    substring: result,
    substr: result,
    split: both,
    repeat: result,
    replace: both,
    replaceAll: both,
    padStart: result,
    padEnd: result,
    trim: receiver,
    trimStart: receiver,
    trimEnd: receiver,
    toLowerCase: receiver,
    toUpperCase: receiver,
    normalize: receiver,
    match: receiver,
    matchAll: receiver,
    search: receiver,
  };
  const native = (fn, name) => { registerNative(fn, name); return fn; };
  // Replaces obj[name] by a wrapper that charges cost(receiver, arguments, result) ticks after the native call.
  const wrap = (obj, name, cost) => {
    const d = getOwnDesc(obj, name);
    if (!d || typeof d.value !== 'function') return;
    const orig = d.value;
    const w = native({ [name]() {
      const r = apply(orig, this, arguments);
      const ticks = cost(this, arguments, r);
      if (ticks > 0) charge(ticks);
      return r;
    } }[name], name);
    defineProperty(w, 'length', { value: orig.length, configurable: true });
    defineProperty(obj, name, { value: w, writable: d.writable, enumerable: d.enumerable, configurable: d.configurable });
  };
  const ARRAY = ['indexOf', 'lastIndexOf', 'includes', 'slice', 'splice', 'concat', 'join', 'fill', 'reverse', 'copyWithin', 'toReversed', 'toSpliced', 'with', 'flat', 'shift', 'unshift', 'sort', 'toSorted'];
  for (let i = 0; i < ARRAY.length; i++) wrap(Array.prototype, ARRAY[i], COST[ARRAY[i]]);
  const TYPED = ['indexOf', 'lastIndexOf', 'includes', 'slice', 'join', 'fill', 'reverse', 'copyWithin', 'toReversed', 'with', 'sort', 'toSorted', 'set'];
  for (let i = 0; i < TYPED.length; i++) wrap(TypedArrayProto, TYPED[i], COST[TYPED[i]]);
  const STRING = ['indexOf', 'lastIndexOf', 'includes', 'startsWith', 'endsWith', 'slice', 'substring', 'substr', 'split', 'repeat', 'replace', 'replaceAll', 'padStart', 'padEnd', 'concat', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'normalize', 'match', 'matchAll', 'search'];
  for (let i = 0; i < STRING.length; i++) wrap(String.prototype, STRING[i], COST[STRING[i]]);

  // Functions of constructors: the work is the size of what they build or read (the receiver does not matter).
  const wrapStatic = (obj, name, cost) => wrap(obj, name, (self, args, r) => cost(args, r));
  const resultLength = (args, r) => lengthOf(r);
  wrapStatic(Array, 'from', (args, r) => (typeof args[1] === 'function' ? 0 : lengthOf(r)));
  wrapStatic(Object, 'keys', resultLength);
  wrapStatic(Object, 'values', resultLength);
  wrapStatic(Object, 'entries', resultLength);
  wrapStatic(Object, 'getOwnPropertyNames', resultLength);
  wrapStatic(JSON, 'stringify', (args, r) => lengthOf(r));
  wrapStatic(JSON, 'parse', (args) => lengthOf(args[0]));
  wrapStatic(String, 'fromCharCode', (args) => args.length);
  wrapStatic(String, 'fromCodePoint', (args) => args.length);
})`;
