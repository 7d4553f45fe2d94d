/**
 * The parts of the JavaScript runtime users know (from Node and browsers) that QuickJS lacks, installed in every
 * sandbox before the driver and the user's code (issue 10: correct code written for Node must run unchanged).
 * Everything here is deterministic: the clocks advance with the step counter, never with real time.
 *
 * What is added: TextEncoder/TextDecoder (UTF-8, WHATWG semantics), structuredClone, queueMicrotask, atob/btoa,
 * DOMException, performance.now(), a Date whose clock is virtual and whose "local" time is UTC, Error.captureStackTrace,
 * Array.fromAsync, console.table/dir/assert/count/time/group/trace, String.prototype.localeCompare and Intl.Collator
 * following the Unicode root collation that Node's ICU uses (exact for ASCII and Latin letters with accents), and
 * Number.prototype.toLocaleString in the en-US format. What stays absent (documented in the README, with hints):
 * the rest of Intl, require/process/Buffer, timers, fetch.
 *
 * It evaluates to `(G, host) => void`; `host.clock()` returns the virtual milliseconds since the test started,
 * `host.log(level, text)` writes to the console sink and `host.show(value)` formats a value as console.log does. The code captures the intrinsics it uses before any user code
 * runs, so a solution that replaces `Array.prototype.push` does not change how these globals behave.
 * No backticks or dollar-brace sequences below: this is a String.raw template.
 */
