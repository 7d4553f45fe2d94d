import { CHARGES_SOURCE } from './charges-source.ts';
import { GLOBALS_SOURCE } from './globals-source.ts';

/**
 * The judge's code inside the sandbox. It is evaluated first in every fresh context, before the problem's driver
 * and long before the user's code, so it captures every intrinsic it needs (`JSON`, `Reflect.apply`, ...) while they
 * are still the originals: a solution that overwrites `JSON.stringify` or `Array.prototype.push` cannot change how
 * its result is read. It also makes the context deterministic (seeded `Math.random`, no `WeakRef` or
 * `FinalizationRegistry`, clocks that advance with the step counter) and installs the runtime users know
 * (globals-source.ts) and the charges for native operations (charges-source.ts).
 *
 * It evaluates to a function `(hostWrite, hostCharge, hostClock, chargeNatives) => api` (chargeNatives is false only
 * in the benchmark that measures what the charges cost); the host calls, in order:
 *   init(driverFactory)       judge phase: the driver's top-level code;
 *   load(solutionFactory)     user phase: charges are installed, then the module's top-level code runs;
 *     -- the host may take a snapshot of the sandbox's memory here and restore it before every test --
 *   prepare(inputText, seed)  judge phase: seeds Math.random and builds the test's arguments; or, for a test whose
 *                             arguments the host keeps as binary JSON (built once by prepare() in a context without
 *                             user code, then copied out with builtArgs/isExactCopy/inputMeta),
 *   usePrepared(meta, args, seed)  the same from the decoded copy;
 *   call(outputCap)           user phase: calls the entry and encodes its result.
 * Tagging rules for values mirror codec.ts. Results are strings: `R<json>` (returned), `T<json {name,message,stack}>`
 * (threw), `O<length>` (output too big).
 */
