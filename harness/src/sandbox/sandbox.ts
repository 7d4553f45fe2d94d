/**
 * Runs the tests of a compiled program in a QuickJS sandbox, under the engine-side limits:
 *
 * - steps: the interrupt handler is called by QuickJS once per ~10,000 ticks (branches and calls); counting its
 *   calls gives a deterministic measure of work. Native operations add their own charge (charges-source.ts). Once a
 *   limit trips, the handler keeps returning true, so neither `catch` nor `finally` nor a promise job can continue
 *   (engine-notes: after an interrupt in a job, a `.catch` still runs; we drain jobs one at a time and stop).
 * - memory: each WebAssembly module gets its own capped `WebAssembly.Memory` (`setMemoryLimit` does not bound
 *   memory in these builds). Memory never shrinks, so a module is thrown away after a test that grew it or hit any
 *   limit (quickjs-emscripten #257); each test's reported heap size is its own high-water mark.
 * - stack: `setMaxStackSize`; the worker running this must have a large native stack (see node/worker.ts).
 * - output and console caps.
 * - progress: the handler reports, at most every PROGRESS_INTERVAL_MS, that the test is still being interpreted; the
 *   supervisor kills the worker only when no progress came for the no-progress guard (a long native operation) or
 *   when the test ran past the absolute cap. The soft deadline here is that same cap (see `count`).
 *
 * **Prepared once, restored per test (issue 17).** A session evaluates the prelude, the driver and the user's module
 * once, then copies the sandbox's linear memory. Before each further test it copies that memory back: the engine
 * then holds, byte for byte, the state a fresh evaluation would have reached, so tests stay isolated (a solution that
 * mutates a global or a prototype in one test cannot be seen by the next) and step counts are the same in any order.
 * Everything else the engine keeps is restored or unchanged: the WebAssembly stack pointer is back at its snapshot
 * value whenever the host calls in (every call returns before the next); the host-side handles used across tests
 * were all created before the snapshot (a test's own handles are abandoned, never disposed after a restore); the
 * interrupt handler's counters live in a per-test object. The heap above the snapshot's allocator break holds nothing
 * live and is not copied; the part a test took (up to the break it left) is zeroed, as in a new module. The snapshot's
 * zero runs (most of the 5 MB stack region) are filled rather than copied (memory-image.ts).
 * The user's top-level code runs once, before any test input exists, so it cannot behave differently per test.
 *
 * **A base per worker.** Below the session sits a base: a module with the runtime, context and prelude evaluated,
 * and a copy of its memory. A new session (a new job, or a test after a discarded one) starts by copying that image
 * back and zeroing the rest of the memory, which leaves the module byte for byte as a fresh module would be after
 * the prelude: no byte of the previous submission survives. A base whose memory grew, or whose module failed, is
 * dropped and a new module is built.
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
import { InputCache, type PreparedInput } from './input-cache.ts';
import { memoryImage, writeImage, type MemoryImage } from './memory-image.ts';
import { PRELUDE_SOURCE, wrapDriver, wrapSolution } from './prelude.ts';
import {
  defaultWallCapMs,
  PROGRESS_INTERVAL_MS,
  wallDetail,
  type LimitKind,
  type RawTestRun,
  type RunOutcome,
  type SandboxLimits,
  type SandboxProgram,
  type SandboxTest,
} from './types.ts';

const PAGE = 64 * 1024;
/** The QuickJS builds need at least 16 MiB of initial memory. */
const MIN_HEAP = 256 * PAGE;
/** Virtual milliseconds per step for `performance.now()` and `Date.now()` (a step is ~0.1-0.15 ms here). */
const MS_PER_STEP = 0.1;

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
  /** Reuse a prepared session across tests by restoring its memory (default). `false` prepares one per test. */
  reuse?: boolean;
  /** Charge native operations by their work (default). `false` only in the benchmark that measures their cost. */
  chargeNatives?: boolean;
  /**
   * Build each test's arguments once and keep them as binary JSON (default; input-cache.ts). `false` builds them in
   * the session for every test, only in the benchmark that measures what keeping them saves.
   */
  keepInputs?: boolean;
}

/** What the interrupt handler and the host functions count for the test being run. */
interface TestState {
  phase: 'judge' | 'user';
  judgeSteps: number;
  userSteps: number;
  stepBudget: number;
  judgeStepBudget: number;
  tripped: LimitKind | null;
  judgeOverrun: boolean;
  oomInJob: boolean;
  console: string;
  consoleTruncated: boolean;
  consoleBytes: number;
  /** The absolute cap on the test's wall time (the soft deadline; see `count`). */
  wallCapMs: number;
  deadline: number;
  /** Reports progress to the supervisor (the worker posts it); absent when nothing watches (in-process runs). */
  onProgress: ((steps: number) => void) | null;
  /** When progress was last reported. */
  progressAt: number;
}