export const GLOBALS_SOURCE = String.raw`(function installGlobals(G, host) {
  'use strict';
  const defineProperty = Object.defineProperty;
  const getProto = Object.getPrototypeOf;
  const objectKeys = Object.keys;
  const apply = Reflect.apply;
  const construct = Reflect.construct;
  const ownKeys = Reflect.ownKeys;
  const isArray = Array.isArray;
  const fromCharCode = String.fromCharCode;
  const strCharCodeAt = String.prototype.charCodeAt;
  const strCodePointAt = String.prototype.codePointAt;
  const strNormalize = String.prototype.normalize;
  const strSlice = String.prototype.slice;
  const strReplace = String.prototype.replace;
  const strPadStart = String.prototype.padStart;
  const strPadEnd = String.prototype.padEnd;
  const strToLower = String.prototype.toLowerCase;
  const strToUpper = String.prototype.toUpperCase;
  const strRepeat = String.prototype.repeat;
  const arrPush = Array.prototype.push;
  const arrJoin = Array.prototype.join;
  const numToFixed = Number.prototype.toFixed;
  const reTest = RegExp.prototype.test;
  const mathFloor = Math.floor;
  const mathMax = Math.max;
  const mathAbs = Math.abs;
  const mathRound = Math.round;
  const isFiniteNum = Number.isFinite;
  const toStr = String;
  const U8 = Uint8Array;
  const AB = ArrayBuffer;
  const isView = ArrayBuffer.isView;
  const PromiseCtor = Promise;
  const promiseResolve = Promise.resolve.bind(Promise);
  const promiseThen = Promise.prototype.then;
  const TypeErrorCtor = TypeError;
  const RangeErrorCtor = RangeError;
  const ErrorCtor = Error;
  const MapCtor = Map;
  const mapGet = Map.prototype.get;
  const mapSet = Map.prototype.set;
  const mapHas = Map.prototype.has;
  const TypedArrayProto = getProto(Uint8Array.prototype);
  const taBuffer = Object.getOwnPropertyDescriptor(TypedArrayProto, 'buffer').get;
  const taByteOffset = Object.getOwnPropertyDescriptor(TypedArrayProto, 'byteOffset').get;
  const taByteLength = Object.getOwnPropertyDescriptor(TypedArrayProto, 'byteLength').get;
  const dvBuffer = Object.getOwnPropertyDescriptor(DataView.prototype, 'buffer').get;
  const dvByteOffset = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteOffset').get;
  const dvByteLength = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteLength').get;
  const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
  const abSlice = ArrayBuffer.prototype.slice;
  const charAt = (s, i) => apply(strCharCodeAt, s, [i]);
  const push = (a, x) => apply(arrPush, a, [x]);

  const hidden = (obj, name, value) => defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  const method = (obj, name, fn, length) => {
    defineProperty(fn, 'name', { value: name, configurable: true });
    if (length !== undefined) defineProperty(fn, 'length', { value: length, configurable: true });
    hidden(obj, name, fn);
  };

  // ---- DOMException (what structuredClone, atob and btoa throw in Node and browsers) ----
  const DOM_CODES = { IndexSizeError: 1, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11, SyntaxError: 12, InvalidCharacterError: 5, DataCloneError: 25, AbortError: 20, TimeoutError: 23 };
  class DOMException extends ErrorCtor {
    constructor(message, name) {
      super(message === undefined ? '' : toStr(message));
      const n = name === undefined ? 'Error' : toStr(name);
      defineProperty(this, 'name', { value: n, writable: true, configurable: true, enumerable: false });
      defineProperty(this, 'code', { value: DOM_CODES[n] || 0, writable: true, configurable: true, enumerable: false });
    }
  }
  hidden(G, 'DOMException', DOMException);

  // ---- TextEncoder / TextDecoder: UTF-8 only, as the WHATWG Encoding Standard specifies ----
  const encodeUtf8 = (s) => {
    const n = s.length;
    const out = [];
    for (let i = 0; i < n; i++) {
      let c = charAt(s, i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const d = charAt(s, i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; }
        else c = 0xfffd;
      } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      if (c < 0x80) out[out.length] = c;
      else if (c < 0x800) { out[out.length] = 0xc0 | (c >> 6); out[out.length] = 0x80 | (c & 63); }
      else if (c < 0x10000) { out[out.length] = 0xe0 | (c >> 12); out[out.length] = 0x80 | ((c >> 6) & 63); out[out.length] = 0x80 | (c & 63); }
      else { out[out.length] = 0xf0 | (c >> 18); out[out.length] = 0x80 | ((c >> 12) & 63); out[out.length] = 0x80 | ((c >> 6) & 63); out[out.length] = 0x80 | (c & 63); }
    }
    return out;
  };
  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(input) {
      const bytes = encodeUtf8(input === undefined ? '' : toStr(input));
      const u = new U8(bytes.length);
      for (let i = 0; i < bytes.length; i++) u[i] = bytes[i];
      return u;
    }
    encodeInto(source, destination) {
      if (!(destination instanceof U8)) throw new TypeErrorCtor('The "dest" argument must be an instance of Uint8Array.');
      const s = toStr(source);
      let read = 0, written = 0;
      const cap = destination.length;
      for (let i = 0; i < s.length; i++) {
        const c = charAt(s, i);
        const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && charAt(s, i + 1) >= 0xdc00 && charAt(s, i + 1) <= 0xdfff;
        const unit = pair ? apply(strSlice, s, [i, i + 2]) : apply(strSlice, s, [i, i + 1]);
        const bytes = encodeUtf8(unit);
        if (written + bytes.length > cap) break;
        for (let k = 0; k < bytes.length; k++) destination[written++] = bytes[k];
        read += pair ? 2 : 1;
        if (pair) i++;
      }
      return { read, written };
    }
  }
  hidden(G, 'TextEncoder', TextEncoder);

  const UTF8_LABELS = { 'utf-8': 1, 'utf8': 1, 'unicode-1-1-utf-8': 1, 'unicode11utf8': 1, 'unicode20utf8': 1, 'x-unicode20utf8': 1 };
  const bytesOf = (input) => {
    if (input === undefined) return new U8(0);
    if (input instanceof AB) return new U8(input);
    if (isView(input)) {
      if (input instanceof DataView) return new U8(apply(dvBuffer, input, []), apply(dvByteOffset, input, []), apply(dvByteLength, input, []));
      return new U8(apply(taBuffer, input, []), apply(taByteOffset, input, []), apply(taByteLength, input, []));
    }
    throw new TypeErrorCtor('The "input" argument must be an instance of ArrayBuffer or ArrayBufferView');
  };
  class TextDecoder {
    #fatal; #ignoreBOM;
    constructor(label, options) {
      const l = label === undefined ? 'utf-8' : apply(strToLower, apply(strReplace, toStr(label), [/^\s+|\s+$/g, '']), []);
      if (!UTF8_LABELS[l]) throw new RangeErrorCtor('The "' + toStr(label) + '" encoding is not supported (the judge\'s TextDecoder decodes UTF-8 only)');
      this.#fatal = !!(options && options.fatal);
      this.#ignoreBOM = !!(options && options.ignoreBOM);
    }
    get encoding() { return 'utf-8'; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }
    decode(input) {
      const b = bytesOf(input);
      const n = b.length;
      const parts = [];
      let chunk = [];
      const flush = () => { if (chunk.length) { push(parts, apply(fromCharCode, null, chunk)); chunk = []; } };
      const emit = (cp) => {
        if (cp > 0xffff) { cp -= 0x10000; chunk[chunk.length] = 0xd800 + (cp >> 10); chunk[chunk.length] = 0xdc00 + (cp & 0x3ff); }
        else chunk[chunk.length] = cp;
        if (chunk.length > 8000) flush();
      };
      const bad = () => { if (this.#fatal) throw new TypeErrorCtor('The encoded data was not valid for encoding utf-8'); emit(0xfffd); };
      let i = 0;
      if (!this.#ignoreBOM && n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
      while (i < n) {
        const x = b[i];
        if (x < 0x80) { emit(x); i++; continue; }
        let need = 0, cp = 0, lower = 0x80, upper = 0xbf;
        if (x >= 0xc2 && x <= 0xdf) { need = 1; cp = x & 0x1f; }
        else if (x >= 0xe0 && x <= 0xef) { need = 2; cp = x & 0xf; if (x === 0xe0) lower = 0xa0; if (x === 0xed) upper = 0x9f; }
        else if (x >= 0xf0 && x <= 0xf4) { need = 3; cp = x & 0x7; if (x === 0xf0) lower = 0x90; if (x === 0xf4) upper = 0x8f; }
        else { bad(); i++; continue; }
        let j = i + 1, ok = true;
        for (let k = 0; k < need; k++, j++) {
          const y = j < n ? b[j] : -1;
          if (y < lower || y > upper) { ok = false; break; }
          lower = 0x80; upper = 0xbf;
          cp = (cp << 6) | (y & 0x3f);
        }
        if (!ok) { bad(); i = j; continue; }
        emit(cp);
        i = j;
      }
      flush();
      return apply(arrJoin, parts, ['']);
    }
  }
  hidden(G, 'TextDecoder', TextDecoder);

  // ---- atob / btoa (forgiving base64, as in the HTML standard) ----
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const B64_INDEX = {};
  for (let i = 0; i < 64; i++) B64_INDEX[B64[i]] = i;
  const btoa = function btoa(data) {
    if (arguments.length === 0) throw new TypeErrorCtor('The "data" argument must be specified');
    const s = toStr(data);
    const out = [];
    for (let i = 0; i < s.length; i += 3) {
      const a = charAt(s, i), b = i + 1 < s.length ? charAt(s, i + 1) : -1, c = i + 2 < s.length ? charAt(s, i + 2) : -1;
      if (a > 255 || b > 255 || c > 255) throw new DOMException('Invalid character', 'InvalidCharacterError');
      out[out.length] = B64[a >> 2];
      out[out.length] = B64[((a & 3) << 4) | (b < 0 ? 0 : b >> 4)];
      out[out.length] = b < 0 ? '=' : B64[((b & 15) << 2) | (c < 0 ? 0 : c >> 6)];
      out[out.length] = c < 0 ? '=' : B64[c & 63];
    }
    return apply(arrJoin, out, ['']);
  };
  const atob = function atob(data) {
    if (arguments.length === 0) throw new TypeErrorCtor('The "data" argument must be specified');
    let s = apply(strReplace, toStr(data), [/[\t\n\f\r ]+/g, '']);
    if (s.length % 4 === 0) s = apply(strReplace, s, [/==?$/, '']);
    if (s.length % 4 === 1 || !apply(reTest, /^[A-Za-z0-9+/]*$/, [s])) throw new DOMException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
    const codes = [];
    let buf = 0, bits = 0;
    for (let i = 0; i < s.length; i++) {
      buf = (buf << 6) | B64_INDEX[s[i]];
      bits += 6;
      if (bits >= 8) { bits -= 8; codes[codes.length] = (buf >> bits) & 255; }
    }
    let out = '';
    for (let i = 0; i < codes.length; i += 8000) out += apply(fromCharCode, null, apply(Array.prototype.slice, codes, [i, i + 8000]));
    return out;
  };
  hidden(G, 'btoa', btoa);
  hidden(G, 'atob', atob);

  // ---- structuredClone (the HTML structured clone algorithm, for the types a solution can hold here) ----
  const cloneError = (what) => new DOMException(what + ' could not be cloned.', 'DataCloneError');
  const ERROR_TYPES = { Error: Error, EvalError: EvalError, RangeError: RangeError, ReferenceError: ReferenceError, SyntaxError: SyntaxError, TypeError: TypeError, URIError: URIError };
  const clone = (v, memory) => {
    const t = typeof v;
    if (t === 'symbol') throw cloneError(toStr(v));
    if (t === 'function') throw cloneError(apply(Function.prototype.toString, v, []));
    if (v === null || t !== 'object') return v;
    if (apply(mapHas, memory, [v])) return apply(mapGet, memory, [v]);
    let out;
    if (isArray(v)) {
      out = new Array(v.length);
      apply(mapSet, memory, [v, out]);
      const keys = objectKeys(v);
      for (let i = 0; i < keys.length; i++) out[keys[i]] = clone(v[keys[i]], memory);
      return out;
    }
    if (v instanceof Date) { out = new Date(v.getTime()); apply(mapSet, memory, [v, out]); return out; }
    if (v instanceof RegExp) { out = new RegExp(v.source, v.flags); apply(mapSet, memory, [v, out]); return out; }
    if (v instanceof Boolean || v instanceof Number || v instanceof String || v instanceof BigInt) { out = Object(v.valueOf()); apply(mapSet, memory, [v, out]); return out; }
    if (v instanceof AB) { out = apply(abSlice, v, [0]); apply(mapSet, memory, [v, out]); return out; }
    if (isView(v)) {
      if (v instanceof DataView) {
        const buf = clone(apply(dvBuffer, v, []), memory);
        out = new DataView(buf, apply(dvByteOffset, v, []), apply(dvByteLength, v, []));
      } else {
        const buf = clone(apply(taBuffer, v, []), memory);
        out = new v.constructor(buf, apply(taByteOffset, v, []), v.length);
      }
      apply(mapSet, memory, [v, out]);
      return out;
    }
    if (v instanceof Map) {
      out = new Map();
      apply(mapSet, memory, [v, out]);
      for (const [k, x] of v) out.set(clone(k, memory), clone(x, memory));
      return out;
    }
    if (v instanceof Set) {
      out = new Set();
      apply(mapSet, memory, [v, out]);
      for (const x of v) out.add(clone(x, memory));
      return out;
    }
    if (v instanceof ErrorCtor) {
      const name = v.name;
      const Ctor = ERROR_TYPES[name] || ErrorCtor;
      out = new Ctor(v.message);
      apply(mapSet, memory, [v, out]);
      if (v.stack !== undefined) defineProperty(out, 'stack', { value: toStr(v.stack), writable: true, configurable: true, enumerable: false });
      if ('cause' in v) defineProperty(out, 'cause', { value: clone(v.cause, memory), writable: true, configurable: true, enumerable: false });
      return out;
    }
    if (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet) throw cloneError('#<' + (v.constructor && v.constructor.name || 'Object') + '>');
    out = {};
    apply(mapSet, memory, [v, out]);
    const keys = objectKeys(v);
    for (let i = 0; i < keys.length; i++) out[keys[i]] = clone(v[keys[i]], memory);
    return out;
  };
  const structuredClone = function structuredClone(value) {
    if (arguments.length === 0) throw new TypeErrorCtor('The "value" argument must be specified');
    return clone(value, new MapCtor());
  };
  hidden(G, 'structuredClone', structuredClone);

  // ---- queueMicrotask ----
  const queueMicrotask = function queueMicrotask(callback) {
    if (typeof callback !== 'function') throw new TypeErrorCtor('The "callback" argument must be of type function.');
    apply(promiseThen, promiseResolve(undefined), [() => { callback(); }]);
  };
  hidden(G, 'queueMicrotask', queueMicrotask);

  // ---- clocks: virtual, advanced by the step counter (deterministic on any machine) ----
  const EPOCH = 1704067200000; // 2024-01-01T00:00:00Z
  const clock = host.clock;
  const performance = {};
  method(performance, 'now', function now() { return clock(); }, 0);
  hidden(performance, 'timeOrigin', EPOCH);
  method(performance, 'mark', function mark() { return undefined; }, 1);
  method(performance, 'measure', function measure() { return undefined; }, 1);
  hidden(G, 'performance', performance);

  const NativeDate = G.Date;
  if (typeof NativeDate === 'function') {
    const nowMs = () => EPOCH + mathFloor(clock());
    const DateProto = NativeDate.prototype;
    const nativeOffset = DateProto.getTimezoneOffset;
    const nativeGetTime = DateProto.getTime;
    // A date string without a zone is local time for the engine; here local time is UTC, so undo the host's offset.
    const hasZone = /(Z|[+-]\d\d:?\d\d|GMT|UTC)\s*$|^\d{4}(-\d\d(-\d\d)?)?$/i;
    const parseUtc = (s) => {
      const t = apply(nativeGetTime, construct(NativeDate, [s]), []);
      if (t !== t || apply(reTest, hasZone, [s])) return t;
      return t - apply(nativeOffset, construct(NativeDate, [t]), []) * 60000;
    };
    // "Local" time is UTC everywhere, so a result never depends on the machine's time zone.
    const Date = function Date(a, b, c, d, e, f, g) {
      const n = arguments.length;
      if (new.target === undefined) return apply(DateProto.toString, construct(NativeDate, [nowMs()]), []);
      if (n === 0) return construct(NativeDate, [nowMs()], new.target);
      if (n === 1) return construct(NativeDate, [typeof a === 'string' ? parseUtc(a) : a], new.target);
      return construct(NativeDate, [NativeDate.UTC(a, b, n > 2 ? c : 1, n > 3 ? d : 0, n > 4 ? e : 0, n > 5 ? f : 0, n > 6 ? g : 0)], new.target);
    };
    defineProperty(Date, 'length', { value: 7, configurable: true });
    defineProperty(Date, 'prototype', { value: DateProto, writable: false, enumerable: false, configurable: false });
    hidden(DateProto, 'constructor', Date);
    method(Date, 'now', function now() { return nowMs(); }, 0);
    hidden(Date, 'UTC', NativeDate.UTC);
    method(Date, 'parse', function parse(s) { return parseUtc(toStr(s)); }, 1);
    const LOCAL = ['FullYear', 'Month', 'Date', 'Day', 'Hours', 'Minutes', 'Seconds', 'Milliseconds'];
    for (let i = 0; i < LOCAL.length; i++) {
      const name = LOCAL[i];
      hidden(DateProto, 'get' + name, DateProto['getUTC' + name]);
      if (name !== 'Day') hidden(DateProto, 'set' + name, DateProto['setUTC' + name]);
    }
    method(DateProto, 'getTimezoneOffset', function getTimezoneOffset() { return 0; }, 0);
    const pad2 = (x) => apply(strPadStart, toStr(x), [2, '0']);
    const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const datePart = (t) => DAYS[t.getUTCDay()] + ' ' + MONTHS[t.getUTCMonth()] + ' ' + pad2(t.getUTCDate()) + ' ' + apply(strPadStart, toStr(t.getUTCFullYear()), [4, '0']);
    const timePart = (t) => pad2(t.getUTCHours()) + ':' + pad2(t.getUTCMinutes()) + ':' + pad2(t.getUTCSeconds()) + ' GMT+0000 (Coordinated Universal Time)';
    const valid = (t) => t.getTime() === t.getTime();
    method(DateProto, 'toString', function toString() { return valid(this) ? datePart(this) + ' ' + timePart(this) : 'Invalid Date'; }, 0);
    method(DateProto, 'toDateString', function toDateString() { return valid(this) ? datePart(this) : 'Invalid Date'; }, 0);
    method(DateProto, 'toTimeString', function toTimeString() { return valid(this) ? timePart(this) : 'Invalid Date'; }, 0);
    method(DateProto, 'toLocaleDateString', function toLocaleDateString() { return valid(this) ? (this.getUTCMonth() + 1) + '/' + this.getUTCDate() + '/' + this.getUTCFullYear() : 'Invalid Date'; }, 0);
    const localeTime = (t) => { const h = t.getUTCHours(); return ((h + 11) % 12 + 1) + ':' + pad2(t.getUTCMinutes()) + ':' + pad2(t.getUTCSeconds()) + (h < 12 ? ' AM' : ' PM'); };
    method(DateProto, 'toLocaleTimeString', function toLocaleTimeString() { return valid(this) ? localeTime(this) : 'Invalid Date'; }, 0);
    method(DateProto, 'toLocaleString', function toLocaleString() { return valid(this) ? this.toLocaleDateString() + ', ' + localeTime(this) : 'Invalid Date'; }, 0);
    hidden(G, 'Date', Date);
  }

  // ---- Error.captureStackTrace (V8's; used by custom error classes) ----
  method(ErrorCtor, 'captureStackTrace', function captureStackTrace(target) {
    if (target === null || (typeof target !== 'object' && typeof target !== 'function')) throw new TypeErrorCtor('Invalid argument');
    const stack = new ErrorCtor().stack;
    defineProperty(target, 'stack', { value: stack, writable: true, configurable: true, enumerable: false });
  }, 2);

  // ---- BigInt.asUintN / asIntN: QuickJS 2025-09 returns -1n for BigInt.asUintN(64, -1n) ----
  const BigIntCtor = BigInt;
  const toIndex = (bits) => {
    const n = bits === undefined ? 0 : +bits;
    const i = n !== n ? 0 : n < 0 ? Math.ceil(n) : mathFloor(n);
    if (i < 0 || i > 9007199254740991) throw new RangeErrorCtor('Invalid value: not (convertible to) a safe integer');
    return i;
  };
  const asUintN = (bits, x) => {
    if (typeof x !== 'bigint') x = BigIntCtor(x);
    if (bits > 1048576 && x >= 0n) return x;
    const m = 1n << BigIntCtor(bits);
    let r = x % m;
    if (r < 0n) r += m;
    return r;
  };
  method(BigIntCtor, 'asUintN', function asUintN_(bits, bigint) { return asUintN(toIndex(bits), bigint); }, 2);
  method(BigIntCtor, 'asIntN', function asIntN_(bits, bigint) {
    const b = toIndex(bits);
    if (b === 0) { if (typeof bigint !== 'bigint') BigIntCtor(bigint); return 0n; }
    const r = asUintN(b, bigint);
    if (b > 1048576) return r;
    const half = 1n << BigIntCtor(b - 1);
    return r >= half ? r - (half << 1n) : r;
  }, 2);

  // ---- Array.fromAsync ----
  if (typeof Array.fromAsync !== 'function') {
    method(Array, 'fromAsync', async function fromAsync(items, mapFn, thisArg) {
      const out = [];
      const iterAsync = items != null && items[Symbol.asyncIterator];
      if (typeof iterAsync === 'function') {
        for await (const x of items) push(out, mapFn ? await apply(mapFn, thisArg, [x, out.length]) : x);
      } else if (items != null && typeof items[Symbol.iterator] === 'function') {
        for (const x of items) { const v = await x; push(out, mapFn ? await apply(mapFn, thisArg, [v, out.length]) : v); }
      } else {
        const o = Object(items);
        const n = o.length >>> 0;
        for (let i = 0; i < n; i++) { const v = await o[i]; push(out, mapFn ? await apply(mapFn, thisArg, [v, i]) : v); }
      }
      return out;
    }, 1);
  }

  // ---- collation: String.prototype.localeCompare and Intl.Collator, as Node's ICU root collation ----
  // Primary order of printable ASCII under ICU's root collation (measured with Node 20): punctuation and symbols,
  // then digits, then letters (case differs at the third level only). Control characters are ignorable.
  const ASCII_ORDER = " _-,;:!?.'\"()[]{}@*/\\&#%" + String.fromCharCode(96) + "^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz";
  const PRIMARY = {};
  for (let i = 0; i < ASCII_ORDER.length; i++) PRIMARY[ASCII_ORDER[i]] = i + 1;
  const DIGIT0 = PRIMARY['0'];
  const LETTER_BASE = 1000;
  const EXPANSIONS = { 'ß': 'ss', 'æ': 'ae', 'Æ': 'AE', 'œ': 'oe', 'Œ': 'OE', 'ĳ': 'ij', 'Ĳ': 'IJ', 'ﬁ': 'fi', 'ﬂ': 'fl' };
  const BASES = { 'ø': 'o', 'Ø': 'O', 'đ': 'd', 'Đ': 'D', 'ł': 'l', 'Ł': 'L', 'ħ': 'h', 'Ħ': 'H', 'ı': 'i', 'ŧ': 't', 'Ŧ': 'T', 'ð': 'd', 'Ð': 'D', 'þ': 'th', 'Þ': 'TH' };
  const SECONDARY_OF_BASE = { 'ø': 0x338, 'Ø': 0x338, 'đ': 0x335, 'Đ': 0x335, 'ł': 0x337, 'Ł': 0x337, 'ħ': 0x335, 'Ħ': 0x335, 'ŧ': 0x335, 'Ŧ': 0x335 };
  // Character classes by code point ranges (Unicode property regexes cost ~10 ms each to compile in QuickJS).
  const isMark = (cp) => (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 && cp <= 0xfe2f);
  const isIgnorable = (cp) => cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2060 && cp <= 0x206f) || cp === 0xfeff;
  const isSpacePunct = (cp) => (cp < 0x80 && PRIMARY[fromCharCode(cp)] !== undefined && PRIMARY[fromCharCode(cp)] < DIGIT0) || (cp >= 0xa0 && cp <= 0xbf) || (cp >= 0x2000 && cp <= 0x205f) || (cp >= 0x3000 && cp <= 0x303f);
  const isLetter = (ch, cp) => apply(strToLower, ch, []) !== apply(strToUpper, ch, []) || (cp >= 0x3040 && cp < 0xd800) || (cp >= 0xf900 && cp < 0xfb00) || cp >= 0x20000;
  // Collation elements [primary, secondary, tertiary] of a string.
  const elements = (s, opts) => {
    const out = [];
    const d = apply(strNormalize, s, ['NFD']);
    const n = d.length;
    for (let i = 0; i < n; i++) {
      const cp = apply(strCodePointAt, d, [i]);
      const ch = cp > 0xffff ? apply(strSlice, d, [i, i + 2]) : d[i];
      if (cp > 0xffff) i++;
      if (isMark(cp)) {
        if (out.length) { const last = out[out.length - 1]; push(last[3], cp); }
        continue;
      }
      if (isIgnorable(cp)) continue;
      if (opts.ignorePunctuation && isSpacePunct(cp)) continue;
      const exp = EXPANSIONS[ch];
      if (exp !== undefined) {
        for (let k = 0; k < exp.length; k++) push(out, [LETTER_BASE + PRIMARY[apply(strToLower, exp[k], [])], 0, exp[k] !== apply(strToLower, exp[k], []) ? 2 : 1, []]);
        out[out.length - 1][2] += 4; // an expansion sorts after the letters it expands to
        continue;
      }
      const base = BASES[ch];
      if (base !== undefined) {
        for (let k = 0; k < base.length; k++) push(out, [LETTER_BASE + PRIMARY[apply(strToLower, base[k], [])], 0, base[k] !== apply(strToLower, base[k], []) ? 2 : 1, []]);
        const sec = SECONDARY_OF_BASE[ch];
        if (sec) push(out[out.length - 1][3], sec);
        continue;
      }
      const lower = apply(strToLower, ch, []);
      const tert = ch !== lower ? 2 : 1;
      if (opts.numeric && cp >= 48 && cp <= 57) {
        // A run of digits compares by its value: first by its length without leading zeros, then digit by digit.
        let k = i;
        while (k < n && apply(strCharCodeAt, d, [k]) >= 48 && apply(strCharCodeAt, d, [k]) <= 57) k++;
        const digits = apply(strReplace, apply(strSlice, d, [i, k]), [/^0+(?=\d)/, '']);
        push(out, [DIGIT0 - 0.5 + digits.length / 1000, 0, 1, []]);
        for (let q = 0; q < digits.length; q++) push(out, [DIGIT0 + (apply(strCharCodeAt, digits, [q]) - 48), 0, 1, []]);
        i = k - 1;
        continue;
      }
      const p = PRIMARY[lower];
      if (p !== undefined) push(out, [p > DIGIT0 + 9 ? LETTER_BASE + p : p, 0, tert, []]);
      else if (isLetter(ch, cp)) push(out, [LETTER_BASE * 100 + apply(strCodePointAt, lower, [0]), 0, tert, []]);
      else push(out, [cp < 0x80 ? 0.5 : 0.25 + cp / 1e7, 0, 1, []]);
    }
    return out;
  };
  const cmpNum = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const collate = (a, b, opts) => {
    const x = elements(a, opts), y = elements(b, opts);
    const n = x.length < y.length ? x.length : y.length;
    for (let i = 0; i < n; i++) { const c = cmpNum(x[i][0], y[i][0]); if (c) return c; }
    if (x.length !== y.length) return x.length < y.length ? -1 : 1;
    if (opts.sensitivity === 'base') return 0;
    if (opts.sensitivity !== 'case') {
      for (let i = 0; i < n; i++) {
        const ma = x[i][3], mb = y[i][3];
        const m = ma.length < mb.length ? ma.length : mb.length;
        for (let k = 0; k < m; k++) { const c = cmpNum(ma[k], mb[k]); if (c) return c; }
        if (ma.length !== mb.length) return ma.length < mb.length ? -1 : 1;
      }
      if (opts.sensitivity === 'accent') return 0;
    }
    const upperFirst = opts.caseFirst === 'upper';
    for (let i = 0; i < n; i++) {
      let c = cmpNum(x[i][2], y[i][2]);
      if (c && upperFirst && (x[i][2] & 3) !== (y[i][2] & 3)) c = -c;
      if (c) return c;
    }
    return 0;
  };
  const collatorOptions = (options) => {
    const o = options === undefined ? {} : Object(options);
    const sensitivity = o.sensitivity === undefined ? 'variant' : toStr(o.sensitivity);
    if (sensitivity !== 'base' && sensitivity !== 'accent' && sensitivity !== 'case' && sensitivity !== 'variant') throw new RangeErrorCtor('Value ' + sensitivity + ' out of range for Intl.Collator options property sensitivity');
    return { sensitivity, numeric: !!o.numeric, ignorePunctuation: !!o.ignorePunctuation, caseFirst: o.caseFirst === undefined ? 'false' : toStr(o.caseFirst) };
  };
  const DEFAULT_COLLATION = collatorOptions(undefined);
  method(String.prototype, 'localeCompare', function localeCompare(that, locales, options) {
    if (this === null || this === undefined) throw new TypeErrorCtor('String.prototype.localeCompare called on null or undefined');
    return collate(toStr(this), toStr(that), options === undefined ? DEFAULT_COLLATION : collatorOptions(options));
  }, 1);

  // ---- Number.prototype.toLocaleString in en-US ----
  const NativeToLocale = Number.prototype.toLocaleString;
  const group3 = (intDigits) => {
    let out = '';
    let k = 0;
    for (let i = intDigits.length - 1; i >= 0; i--) { out = intDigits[i] + out; if (++k % 3 === 0 && i > 0) out = ',' + out; }
    return out;
  };
  const formatNumber = (x, o) => {
    if (x !== x) return 'NaN';
    if (!isFiniteNum(x)) return x < 0 ? '-∞' : '∞';
    const minF = o.minimumFractionDigits === undefined ? 0 : mathMax(0, mathFloor(+o.minimumFractionDigits));
    const maxF = o.maximumFractionDigits === undefined ? mathMax(minF, 3) : mathMax(minF, mathFloor(+o.maximumFractionDigits));
    const neg = x < 0 || (x === 0 && 1 / x < 0);
    let s = apply(numToFixed, mathAbs(x), [maxF > 100 ? 100 : maxF]);
    let [ip, fp] = [s, ''];
    const dot = s.indexOf('.');
    if (dot >= 0) { ip = apply(strSlice, s, [0, dot]); fp = apply(strSlice, s, [dot + 1]); }
    while (fp.length > minF && fp[fp.length - 1] === '0') fp = apply(strSlice, fp, [0, fp.length - 1]);
    const grouped = o.useGrouping === false ? ip : group3(ip);
    const body = fp.length ? grouped + '.' + fp : grouped;
    return (neg && (body !== '0' || minF > 0) ? '-' : neg ? '-' : '') + body;
  };
  method(Number.prototype, 'toLocaleString', function toLocaleString(locales, options) {
    const x = typeof this === 'number' ? this : apply(Number.prototype.valueOf, this, []);
    if (options !== undefined && options !== null && (options.style === 'currency' || options.style === 'percent' || options.notation !== undefined)) return apply(NativeToLocale, x, []);
    return formatNumber(x, options == null ? {} : Object(options));
  }, 0);

  // A small Intl: Collator (string sorting) and NumberFormat (en-US grouping). Everything else of Intl is absent.
  class Collator {
    #opts;
    constructor(locales, options) { this.#opts = collatorOptions(options); }
    get compare() { const o = this.#opts; return (a, b) => collate(toStr(a), toStr(b), o); }
    resolvedOptions() { return { locale: 'en-US', usage: 'sort', sensitivity: this.#opts.sensitivity, ignorePunctuation: this.#opts.ignorePunctuation, collation: 'default', numeric: this.#opts.numeric, caseFirst: this.#opts.caseFirst }; }
  }
  class NumberFormat {
    #opts;
    constructor(locales, options) { this.#opts = options == null ? {} : Object(options); }
    format(x) { return formatNumber(+x, this.#opts); }
    resolvedOptions() { return { locale: 'en-US', numberingSystem: 'latn', style: 'decimal' }; }
  }
  const Intl = {};
  hidden(Intl, 'Collator', Collator);
  hidden(Intl, 'NumberFormat', NumberFormat);
  hidden(G, 'Intl', Intl);

  // ---- console: the rest of Node's console, written through the same sink ----
  const con = G.console;
  const show = (x) => (typeof x === 'string' ? x : host.show(x));
  const counts = new MapCtor();
  const timers = new MapCtor();
  let indent = '';
  const write = (level, text) => host.log(level, indent ? apply(strReplace, text, [/^/gm, indent]) : text);
  const fmt = (args) => { const parts = []; for (let i = 0; i < args.length; i++) parts[i] = show(args[i]); return apply(arrJoin, parts, [' ']); };
  const extra = {
    dir(x) { write('log', show(x)); },
    dirxml() { write('log', fmt(arguments)); },
    trace() { write('error', 'Trace' + (arguments.length ? ': ' + fmt(arguments) : '') + '\n' + apply(strReplace, toStr(new ErrorCtor().stack || ''), [/^.*\n?/, ''])); },
    assert(cond) { if (!cond) { const rest = []; for (let i = 1; i < arguments.length; i++) rest[i - 1] = arguments[i]; write('error', 'Assertion failed' + (rest.length ? ': ' + fmt(rest) : '')); } },
    count(label) { const l = label === undefined ? 'default' : toStr(label); const n = (apply(mapGet, counts, [l]) || 0) + 1; apply(mapSet, counts, [l, n]); write('log', l + ': ' + n); },
    countReset(label) { apply(mapSet, counts, [label === undefined ? 'default' : toStr(label), 0]); },
    time(label) { apply(mapSet, timers, [label === undefined ? 'default' : toStr(label), clock()]); },
    timeLog(label) { const l = label === undefined ? 'default' : toStr(label); const t = apply(mapGet, timers, [l]); if (t !== undefined) write('log', l + ': ' + apply(numToFixed, clock() - t, [3]) + 'ms'); },
    timeEnd(label) { const l = label === undefined ? 'default' : toStr(label); const t = apply(mapGet, timers, [l]); if (t !== undefined) write('log', l + ': ' + apply(numToFixed, clock() - t, [3]) + 'ms'); },
    group() { if (arguments.length) write('log', fmt(arguments)); indent += '  '; },
    groupCollapsed() { if (arguments.length) write('log', fmt(arguments)); indent += '  '; },
    groupEnd() { indent = apply(strSlice, indent, [0, mathMax(0, indent.length - 2)]); },
    table(data) {
      if (data === null || typeof data !== 'object') { write('log', show(data)); return; }
      const rowKeys = objectKeys(data);
      const cols = [];
      let hasValues = false;
      for (let r = 0; r < rowKeys.length; r++) {
        const row = data[rowKeys[r]];
        if (row !== null && typeof row === 'object') { const ks = objectKeys(row); for (let k = 0; k < ks.length; k++) if (cols.indexOf(ks[k]) < 0) push(cols, ks[k]); }
        else hasValues = true;
      }
      const header = ['(index)'];
      for (let k = 0; k < cols.length; k++) push(header, cols[k]);
      if (hasValues) push(header, 'Values');
      const cell = (v) => (v === undefined ? '' : typeof v === 'string' ? "'" + v + "'" : show(v));
      const rows = [];
      for (let r = 0; r < rowKeys.length; r++) {
        const row = data[rowKeys[r]];
        const line = [rowKeys[r]];
        const isObj = row !== null && typeof row === 'object';
        for (let k = 0; k < cols.length; k++) push(line, isObj ? cell(row[cols[k]]) : '');
        if (hasValues) push(line, isObj ? '' : cell(row));
        push(rows, line);
      }
      const widths = [];
      for (let c = 0; c < header.length; c++) {
        let w = header[c].length;
        for (let r = 0; r < rows.length; r++) if (rows[r][c].length > w) w = rows[r][c].length;
        widths[c] = w + 2;
      }
      const center = (s, w) => { const left = mathFloor((w - s.length) / 2); return apply(strRepeat, ' ', [left]) + s + apply(strRepeat, ' ', [w - s.length - left]); };
      const rule = (l, m, r) => { const segs = []; for (let c = 0; c < widths.length; c++) segs[c] = apply(strRepeat, '─', [widths[c]]); return l + apply(arrJoin, segs, [m]) + r; };
      const line = (cells) => { const segs = []; for (let c = 0; c < widths.length; c++) segs[c] = center(cells[c], widths[c]); return '│' + apply(arrJoin, segs, ['│']) + '│'; };
      const out = [rule('┌', '┬', '┐'), line(header), rule('├', '┼', '┤')];
      for (let r = 0; r < rows.length; r++) push(out, line(rows[r]));
      push(out, rule('└', '┴', '┘'));
      write('log', apply(arrJoin, out, ['\n']));
    },
  };
  const names = objectKeys(extra);
  for (let i = 0; i < names.length; i++) defineProperty(con, names[i], { value: extra[names[i]], writable: true, configurable: true, enumerable: true });
  void strPadEnd; void mathRound; void ownKeys; void PromiseCtor; void abByteLength;
})`;