export const PRELUDE_SOURCE = String.raw`(function (hostWrite, hostCharge, hostClock, chargeNatives) {
  'use strict';
  const G = globalThis;
  const defineProperty = Object.defineProperty;
  const objectIs = Object.is;
  const objectKeys = Object.keys;
  const getOwnDesc = Object.getOwnPropertyDescriptor;
  const getProto = Object.getPrototypeOf;
  const isExtensible = Object.isExtensible;
  const ObjectProto = Object.prototype;
  const ArrayProto = Array.prototype;
  const freeze = Object.freeze;
  const apply = Reflect.apply;
  const isArray = Array.isArray;
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const isFinite = Number.isFinite;
  const toStr = String;
  const ErrorCtor = Error;
  // QuickJS's InternalError: out of memory, stack overflow, interrupted. Never an "expected" throw.
  const InternalErrorCtor = G.InternalError;
  const strSlice = String.prototype.slice;
  const arrJoin = Array.prototype.join;
  const arrPush = Array.prototype.push;
  const MAX_TEXT = 4096;
  const slice = (s, n) => apply(strSlice, s, [0, n]);

  delete G.WeakRef;
  delete G.FinalizationRegistry;

  // sfc32, seeded per test in prepare() (same algorithm as harness/src/rng.ts).
  let a = 0, b = 0, c = 0, d = 0;
  const reseed = (seed) => {
    a = 0x9e3779b9 ^ (seed >>> 0); b = 0x243f6a88; c = 0xb7e15162; d = 1;
    for (let i = 0; i < 15; i++) next();
  };
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  defineProperty(Math, 'random', { value: function random() { return next() / 4294967296; }, writable: false, configurable: false, enumerable: false });

  const show = (x) => {
    switch (typeof x) {
      case 'string': return x;
      case 'number': return objectIs(x, -0) ? '-0' : toStr(x);
      case 'bigint': return toStr(x) + 'n';
      case 'function': return '[Function]';
      case 'object':
        if (x === null) return 'null';
        if (x instanceof ErrorCtor) { try { return toStr(x.stack || x); } catch (e) { return '[Error]'; } }
        try {
          const s = stringify(x, (k, v) => (typeof v === 'number' && (!isFinite(v) || objectIs(v, -0)) ? (objectIs(v, -0) ? '-0' : toStr(v)) : typeof v === 'bigint' ? toStr(v) + 'n' : v));
          return s === undefined ? toStr(x) : s;
        } catch (e) { return '[object]'; }
      default: return toStr(x);
    }
  };
  const logger = (level) => function () {
    const parts = [];
    for (let i = 0; i < arguments.length; i++) parts[i] = show(arguments[i]);
    hostWrite(level, apply(arrJoin, parts, [' ']));
  };
  const con = { log: logger('log'), info: logger('info'), debug: logger('debug'), warn: logger('warn'), error: logger('error') };
  defineProperty(G, 'console', { value: con, writable: true, configurable: true, enumerable: false });

  // Built-ins wrapped by the judge still print as native code.
  const fnToString = Function.prototype.toString;
  const natives = new WeakMap();
  const weakGet = WeakMap.prototype.get;
  const weakSet = WeakMap.prototype.set;
  const registerNative = (fn, name) => { apply(weakSet, natives, [fn, name]); };
  const toStringWrapper = { toString() {
    const name = apply(weakGet, natives, [this]);
    return name !== undefined ? 'function ' + name + '() {\n    [native code]\n}' : apply(fnToString, this, []);
  } }.toString;
  registerNative(toStringWrapper, 'toString');
  defineProperty(Function.prototype, 'toString', { value: toStringWrapper, writable: true, configurable: true, enumerable: false });

  (${GLOBALS_SOURCE})(G, { clock: () => hostClock(), log: hostWrite, show });

  // Native operations are charged by the work they do (charges-source.ts): ticks accumulate here and reach the
  // host's step counter once per 10^4 (one step), so a cheap call costs no host round trip.
  let pendingTicks = 0;
  const charge = (ticks) => {
    pendingTicks += ticks;
    if (pendingTicks >= 10000) {
      const steps = (pendingTicks / 10000) | 0;
      pendingTicks -= steps * 10000;
      hostCharge(steps);
    }
  };
  const installCharges = ${CHARGES_SOURCE};
  let charged = false;

  const replacer = (k, v) => {
    switch (typeof v) {
      case 'number': return isFinite(v) ? (objectIs(v, -0) ? { $num: '-0' } : v) : { $num: toStr(v) };
      case 'undefined': return { $undefined: true };
      case 'bigint': return { $bigint: toStr(v) };
      case 'function': case 'symbol': return { $unserializable: typeof v };
      default: return v;
    }
  };
  const reviver = (k, v) => {
    if (v === null || typeof v !== 'object' || isArray(v)) return v;
    const keys = objectKeys(v);
    if (keys.length === 1 && keys[0] === '$num') {
      const s = v.$num;
      if (s === '-0') return -0;
      if (s === 'Infinity') return 1 / 0;
      if (s === '-Infinity') return -1 / 0;
      if (s === 'NaN') return 0 / 0;
    }
    if (keys.length === 1 && keys[0] === '$undefined') return undefined;
    return v;
  };
  // A T-result is built from string primitives only: JSON.stringify consults toJSON on objects, never on strings,
  // so a solution's Object.prototype.toJSON cannot reshape (or erase) the report of its own error.
  const thrown = (name, message, stack) => 'T{"name":' + stringify(slice(toStr(name), 200)) + ',"message":' + stringify(slice(toStr(message), MAX_TEXT)) + ',"stack":' + stringify(slice(toStr(stack), MAX_TEXT)) + '}';
  const describe = (e) => {
    let name = 'Error', message = '', stack = '';
    if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
      try { name = toStr(e.name); } catch (x) { name = 'Error'; }
      try { message = toStr(e.message); } catch (x) { message = ''; }
      try { stack = e.stack === undefined ? '' : toStr(e.stack); } catch (x) { stack = ''; }
      let isError = false;
      try { isError = e instanceof ErrorCtor; } catch (x) { isError = false; }
      if (!isError) { name = 'Uncaught'; try { message = show(e); } catch (x) { message = '[object]'; } }
    } else {
      name = 'Uncaught';
      message = show(e);
    }
    return thrown(name, message, stack);
  };

  // JSON.stringify calls any toJSON it finds on a value's prototype chain, so a solution that installs
  // Object.prototype.toJSON (or Array.prototype.toJSON) could rewrite what a driver returns, e.g. drop its
  // "violation" field. Before serializing, shadow both with a locked, non-callable toJSON: the values the
  // judge or a driver builds (plain objects and arrays) then serialize as they are. A solution's own objects
  // may still define their own toJSON: that is its answer. Returns false if the user locked these first.
  const NO_TO_JSON = { value: undefined, writable: false, enumerable: false, configurable: false };
  const isSentinel = (d) => d !== undefined && 'value' in d && d.value === undefined && !d.writable && !d.configurable;
  const shadowToJSON = (P) => {
    const d = getOwnDesc(P, 'toJSON');
    if (isSentinel(d)) return true;
    if (d !== undefined ? d.configurable : isExtensible(P)) { defineProperty(P, 'toJSON', NO_TO_JSON); return true; }
    if (d !== undefined) return false;
    // Non-extensible and without toJSON: its prototype cannot change either; Object.prototype is checked first.
    return P === ObjectProto || getProto(P) === ObjectProto;
  };
  const lockToJSON = () => shadowToJSON(ObjectProto) && shadowToJSON(ArrayProto);

  // Whether 'copy' (the built arguments after a round trip through QuickJS's binary JSON) is exactly 'orig': the same
  // tree of plain, extensible objects and arrays (prototype, own keys in order, values by Object.is; an object's
  // properties plain writable, enumerable, configurable data properties), with no object reached twice (binary JSON would duplicate a shared object
  // and cannot hold a cycle). Anything else (a Map, a typed array, a getter, a function, a hole, a frozen array) is not
  // copied: that test's arguments are built in the session as before. An array's elements are compared by value, not
  // one by one by attributes (a descriptor per element would cost more than the build): drivers build arrays with
  // plain elements. Runs only in a context no user code has run in, on arguments about to be thrown away (the memory
  // is restored next), so it marks the objects it has seen on the objects themselves (a Set costs 7x more here).
  const ownKeys = Reflect.ownKeys;
  const SEEN = Symbol('seen');
  const sameArgs = (orig, copy) => {
    const todo = [orig, copy];
    let top = 2;
    while (top > 0) {
      const y = todo[--top];
      const x = todo[--top];
      const t = typeof x;
      if (t !== typeof y || t === 'function' || t === 'symbol') return false;
      if (x === null || t !== 'object') { if (!objectIs(x, y)) return false; continue; }
      if (y === null || !isExtensible(x) || !isExtensible(y) || x[SEEN] === true) return false;
      const proto = getProto(x);
      if ((proto !== ObjectProto && proto !== ArrayProto) || getProto(y) !== proto) return false;
      const kx = ownKeys(x);
      const ky = ownKeys(y);
      const n = kx.length;
      if (n !== ky.length) return false;
      if (proto === ArrayProto) {
        // The own keys of an array without holes are its indices, then 'length'.
        if (!isArray(x) || !isArray(y) || x.length !== n - 1) return false;
        for (let i = 0; i < n - 1; i++) {
          const v = x[i];
          const w = y[i];
          if (v !== null && typeof v === 'object') { todo[top++] = v; todo[top++] = w; }
          else if (!objectIs(v, w) || typeof v === 'function' || typeof v === 'symbol') return false;
        }
      } else {
        for (let i = 0; i < n; i++) {
          const k = kx[i];
          if (k !== ky[i]) return false;
          // Binary JSON decodes every property as a plain writable, enumerable, configurable data property, so the
          // copy's need no descriptor: the original's must be one of those too.
          const dx = getOwnDesc(x, k);
          if (!('value' in dx) || !dx.writable || !dx.enumerable || !dx.configurable) return false;
          todo[top++] = dx.value;
          todo[top++] = y[k];
        }
      }
      x[SEEN] = true;
    }
    return true;
  };

  let driver = null, input = null, args = null, exportsObj = null, bindings = null;
  return freeze({
    // Judge phase: the driver's top-level code (it captures the built-ins it needs before any user code runs).
    init(driverFactory) {
      driver = driverFactory ? driverFactory() : null;
    },
    // Judge phase: seed Math.random and build the arguments (counted against the judge, not the user).
    prepare(inputText, seed) {
      reseed(seed);
      input = parse(inputText, reviver);
      if (input.args !== undefined) args = input.args;
      else if (driver && typeof driver.buildArgs === 'function') args = driver.buildArgs(input.fn, input.spec);
      else throw new ErrorCtor('test has a spec but the problem has no driver.buildArgs');
      if (!isArray(args)) throw new ErrorCtor('test arguments are not an array');
    },
    // Judge phase, in a context without user code, after prepare(): the built arguments (the host copies them out as
    // binary JSON), whether a decoded copy is exact, and what call() needs of the input besides them.
    builtArgs() {
      return args;
    },
    isExactCopy(copy) {
      return sameArgs(args, copy) ? 'exact' : '';
    },
    inputMeta() {
      return stringify({ fn: input.fn, expectError: input.expectError === true });
    },
    // Judge phase: a test whose arguments the host decoded from the binary JSON copy (instead of prepare()).
    usePrepared(metaText, copy, seed) {
      reseed(seed);
      input = parse(metaText);
      args = copy;
      if (!isArray(args)) throw new ErrorCtor('test arguments are not an array');
    },
    // User phase 1: run the module's top-level code. Returns '' or a T-result.
    load(solutionFactory) {
      if (!charged) { charged = true; if (chargeNatives) installCharges(charge, registerNative); }
      const module = { exports: {} };
      try {
        bindings = solutionFactory(module, module.exports);
        exportsObj = module.exports;
        return '';
      } catch (e) {
        return describe(e);
      }
    },
    // User phase 2: call the entry and encode the result.
    call(outputCap) {
      const fn = input.fn;
      let impl;
      try { impl = exportsObj !== null && (typeof exportsObj === 'object' || typeof exportsObj === 'function') ? exportsObj[fn] : undefined; } catch (e) { return describe(e); }
      if (typeof impl !== 'function') impl = bindings[fn];
      if (typeof impl !== 'function') {
        return thrown('MissingEntry', 'Your code does not define a function named ' + fn + ' (found ' + (impl === undefined ? 'nothing' : typeof impl) + '). Define it at the top level, e.g. export function ' + fn + '(...) { ... }', '');
      }
      const solution = {};
      const names = objectKeys(bindings);
      for (let i = 0; i < names.length; i++) {
        let f;
        try { f = exportsObj[names[i]]; } catch (e) { f = undefined; }
        solution[names[i]] = typeof f === 'function' ? f : bindings[names[i]];
      }
      let out;
      try {
        out = driver && typeof driver.invoke === 'function' ? driver.invoke(fn, solution, args) : apply(impl, undefined, args);
      } catch (e) {
        if (input.expectError === true && !(InternalErrorCtor && e instanceof InternalErrorCtor)) out = { threw: true };
        else return describe(e);
      }
      let text;
      try {
        if (!lockToJSON()) return thrown('OutputError', 'the result cannot be serialized: toJSON was locked on Object.prototype or Array.prototype', '');
        text = stringify(out, replacer);
        if (text === undefined) text = '{"$undefined":true}';
      } catch (e) {
        let why = '';
        try { why = slice(toStr(e !== null && (typeof e === 'object' || typeof e === 'function') ? e.message : e), 300); } catch (x) { why = '[unreadable]'; }
        return thrown('OutputError', 'the returned value cannot be serialized: ' + why, '');
      }
      if (text.length > outputCap) return 'O' + text.length;
      return 'R' + text;
    },
  });
})`;

/** Wraps CommonJS code (from esbuild) into a factory `(module, exports) => bindings` evaluated inside the sandbox. */
export function wrapSolution(js: string, entries: readonly string[]): string {
  const probes = entries.map((n) => `${JSON.stringify(n)}: typeof ${n} === 'undefined' ? undefined : ${n}`).join(', ');
  return `(function (module, exports) {\n${js}\n;return { ${probes} };\n})`;
}

/** Wraps a problem driver's CommonJS code into a factory `() => module.exports`. */
export function wrapDriver(js: string): string {
  return `(function () { const module = { exports: {} }; const exports = module.exports;\n${js}\n;return module.exports;\n})`;
}

/** Lines added before the user's first line by wrapSolution; subtracted when mapping stack traces. */
export const SOLUTION_LINE_OFFSET = 1;