/** A runtime and context with the prelude, driver and user module evaluated, and the memory to restore. */
interface Session {
  key: string;
  base: Base;
  slot: ModuleSlot;
  rt: QuickJSRuntime;
  ctx: QuickJSContext;
  api: QuickJSHandle;
  /** User steps of the module's top-level code (part of every test's steps, as if it ran each time). */
  loadSteps: number;
  /** The memory below the allocator's break at the snapshot, and where it is zero. */
  snapshot: MemoryImage;
  /** The allocator's break at the snapshot (null: unknown, restore the whole buffer). */
  snapBreak: number | null;
  /** The memory differs from the snapshot (a test ran since it was taken or restored). */
  dirty: boolean;
}

/**
 * A module with the runtime, the context and the prelude evaluated, and a copy of its memory at that point. A job
 * starts from it: copying the image back (and zeroing the rest of the memory) leaves the module byte for byte as a
 * fresh module would be after the same evaluation, in ~1 ms instead of ~20-40 ms for a new module and the ~33 KB
 * prelude. A base serves one memory cap and stack size; it is dropped when its memory grew or the module failed.
 */
interface Base {
  key: string;
  slot: ModuleSlot;
  rt: QuickJSRuntime;
  ctx: QuickJSContext;
  /** The prelude's API object (init, load, prepare, call). */
  api: QuickJSHandle;
  image: MemoryImage;
  /** The memory's size when the image was taken (a grown memory cannot return to it). */
  byteLength: number;
  /** The memory differs from the image (a session was built on it since it was taken or restored). */
  dirty: boolean;
}

/**
 * Whether a test's arguments are worth keeping (input-cache.ts): those the driver builds from a spec (tiny specs can
 * build large inputs), and arguments given as JSON long enough that parsing them with the tag reviver costs more
 * than decoding. Small literal arguments (most hand-written tests, the counterexample search's candidates) are
 * parsed in the session as before: keeping them would cost more than it saves. Decided by the test alone, so a test
 * always takes the same path.
 */
const worthKeeping = (input: string): boolean => input.length >= 2048 || input.includes('"spec"');

/** How many bases a sandbox keeps (one per memory cap in use: problems differ in memory limits). */
const MAX_BASES = 2;
/** Bytes of prepared test arguments a sandbox keeps (a problem's whole suite takes 0.1-4 MB). */
const INPUT_CACHE_BYTES = 48 << 20;

function isOutOfMemory(text: string): boolean {
  return /out of memory/i.test(text);
}

const heapCap = (memoryBytes: number): number => Math.max(MIN_HEAP, Math.ceil(memoryBytes / PAGE) * PAGE);

const sessionKey = (p: SandboxProgram, l: SandboxLimits): string =>
  JSON.stringify([
    p.solutionJs,
    p.driverJs,
    p.entries,
    l.memoryBytes,
    l.stackBytes,
    l.outputBytes,
    l.consoleBytes,
    l.judgeStepBudget,
  ]);

/**
 * Address of the emscripten allocator's break (`sbrk`'s current top) in a build's linear memory, found once per
 * WebAssembly module on a throwaway instance: the word in the data segment that moves past a fresh large block when
 * the heap grows to hold it. Null if no single word behaves so (then whole buffers are copied).
 */
const breakAddresses = new WeakMap<WebAssembly.Module, Promise<number | null>>();
async function findBreakAddress(variant: QuickJSSyncVariant, wasmModule: WebAssembly.Module): Promise<number | null> {
  const memory = new WebAssembly.Memory({ initial: MIN_HEAP / PAGE, maximum: (64 << 20) / PAGE });
  const mod = await newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmModule, wasmMemory: memory }));
  const em = (mod as unknown as { module?: { _malloc?: (n: number) => number; _free?: (p: number) => void } }).module;
  if (!em?._malloc || !em._free) return null;
  const scanWords = 1 << 16; // the data segment sits in the first 256 KiB
  const probe = (size: number): number[] => {
    const before = new Uint32Array(memory.buffer.slice(0, scanWords * 4));
    const p = em._malloc?.(size) ?? 0;
    const after = new Uint32Array(memory.buffer, 0, scanWords);
    const found: number[] = [];
    for (let i = 0; i < scanWords; i++) {
      const b = before[i] as number;
      const a = after[i] as number;
      if (a !== b && p > 0 && b >= p && a >= p + size && a <= memory.buffer.byteLength) found.push(i * 4);
    }
    em._free?.(p);
    return found;
  };
  const first = probe(4 << 20);
  const second = probe(16 << 20);
  const common = first.filter((a) => second.includes(a));
  return common.length === 1 ? (common[0] as number) : null;
}

