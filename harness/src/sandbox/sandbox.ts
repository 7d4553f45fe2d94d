/**
 * Runs one test of a compiled program in a fresh QuickJS runtime and context, under the engine-side limits:
 *
 * - steps: the interrupt handler is called by QuickJS once per ~10,000 ticks (branches and calls); counting its
 *   calls gives a deterministic measure of work. Once a limit trips, the handler keeps returning true, so neither
 *   `catch` nor `finally` nor a promise job can continue (engine-notes: after an interrupt in a job, a `.catch`
 *   still runs; we drain jobs one at a time and stop).
 * - memory: each WebAssembly module gets its own capped `WebAssembly.Memory` (`setMemoryLimit` does not bound
 *   memory in these builds). Memory never shrinks, so a module is reused for the next test only while it is clean:
 *   after a test that grew the heap or hit any limit, it is thrown away (quickjs-emscripten #257). Each test
 *   therefore starts at the same baseline and its reported heap size is its own high-water mark.
 * - stack: `setMaxStackSize`; the worker running this must have a large native stack (see node/worker.ts).
 * - output and console caps.
 * A soft wall-clock deadline is also checked in the handler; the hard one is the pool killing the worker.
 */
import {
  DefaultIntrinsics,
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSSyncVariant,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import { PRELUDE_SOURCE, wrapDriver, wrapSolution } from './prelude.ts';
import type { LimitKind, RawTestRun, RunOutcome, SandboxLimits, SandboxProgram, SandboxTest } from './types.ts';

const PAGE = 64 * 1024;
/** The QuickJS builds need at least 16 MiB of initial memory. */
const MIN_HEAP = 256 * PAGE;

interface ModuleSlot {
  module: QuickJSWASMModule;
  memory: WebAssembly.Memory;
  maxBytes: number;
}

export interface SandboxOptions {
  variant: QuickJSSyncVariant;
  /** Precompiled module (compile once per thread, instantiate per submission). */
  wasmModule: WebAssembly.Module;
  now?: () => number;
}

function isOutOfMemory(text: string): boolean {
  return /out of memory/i.test(text);
}

const heapCap = (memoryBytes: number): number => Math.max(MIN_HEAP, Math.ceil(memoryBytes / PAGE) * PAGE);

export class Sandbox {
  private slot: ModuleSlot | null = null;
  /** A module built ahead of time for the next job; no code has ever run in it. */
  private spare: { maxBytes: number; slot: Promise<ModuleSlot> } | null = null;
  private readonly now: () => number;

  constructor(private readonly options: SandboxOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  private async freshModule(memoryBytes: number): Promise<ModuleSlot> {
    const maxBytes = heapCap(memoryBytes);
    const memory = new WebAssembly.Memory({ initial: MIN_HEAP / PAGE, maximum: maxBytes / PAGE });
    const module = await newQuickJSWASMModuleFromVariant(
      newVariant(this.options.variant, {
        wasmModule: this.options.wasmModule,
        wasmMemory: memory,
        // Emscripten prints aborts (e.g. the leak assertion in JS_FreeRuntime after an interrupted job) to stderr;
        // they are handled here (the module is discarded), so they are not the process's business.
        emscriptenModule: { print: () => undefined, printErr: () => undefined } as never,
      }),
    );
    return { module, memory, maxBytes };
  }

  /** Drop the current module (after a limit, a crash, or heap growth). */
  discardModule(): void {
    this.slot = null;
  }

  /**
   * Builds the next job's module now (a worker calls this when it goes idle), so the next submission does not wait
   * ~5-20 ms for one. Isolation is unchanged: the spare is a module no code has run in yet.
   */
  prepareSpare(memoryBytes: number): void {
    const maxBytes = heapCap(memoryBytes);
    if (this.spare?.maxBytes === maxBytes) return;
    const slot = this.freshModule(memoryBytes);
    slot.catch(() => undefined);
    this.spare = { maxBytes, slot };
  }

  private async nextModule(memoryBytes: number): Promise<ModuleSlot> {
    const spare = this.spare;
    if (spare && spare.maxBytes === heapCap(memoryBytes)) {
      this.spare = null;
      try {
        return await spare.slot;
      } catch {
        // building it failed: build another below
      }
    }
    return this.freshModule(memoryBytes);
  }

  async runTest(program: SandboxProgram, test: SandboxTest, limits: SandboxLimits): Promise<RawTestRun> {
    if (!this.slot || this.slot.maxBytes !== heapCap(limits.memoryBytes)) {
      this.slot = await this.nextModule(limits.memoryBytes);
    }
    const slot = this.slot;
    const startBytes = slot.memory.buffer.byteLength;
    const started = this.now();
    let run: Omit<RawTestRun, 'memoryBytes' | 'wallMs'>;
    let clean = false;
    try {
      ({ run, clean } = this.runInModule(slot, program, test, limits, started));
    } catch (e) {
      // The module itself failed (an emscripten abort, a host stack overflow): never reuse it.
      const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      const atCap = slot.memory.buffer.byteLength >= slot.maxBytes - PAGE;
      const outcome: RunOutcome = atCap || isOutOfMemory(message)
        ? { kind: 'limit', limit: 'memory', detail: 'the sandbox heap reached its limit' }
        : /call stack|stack size/i.test(message)
          ? { kind: 'threw', name: 'InternalError', message: 'stack overflow', stack: '' }
          : { kind: 'judge-error', message: `sandbox failure: ${message}` };
      run = { index: test.index, outcome, steps: 0, console: '', consoleTruncated: false };
    }
    const memoryBytes = slot.memory.buffer.byteLength;
    if (!clean || memoryBytes > startBytes) this.discardModule();
    return { ...run, memoryBytes, wallMs: this.now() - started };
  }

  private runInModule(
    slot: ModuleSlot,
    program: SandboxProgram,
    test: SandboxTest,
    limits: SandboxLimits,
    started: number,
  ): { run: Omit<RawTestRun, 'memoryBytes' | 'wallMs'>; clean: boolean } {
    let steps = 0;
    let userStart = -1;
    let tripped: LimitKind | null = null;
    let judgeOverrun = false;
    let oomInJob = false;
    let consoleText = '';
    let consoleTruncated = false;
    const deadline = started + limits.wallMs;

    const rt: QuickJSRuntime = slot.module.newRuntime();
    rt.setMaxStackSize(limits.stackBytes);
    rt.setInterruptHandler(() => {
      steps++;
      if (tripped || judgeOverrun) return true;
      if (userStart < 0) {
        if (steps > limits.judgeStepBudget) judgeOverrun = true;
      } else if (steps - userStart > test.stepBudget) {
        tripped = 'steps';
      }
      if (!tripped && this.now() > deadline) tripped = 'wall';
      return tripped !== null || judgeOverrun;
    });
    const ctx: QuickJSContext = rt.newContext({ intrinsics: { ...DefaultIntrinsics, Date: false } });

    const handles: QuickJSHandle[] = [];
    const keep = (h: QuickJSHandle): QuickJSHandle => {
      handles.push(h);
      return h;
    };
    const evalOrThrow = (code: string, filename: string): QuickJSHandle => {
      const r = ctx.evalCode(code, filename, { type: 'global', strict: false });
      if (r.error) {
        const text = this.errorText(ctx, r.error);
        r.error.dispose();
        throw new SandboxPhaseError(text);
      }
      return keep(r.value);
    };
    const callString = (fn: QuickJSHandle, thisArg: QuickJSHandle, args: QuickJSHandle[]): { ok: true; text: string } | { ok: false; text: string } => {
      const r = ctx.callFunction(fn, thisArg, ...args);
      if (r.error) {
        const text = this.errorText(ctx, r.error);
        r.error.dispose();
        return { ok: false, text };
      }
      const text = ctx.typeof(r.value) === 'string' ? ctx.getString(r.value) : '';
      r.value.dispose();
      return { ok: true, text };
    };
    /** Runs queued promise jobs one at a time so the budget is checked between them. */
    const drainJobs = (): void => {
      for (;;) {
        if (tripped) return;
        const r = rt.executePendingJobs(1);
        if (r.error) {
          // An unhandled rejection in a job is not the test's result, unless the engine ran out of memory.
          if (isOutOfMemory(this.errorText(ctx, r.error))) oomInJob = true;
          r.error.dispose();
        }
        else if (r.value === 0) return;
      }
    };

    let outcome: RunOutcome;
    const finishLimit = (limit: LimitKind): RunOutcome => ({ kind: 'limit', limit, detail: limitDetail(limit) });
    try {
      const hostWrite = keep(
        ctx.newFunction('hostWrite', (_level, textHandle) => {
          if (consoleTruncated) return;
          const text = ctx.getString(textHandle);
          const room = limits.consoleBytes - consoleText.length;
          if (text.length + 1 > room) {
            consoleText += text.slice(0, Math.max(0, room));
            consoleTruncated = true;
            tripped = 'console';
            return;
          }
          consoleText += `${text}\n`;
        }),
      );
      const setup = evalOrThrow(PRELUDE_SOURCE, 'judge-prelude.js');
      const seed = keep(ctx.newNumber(test.seed >>> 0));
      const apiResult = ctx.callFunction(setup, ctx.undefined, hostWrite, seed);
      const api = keep(ctx.unwrapResult(apiResult));

      // Judge phase: the driver builds the arguments.
      const driverFactory = program.driverJs ? evalOrThrow(wrapDriver(program.driverJs), 'judge-driver.js') : ctx.undefined;
      const prepare = keep(ctx.getProp(api, 'prepare'));
      const prepared = callString(prepare, api, [keep(ctx.newString(test.input)), driverFactory]);
      if (!prepared.ok) throw new SandboxPhaseError(judgeOverrun ? 'the driver exceeded the judge step budget' : `the driver failed: ${prepared.text}`);

      // User phase: everything from here counts against the test's budget.
      userStart = steps;
      const solutionCode = wrapSolution(program.solutionJs, program.entries);
      const factoryResult = ctx.evalCode(solutionCode, 'solution.js', { type: 'global', strict: false });
      if (factoryResult.error) {
        const text = this.errorText(ctx, factoryResult.error);
        factoryResult.error.dispose();
        outcome = tripped ? finishLimit(tripped) : parseThrown(text);
      } else {
        const factory = keep(factoryResult.value);
        const load = keep(ctx.getProp(api, 'load'));
        const loaded = callString(load, api, [factory]);
        if (tripped) outcome = finishLimit(tripped);
        else if (!loaded.ok) outcome = parseThrown(loaded.text);
        else if (loaded.text !== '') outcome = decodeResult(loaded.text);
        else {
          drainJobs();
          if (tripped) outcome = finishLimit(tripped);
          else {
            const call = keep(ctx.getProp(api, 'call'));
            const called = callString(call, api, [keep(ctx.newNumber(limits.outputBytes))]);
            if (tripped) outcome = finishLimit(tripped);
            else if (!called.ok) outcome = parseThrown(called.text);
            else {
              outcome = decodeResult(called.text);
              drainJobs();
              if (tripped) outcome = finishLimit(tripped);
            }
          }
        }
      }
    } catch (e) {
      if (!(e instanceof SandboxPhaseError)) throw e;
      outcome = tripped ? finishLimit(tripped) : { kind: 'judge-error', message: e.message };
    }

    // Memory is decided outside the sandbox: user code can catch "out of memory" and carry on. A failed allocation
    // leaves the heap short of the cap by at most about the size of the allocation that failed, so a heap that
    // ends within 1/16 of the cap counts as having hit it.
    const atCap = slot.memory.buffer.byteLength >= slot.maxBytes - Math.max(4 * PAGE, slot.maxBytes / 16);
    if (outcome.kind !== 'limit' && (atCap || oomInJob || (outcome.kind === 'threw' && isOutOfMemory(outcome.message)))) outcome = finishLimit('memory');

    let clean = tripped === null && !judgeOverrun && outcome.kind !== 'limit' && outcome.kind !== 'judge-error';
    for (const h of handles.reverse()) if (h.alive && h !== ctx.undefined) h.dispose();
    try {
      ctx.dispose();
      rt.dispose();
    } catch {
      clean = false; // a leaked handle aborts dispose; the module is discarded anyway
    }
    const userSteps = userStart < 0 ? 0 : steps - userStart;
    return { run: { index: test.index, outcome, steps: userSteps, console: consoleText, consoleTruncated }, clean };
  }

  /** Reads an error value on the host without running user code (no getters are invoked for plain errors). */
  private errorText(ctx: QuickJSContext, handle: QuickJSHandle): string {
    try {
      const d = ctx.dump(handle) as unknown;
      if (d && typeof d === 'object') {
        const o = d as { name?: unknown; message?: unknown };
        return `${String(o.name ?? 'Error')}: ${String(o.message ?? '')}`;
      }
      return String(d);
    } catch (e) {
      return `unreadable error (${String(e)})`;
    }
  }
}

class SandboxPhaseError extends Error {}

function limitDetail(limit: LimitKind): string {
  switch (limit) {
    case 'steps': return 'the step budget was exhausted';
    case 'wall': return 'the wall-clock guard expired';
    case 'memory': return 'the sandbox heap reached its limit';
    case 'output': return 'the returned value is larger than the output limit';
    case 'console': return 'console output exceeded its limit';
  }
}

/** An error read on the host as `Name: message` (engine errors that escaped the prelude: out of memory, ...). */
function parseThrown(text: string): RunOutcome {
  const i = text.indexOf(': ');
  return i > 0
    ? { kind: 'threw', name: text.slice(0, i), message: text.slice(i + 2), stack: '' }
    : { kind: 'threw', name: 'Error', message: text, stack: '' };
}

/**
 * Deepest nesting of arrays and objects a returned value may have. Every answer of every problem is a few levels
 * deep; the host parses, checks, stores and renders results with recursive code (V8's JSON.parse with a reviver,
 * JSON.stringify, the browser's diff view), so a value nested ~10^4 deep (QuickJS serializes that much within
 * its stack) must be refused here, as an output limit, instead of overflowing the host's stack (a JE).
 */
export const MAX_OUTPUT_DEPTH = 1000;

/** Nesting depth of JSON text, ignoring brackets inside strings; stops counting past `limit`. */
export function jsonDepth(text: string, limit: number): number {
  if (text.length <= limit) return 0; // too short to nest deeper than the limit
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

function decodeResult(text: string): RunOutcome {
  const tag = text[0];
  const body = text.slice(1);
  if (tag === 'R') {
    if (jsonDepth(body, MAX_OUTPUT_DEPTH) > MAX_OUTPUT_DEPTH) {
      return { kind: 'limit', limit: 'output', detail: `the returned value is nested more than ${MAX_OUTPUT_DEPTH} levels deep` };
    }
    return { kind: 'returned', output: body };
  }
  if (tag === 'O') return { kind: 'limit', limit: 'output', detail: `the returned value is ${body} bytes as JSON, over the output limit` };
  if (tag === 'T') {
    try {
      const e = JSON.parse(body) as { name: unknown; message: unknown; stack: unknown };
      if (typeof e.name === 'string' && typeof e.message === 'string' && typeof e.stack === 'string') {
        return { kind: 'threw', name: e.name, message: e.message, stack: e.stack };
      }
    } catch {
      // falls through: the prelude builds T-results from strings only, so this is the judge's fault
    }
  }
  return { kind: 'judge-error', message: `unexpected result from the prelude: ${text.slice(0, 80)}` };
}