export class Sandbox {
  private slot: ModuleSlot | null = null;
  private session: Session | null = null;
  /** A module built ahead of time for the next job; no code has ever run in it. */
  private spare: { maxBytes: number; slot: Promise<ModuleSlot> } | null = null;
  private readonly now: () => number;
  private current: TestState | null = null;
  /**
   * Where sessions keep their memory copy. One session lives at a time, so one buffer serves them all: allocating a
   * fresh 5-16 MB array per session cost 10-40 ms (the pages are new), copying into a kept one 0.1-1.6 ms.
   */
  private snapshotStore: Uint8Array | null = null;
  /** Prepared bases, most recently used last. */
  private bases: Base[] = [];
  /** Test arguments built once and kept as binary JSON (input-cache.ts). */
  private readonly inputs = new InputCache(INPUT_CACHE_BYTES);
  /** A short id per driver source, for the input cache's keys (never reused, so keys never collide). */
  private readonly driverIds = new Map<string, number>();
  private nextDriverId = 0;
  /** This sandbox only checks whether an input builds without user code (see buildsCleanly): it never probes again. */
  private probing = false;

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

  /** Copies the first `length` bytes of `memory` into the kept snapshot buffer (grown when too small). */
  private copyOut(memory: WebAssembly.Memory, length: number): Uint8Array {
    if (!this.snapshotStore || this.snapshotStore.length < length)
      this.snapshotStore = new Uint8Array(Math.max(length, MIN_HEAP));
    const view = this.snapshotStore.subarray(0, length);
    view.set(new Uint8Array(memory.buffer, 0, length));
    return view;
  }

  /**
   * Drop the current session (after a limit, a crash, heap growth, or at the end of a job): the next test builds a
   * new one on a base restored to its image, so nothing of this session's heap is seen again.
   */
  discardModule(): void {
    this.slot = null;
    this.session = null;
  }

  /** Drop the base built on `slot` too: its memory grew, or the module failed and its state is not trusted. */
  private discardBase(slot: ModuleSlot): void {
    this.bases = this.bases.filter((b) => b.slot !== slot);
  }

  /** A base for these limits with its memory back at the image: kept from an earlier job, or built now. */
  private async baseFor(limits: SandboxLimits, breakAt: number | null, state: TestState): Promise<Base> {
    const key = `${heapCap(limits.memoryBytes)}/${limits.stackBytes}`;
    const kept = this.options.reuse === false ? undefined : this.bases.find((b) => b.key === key);
    if (kept && kept.slot.memory.buffer.byteLength === kept.byteLength) {
      this.bases = [...this.bases.filter((b) => b !== kept), kept];
      if (kept.dirty) restoreBase(kept);
      kept.dirty = false;
      return kept;
    }
    if (kept) this.discardBase(kept.slot);
    const slot = await this.nextModule(limits.memoryBytes);
    const base = this.buildBase(slot, limits, key, breakAt, state);
    if (this.options.reuse !== false) this.bases = [...this.bases, base].slice(-MAX_BASES);
    return base;
  }

  /** Runtime, context, host functions and the prelude (judge phase), then a copy of the memory. */
  private buildBase(
    slot: ModuleSlot,
    limits: SandboxLimits,
    key: string,
    breakAt: number | null,
    state: TestState,
  ): Base {
    const rt = slot.module.newRuntime();
    rt.setMaxStackSize(limits.stackBytes);
    rt.setInterruptHandler(() => this.count(1));
    const ctx = rt.newContext({ intrinsics: { ...DefaultIntrinsics } });
    const hostWrite = ctx.newFunction('hostWrite', (_level, textHandle) => {
      const s = this.current;
      if (!s || s.consoleTruncated) return;
      const text = ctx.getString(textHandle);
      const room = s.consoleBytes - s.console.length;
      if (text.length + 1 > room) {
        s.console += text.slice(0, Math.max(0, room));
        s.consoleTruncated = true;
        s.tripped = 'console';
        return;
      }
      s.console += `${text}\n`;
    });
    const hostCharge = ctx.newFunction('hostCharge', (stepsHandle) => {
      this.count(ctx.getNumber(stepsHandle));
    });
    const hostClock = ctx.newFunction('hostClock', () => {
      const s = this.current;
      return ctx.newNumber(s ? s.userSteps * MS_PER_STEP : 0);
    });
    const setup = this.evalOrThrow(ctx, PRELUDE_SOURCE, 'judge-prelude.js');
    const charges = this.options.chargeNatives === false ? ctx.false : ctx.true;
    const api = ctx.unwrapResult(ctx.callFunction(setup, ctx.undefined, hostWrite, hostCharge, hostClock, charges));
    // quickjs-emscripten caches a handle to the global object on first use: create it now, inside the image, so
    // that no handle made after the image is ever kept on the host across a restore.
    void ctx.global;
    // The prelude's judge steps are the base's, not a test's.
    state.judgeSteps = 0;
    const memory = slot.memory;
    const breakValue = breakAt === null ? null : (new Uint32Array(memory.buffer, breakAt, 1)[0] as number);
    const length = breakValue === null ? memory.buffer.byteLength : Math.min(memory.buffer.byteLength, breakValue + 8);
    const image = new Uint8Array(length);
    image.set(new Uint8Array(memory.buffer, 0, length));
    return { key, slot, rt, ctx, api, image: memoryImage(image), byteLength: memory.buffer.byteLength, dirty: false };
  }

  /**
   * Builds the next job's module now (a worker calls this when it goes idle), so the next submission does not wait
   * ~5-20 ms for one, unless a base for that memory cap is kept (the next job restores it). The spare is a module no
   * code has run in yet.
   */
  prepareSpare(memoryBytes: number): void {
    const maxBytes = heapCap(memoryBytes);
    if (this.spare?.maxBytes === maxBytes || this.bases.some((b) => b.slot.maxBytes === maxBytes)) return;
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

  private breakAddress(): Promise<number | null> {
    let found = breakAddresses.get(this.options.wasmModule);
    if (!found) {
      found = findBreakAddress(this.options.variant, this.options.wasmModule).catch(() => null);
      breakAddresses.set(this.options.wasmModule, found);
    }
    return found;
  }

  /**
   * Runs one test. `onProgress` is called from the interrupt handler (inside this thread, while the test runs), at
   * most every PROGRESS_INTERVAL_MS, with the steps so far: the worker posts it so the supervisor's guard knows the
   * test is being interpreted, not stalled in a native call.
   */
  async runTest(
    program: SandboxProgram,
    test: SandboxTest,
    limits: SandboxLimits,
    onProgress?: (steps: number) => void,
  ): Promise<RawTestRun> {
    const key = sessionKey(program, limits);
    let session = this.options.reuse === false ? null : this.session;
    if (session && (session.key !== key || session.loadSteps > test.stepBudget)) session = null;
    const breakAt = await this.breakAddress();
    const started = this.now();
    const state = this.newState(test, limits, started, onProgress ?? null);
    this.current = state;
    let base: Base;
    try {
      base = session ? session.base : await this.baseFor(limits, breakAt, state);
    } catch (e) {
      // The prelude itself failed in a new module: the judge is broken, not the submission.
      this.current = null;
      const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      return {
        index: test.index,
        outcome: { kind: 'judge-error', message: `sandbox setup failed: ${message}` },
        steps: 0,
        memoryBytes: 0,
        wallMs: this.now() - started,
        console: '',
        consoleTruncated: false,
      };
    }
    const slot = base.slot;
    this.slot = slot;
    const inputKey = this.inputKey(base, program, test, limits);
    let prepared = this.options.keepInputs === false || !worthKeeping(test.input) ? null : this.inputs.get(inputKey);
    if (prepared === undefined) {
      const filled = this.prepareInput(base, program, test, limits, breakAt, onProgress ?? null);
      prepared = filled.entry;
      this.inputs.set(inputKey, prepared);
      if (session) session.dirty = true;
      if (!filled.reusable) {
        // The module failed or its memory grew while building: its base and session cannot be restored. Start
        // this test again on a new one; the entry is kept, so the arguments are not built again.
        this.discardBase(slot);
        this.discardModule();
        this.current = null;
        return this.runTest(program, test, limits, onProgress);
      }
    }
    const startBytes = slot.memory.buffer.byteLength;
    let outcome: RunOutcome;
    let clean: boolean;
    try {
      if (session) {
        if (session.dirty) restoreMemory(slot.memory, session, breakAt);
        session.dirty = true;
        state.userSteps = session.loadSteps;
      } else {
        this.session = null;
        if (base.dirty) restoreBase(base);
        base.dirty = true;
        const built = this.buildSession(base, program, limits, key, breakAt);
        if ('outcome' in built) {
          outcome = built.outcome;
          return this.finish(slot, test, state, outcome, false, startBytes, started);
        }
        session = built.session;
        session.dirty = true;
        if (this.options.reuse !== false) this.session = session;
      }
      ({ outcome, clean } = await this.runOne(session, program, test, limits, prepared));
    } catch (e) {
      // The module itself failed (an emscripten abort, a host stack overflow): never reuse it or its base.
      this.discardBase(slot);
      const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      const atCap = slot.memory.buffer.byteLength >= slot.maxBytes - PAGE;
      outcome =
        atCap || isOutOfMemory(message)
          ? { kind: 'limit', limit: 'memory', detail: 'the sandbox heap reached its limit' }
          : /call stack|stack size/i.test(message)
            ? { kind: 'threw', name: 'InternalError', message: 'stack overflow', stack: '' }
            : { kind: 'judge-error', message: `sandbox failure: ${message}` };
      clean = false;
    }
    return this.finish(slot, test, state, outcome, clean, startBytes, started);
  }

  private newState(
    test: SandboxTest,
    limits: SandboxLimits,
    started: number,
    onProgress: ((steps: number) => void) | null,
  ): TestState {
    const wallCapMs = limits.wallCapMs ?? defaultWallCapMs(limits.wallMs);
    return {
      phase: 'judge',
      judgeSteps: 0,
      userSteps: 0,
      stepBudget: test.stepBudget,
      judgeStepBudget: limits.judgeStepBudget,
      tripped: null,
      judgeOverrun: false,
      oomInJob: false,
      console: '',
      consoleTruncated: false,
      consoleBytes: limits.consoleBytes,
      wallCapMs,
      deadline: started + wallCapMs,
      onProgress,
      progressAt: started,
    };
  }

  private finish(
    slot: ModuleSlot,
    test: SandboxTest,
    state: TestState,
    outcome: RunOutcome,
    clean: boolean,
    startBytes: number,
    started: number,
  ): RawTestRun {
    // Memory is decided outside the sandbox: user code can catch "out of memory" and carry on. A failed allocation
    // leaves the heap short of the cap by at most about the size of the allocation that failed, so a heap that
    // ends within 1/16 of the cap counts as having hit it.
    const atCap = slot.memory.buffer.byteLength >= slot.maxBytes - Math.max(4 * PAGE, slot.maxBytes / 16);
    if (
      outcome.kind !== 'limit' &&
      (atCap || state.oomInJob || (outcome.kind === 'threw' && isOutOfMemory(outcome.message)))
    ) {
      outcome = { kind: 'limit', limit: 'memory', detail: limitDetail('memory', state.wallCapMs) };
    }
    if (outcome.kind === 'limit' || outcome.kind === 'judge-error') clean = false;
    const memoryBytes = slot.memory.buffer.byteLength;
    if (!clean || memoryBytes > startBytes || this.options.reuse === false) this.discardModule();
    // A grown memory cannot go back to the base's size; a judge error leaves the module's state untrusted.
    if (memoryBytes > startBytes || outcome.kind === 'judge-error') this.discardBase(slot);
    this.current = null;
    return {
      index: test.index,
      outcome,
      steps: state.userSteps,
      memoryBytes,
      wallMs: this.now() - started,
      console: state.console,
      consoleTruncated: state.consoleTruncated,
    };
  }

  /** Counts a step (an interrupt-handler call, or charged native work) in the current phase; true when tripped. */
  private count(steps: number): boolean {
    const s = this.current;
    if (!s) return false;
    if (s.tripped || s.judgeOverrun) return true;
    if (s.phase === 'judge') {
      s.judgeSteps += steps;
      if (s.judgeSteps > s.judgeStepBudget) s.judgeOverrun = true;
    } else {
      s.userSteps += steps;
      if (s.userSteps > s.stepBudget) s.tripped = 'steps';
    }
    // The soft deadline is the absolute cap, not wallMs: whenever this handler runs, the engine is interpreting, and
    // the step budget bounds that deterministically — a loaded machine must not turn a test within its budget into
    // TLE. The cap stays here too (not only in the supervisor) so that a test that outlasts it anyway (a huge budget)
    // ends cleanly with its steps, and the worker is kept instead of killed and rebuilt; the supervisor kills at the
    // cap plus its grace only if this never runs. (The clock is read on every call, as before: ~0.1 ms of work apart.)
    const now = this.now();
    if (!s.tripped && now > s.deadline) s.tripped = 'wall';
    if (s.onProgress && now - s.progressAt >= PROGRESS_INTERVAL_MS) {
      s.progressAt = now;
      s.onProgress(s.judgeSteps + s.userSteps);
    }
    return s.tripped !== null || s.judgeOverrun;
  }

  /**
   * Prepares a session on a base (restored to its image): the driver (judge phase), then the user's module (user
   * phase, the current test's budget). Returns the test's outcome instead when the module could not load cleanly.
   */
  private buildSession(
    base: Base,
    program: SandboxProgram,
    limits: SandboxLimits,
    key: string,
    breakAt: number | null,
  ): { session: Session } | { outcome: RunOutcome } {
    const { slot, rt, ctx, api } = base;
    const state = this.current as TestState;
    const finishLimit = (limit: LimitKind): RunOutcome => ({
      kind: 'limit',
      limit,
      detail: limitDetail(limit, state.wallCapMs),
    });
    try {
      const init = this.initDriver(ctx, api, program);
      if (!init.ok)
        throw new SandboxPhaseError(
          state.judgeOverrun ? 'the driver exceeded the judge step budget' : `the driver failed: ${init.text}`,
        );

      // User phase: the module's top-level code counts against the test's budget (and every later test's).
      state.phase = 'user';
      const factoryResult = ctx.evalCode(wrapSolution(program.solutionJs, program.entries), 'solution.js', {
        type: 'global',
        strict: false,
      });
      if (factoryResult.error) {
        const text = this.errorText(ctx, factoryResult.error);
        return { outcome: state.tripped ? finishLimit(state.tripped) : parseThrown(text) };
      }
      const loaded = this.callString(ctx, api, 'load', [factoryResult.value]);
      if (state.tripped) return { outcome: finishLimit(state.tripped) };
      if (!loaded.ok) return { outcome: parseThrown(loaded.text) };
      if (loaded.text !== '') return { outcome: decodeResult(loaded.text) };
      this.drainJobs(rt, ctx, state);
      if (state.tripped) return { outcome: finishLimit(state.tripped) };
      if (state.oomInJob) return { outcome: finishLimit('memory') };
    } catch (e) {
      if (!(e instanceof SandboxPhaseError)) throw e;
      return { outcome: state.tripped ? finishLimit(state.tripped) : { kind: 'judge-error', message: e.message } };
    }
    const snapBreak = breakAt === null ? null : (new Uint32Array(slot.memory.buffer, breakAt, 1)[0] as number);
    return {
      session: {
        key,
        base,
        slot,
        rt,
        ctx,
        api,
        loadSteps: state.userSteps,
        // Only the heap in use (below the allocator's break, ~5 MB) is copied; without a known break, the whole buffer.
        snapshot: memoryImage(
          this.copyOut(
            slot.memory,
            snapBreak === null ? slot.memory.buffer.byteLength : Math.min(slot.memory.buffer.byteLength, snapBreak + 8),
          ),
        ),
        snapBreak,
        dirty: false,
      },
    };
  }

  /** One test in a prepared session: the driver builds the arguments (judge phase), then the call (user phase). */
  private async runOne(
    session: Session,
    program: SandboxProgram,
    test: SandboxTest,
    limits: SandboxLimits,
    input: PreparedInput | null,
  ): Promise<{ outcome: RunOutcome; clean: boolean }> {
    const { ctx, rt, api } = session;
    const state = this.current as TestState;
    const finishLimit = (limit: LimitKind): RunOutcome => ({
      kind: 'limit',
      limit,
      detail: limitDetail(limit, state.wallCapMs),
    });
    state.phase = 'judge';
    const prepared = input ? this.usePrepared(ctx, api, input, test.seed) : this.prepareArgs(ctx, api, test);
    if (!prepared.ok || state.judgeOverrun) {
      const why = state.judgeOverrun
        ? 'the driver exceeded the judge step budget'
        : `the driver failed: ${prepared.text}`;
      // The user's top-level code ran before the input was built: if the same input builds in a clean context,
      // the failure is the solution's doing (it changed a built-in the driver uses), not the judge's.
      const cleanBuild = !this.probing && (await this.buildsCleanly(program, test, limits, state.onProgress));
      if (cleanBuild) {
        return {
          outcome: {
            kind: 'threw',
            name: 'Error',
            message: `the test's input could not be built after your module's top-level code ran (${why}): do not modify built-ins such as Array.prototype`,
            stack: '',
          },
          clean: false,
        };
      }
      return { outcome: { kind: 'judge-error', message: why }, clean: false };
    }
    state.phase = 'user';
    const called = this.callString(ctx, api, 'call', [ctx.newNumber(limits.outputBytes)]);
    if (state.tripped) return { outcome: finishLimit(state.tripped), clean: false };
    if (!called.ok) return { outcome: parseThrown(called.text), clean: true };
    const outcome = decodeResult(called.text);
    this.drainJobs(rt, ctx, state);
    if (state.tripped) return { outcome: finishLimit(state.tripped), clean: false };
    return { outcome, clean: true };
  }

  /** Judge phase: evaluates the problem's driver and hands it to the prelude (throws if the driver does not evaluate). */
  private initDriver(ctx: QuickJSContext, api: QuickJSHandle, program: SandboxProgram): { ok: boolean; text: string } {
    const factory = program.driverJs
      ? this.evalOrThrow(ctx, wrapDriver(program.driverJs), 'judge-driver.js')
      : ctx.undefined;
    return this.callString(ctx, api, 'init', [factory]);
  }

  /** Judge phase: seeds Math.random and builds the test's arguments from its input text (the prelude's prepare). */
  private prepareArgs(ctx: QuickJSContext, api: QuickJSHandle, test: SandboxTest): { ok: boolean; text: string } {
    return this.callString(ctx, api, 'prepare', [ctx.newString(test.input), ctx.newNumber(test.seed >>> 0)]);
  }

  /** The input cache's key: what the built arguments depend on (the base's limits, the driver, the input, the seed). */
  private inputKey(base: Base, program: SandboxProgram, test: SandboxTest, limits: SandboxLimits): string {
    const driver = program.driverJs ?? '';
    let id = this.driverIds.get(driver);
    if (id === undefined) {
      id = this.nextDriverId++;
      this.driverIds.set(driver, id);
      // Drafts in the authoring UI make new drivers over a server's life; ids are never reused, so dropping the
      // oldest names only costs a rebuild of their inputs.
      if (this.driverIds.size > 64) this.driverIds.delete(this.driverIds.keys().next().value as string);
    }
    return `${base.key}/${limits.judgeStepBudget}/${id}/${test.seed >>> 0}/${test.input}`;
  }

  /**
   * Builds a test's arguments on the base, restored to its image: the driver and prepare() in a context no user code
   * has run in (the judge phase, under the judge's step budget), then copies them out as binary JSON and checks that
   * the decoded copy is exact. Leaves the memory dirty (the caller restores the session or the base). `entry` is
   * null when the arguments cannot be copied exactly or could not be built here (the session builds them, as
   * before); `reusable` is false when the module failed or its memory grew.
   */
  private prepareInput(
    base: Base,
    program: SandboxProgram,
    test: SandboxTest,
    limits: SandboxLimits,
    breakAt: number | null,
    onProgress: ((steps: number) => void) | null,
  ): { entry: PreparedInput | null; reusable: boolean } {
    const { ctx, api, slot } = base;
    const outer = this.current;
    this.current = this.newState(test, limits, this.now(), onProgress);
    if (base.dirty) restoreBaseBelowBreak(base, breakAt);
    base.dirty = true;
    let entry: PreparedInput | null = null;
    let failed = false;
    try {
      const built = this.initDriver(ctx, api, program).ok && this.prepareArgs(ctx, api, test).ok;
      if (built && !this.current.judgeOverrun) {
        const args = ctx.unwrapResult(ctx.callFunction(ctx.getProp(api, 'builtArgs'), api));
        const encoded = ctx.encodeBinaryJSON(args);
        const view = ctx.getArrayBuffer(encoded);
        const bytes = view.value.slice();
        view.dispose();
        const copy = ctx.decodeBinaryJSON(ctx.newArrayBuffer(bytes.buffer));
        const exact = this.callString(ctx, api, 'isExactCopy', [copy]);
        const meta = this.callString(ctx, api, 'inputMeta', []);
        if (exact.text === 'exact' && meta.ok && !this.current.judgeOverrun) entry = { bytes, meta: meta.text };
      }
    } catch {
      // The driver failed, binary JSON refused a value, or the module itself failed: the session builds these
      // arguments. The module's state is not trusted after an exception here, so it is not reused either.
      failed = true;
    } finally {
      this.current = outer;
    }
    return { entry, reusable: !failed && slot.memory.buffer.byteLength === base.byteLength };
  }

  /** Decodes a prepared input's arguments into the session and hands them to the prelude (judge phase). */
  private usePrepared(
    ctx: QuickJSContext,
    api: QuickJSHandle,
    input: PreparedInput,
    seed: number,
  ): { ok: boolean; text: string } {
    const buffer = ctx.newArrayBuffer(input.bytes.buffer as ArrayBuffer);
    const copy = ctx.decodeBinaryJSON(buffer);
    buffer.dispose();
    if (ctx.typeof(copy) !== 'object') return { ok: false, text: 'InternalError: the arguments could not be decoded' };
    const r = this.callString(ctx, api, 'usePrepared', [ctx.newString(input.meta), copy, ctx.newNumber(seed >>> 0)]);
    copy.dispose();
    return r;
  }

  /**
   * Whether the test's input builds in a fresh sandbox with no user code (a separate throwaway module). It runs in
   * this thread within the test, so it reports progress for the test too.
   */
  private async buildsCleanly(
    program: SandboxProgram,
    test: SandboxTest,
    limits: SandboxLimits,
    onProgress: ((steps: number) => void) | null,
  ): Promise<boolean> {
    const probe = new Sandbox({ ...this.options, reuse: false });
    probe.probing = true;
    const run = await probe.runTest(
      { solutionJs: '', driverJs: program.driverJs, entries: [] },
      { ...test, stepBudget: 1e9 },
      limits,
      onProgress ?? undefined,
    );
    return run.outcome.kind !== 'judge-error';
  }

  private evalOrThrow(ctx: QuickJSContext, code: string, filename: string): QuickJSHandle {
    const r = ctx.evalCode(code, filename, { type: 'global', strict: false });
    if (r.error) {
      const text = this.errorText(ctx, r.error);
      throw new SandboxPhaseError(text);
    }
    return r.value;
  }

  private callString(
    ctx: QuickJSContext,
    api: QuickJSHandle,
    name: string,
    args: QuickJSHandle[],
  ): { ok: boolean; text: string } {
    const fn = ctx.getProp(api, name);
    const r = ctx.callFunction(fn, api, ...args);
    if (r.error) return { ok: false, text: this.errorText(ctx, r.error) };
    const text = ctx.typeof(r.value) === 'string' ? ctx.getString(r.value) : '';
    return { ok: true, text };
  }

  /** Runs queued promise jobs one at a time so the budget is checked between them. */
  private drainJobs(rt: QuickJSRuntime, ctx: QuickJSContext, state: TestState): void {
    for (;;) {
      if (state.tripped) return;
      const r = rt.executePendingJobs(1);
      if (r.error) {
        // An unhandled rejection in a job is not the test's result, unless the engine ran out of memory.
        if (isOutOfMemory(this.errorText(ctx, r.error))) state.oomInJob = true;
      } else if (r.value === 0) return;
    }
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

/** Copies a base's image back and zeroes the rest of the memory: the module is as it was when the image was taken. */
function restoreBase(base: Base): void {
  const target = new Uint8Array(base.slot.memory.buffer);
  writeImage(target, base.image);
  target.fill(0, base.image.bytes.length);
}

/**
 * Copies a base's image back and zeroes only the heap in use above it (up to the allocator's current break), as
 * restoreMemory does for a session: enough for building a test's arguments, which needs the base's JavaScript state,
 * not the bytes above the break (the allocator hands those out anew; nothing reads them before writing them). It
 * spares zeroing the whole memory (10+ MB) for every new input. Nothing of it is seen by user code: the caller
 * restores the session or the whole base next.
 */
function restoreBaseBelowBreak(base: Base, breakAt: number | null): void {
  if (breakAt === null) return restoreBase(base);
  writeBelowBreak(base.slot.memory, base.image, breakAt);
}

/**
 * Copies the snapshot (the memory below the allocator's break at the snapshot) back over the memory. Heap the test
 * took above that break is zeroed, as it was in the fresh module: it is above the break again after the restore,
 * so the allocator will hand it out anew (and never reads it before writing it).
 */
function restoreMemory(memory: WebAssembly.Memory, session: Session, breakAt: number | null): void {
  writeBelowBreak(memory, session.snapshot, session.snapBreak === null ? null : breakAt);
}

/**
 * Writes `image` back over `memory` and zeroes the heap taken above it since, up to the allocator's break as the
 * memory's last user left it (read first: the image overwrites that word, which is in the data segment). Without a
 * known break address, only the image is written.
 */
function writeBelowBreak(memory: WebAssembly.Memory, image: MemoryImage, breakAt: number | null): void {
  const target = new Uint8Array(memory.buffer);
  const current = breakAt === null ? null : (new Uint32Array(memory.buffer, breakAt, 1)[0] as number);
  writeImage(target, image);
  const length = image.bytes.length;
  if (current !== null && current > length) target.fill(0, length, Math.min(current + 8, target.length));
}

class SandboxPhaseError extends Error {}

function limitDetail(limit: LimitKind, wallCapMs: number): string {
  switch (limit) {
    case 'steps':
      return 'the step budget was exhausted';
    case 'wall':
      return wallDetail('cap', wallCapMs);
    case 'memory':
      return 'the sandbox heap reached its limit';
    case 'output':
      return 'the returned value is larger than the output limit';
    case 'console':
      return 'console output exceeded its limit';
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
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
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
      return {
        kind: 'limit',
        limit: 'output',
        detail: `the returned value is nested more than ${MAX_OUTPUT_DEPTH} levels deep`,
      };
    }
    return { kind: 'returned', output: body };
  }
  if (tag === 'O')
    return {
      kind: 'limit',
      limit: 'output',
      detail: `the returned value is ${body} bytes as JSON, over the output limit`,
    };
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
