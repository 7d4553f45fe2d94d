/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, e.g. `npm run soak -- --profile`): the functions with the most self
 * time, the most total time (self plus callees, counted once per sample however deep the recursion), and the longest
 * stretches of samples without an idle tick (the event loop blocked that long), with the stack seen most in each.
 *
 *   node --import tsx scripts/profile-summary.ts .tmp/prof/CPU.….cpuprofile [--top 30] [--stalls 10] [--under name]
 *
 * `--under name` restricts everything to samples with a frame whose function name contains `name` (e.g. `grade`).
 * `--callers name` prints the call paths (up to 8 frames up) into the functions named `name` exactly, by time.
 * Without a file argument, it reads the largest profile of the main thread (thread id 0 in the file name) in .tmp/prof.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}
const TOP = Number(flag('top') ?? 30);
const STALLS = Number(flag('stalls') ?? 10);
const UNDER = flag('under');
const CALLERS = flag('callers');

function defaultProfile(): string {
  const dir = path.resolve('.tmp/prof');
  // CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile; the main thread is thread 0.
  const main = readdirSync(dir)
    .filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f))
    .map((f) => path.join(dir, f));
  if (main.length === 0) throw new Error(`no main-thread profile in ${dir}`);
  return main.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;
}

const positional = process.argv.slice(2).filter((a, i, xs) => !a.startsWith('--') && !xs[i - 1]?.startsWith('--'));
const file = positional[0] ?? defaultProfile();
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const ROOT = path.resolve('.');
function where(f: CallFrame): string {
  let url = f.url.replace(/^file:\/\//, '');
  if (url.startsWith(ROOT)) url = url.slice(ROOT.length + 1);
  url = url.replace(/^node_modules\//, '~/');
  const name = f.functionName || '(anonymous)';
  return url ? `${name} ${url}:${f.lineNumber + 1}` : name;
}
const IDLE = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);
const isIdle = (n: ProfileNode): boolean => n.callFrame.functionName === '(idle)';

/** The stack of a node, leaf first. */
function stack(id: number): ProfileNode[] {
  const out: ProfileNode[] = [];
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) out.push(byId.get(cur)!);
  return out;
}
const stackCache = new Map<number, ProfileNode[]>();
const stackOf = (id: number): ProfileNode[] => {
  let s = stackCache.get(id);
  if (!s) stackCache.set(id, (s = stack(id)));
  return s;
};

// Sample durations: timeDeltas[i] is the time since the previous sample; a sample stands for the time until the next.
const n = profile.samples.length;
const dur = new Float64Array(n);
for (let i = 0; i < n; i++) dur[i] = (profile.timeDeltas[i + 1] ?? 0) / 1000;

const included = (id: number): boolean =>
  UNDER === undefined || stackOf(id).some((f) => f.callFrame.functionName.includes(UNDER));

const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
let idle = 0;
let gc = 0;
for (let i = 0; i < n; i++) {
  const id = profile.samples[i]!;
  const node = byId.get(id)!;
  all += dur[i]!;
  if (isIdle(node)) idle += dur[i]!;
  if (node.callFrame.functionName === '(garbage collector)') gc += dur[i]!;
  if (!included(id)) continue;
  const leaf = where(node.callFrame);
  self.set(leaf, (self.get(leaf) ?? 0) + dur[i]!);
  const seen = new Set<string>();
  for (const f of stackOf(id)) {
    if (IDLE.has(f.callFrame.functionName)) continue;
    const k = where(f.callFrame);
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + dur[i]!);
  }
}

const ms = (x: number): string => `${x.toFixed(0).padStart(8)} ms`;
const pct = (x: number): string => `${((100 * x) / all).toFixed(1).padStart(5)}%`;
console.log(`profile ${path.relative(ROOT, file)}: ${(all / 1000).toFixed(1)} s sampled`);
console.log(`idle ${pct(idle)}, busy ${pct(all - idle)}, of which GC ${pct(gc)}${UNDER ? ` (under "${UNDER}")` : ''}`);
const top = (m: Map<string, number>, title: string): void => {
  console.log(`\n## ${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${ms(v)} ${pct(v)}  ${k}`);
};
top(self, 'self time');
top(total, 'total time (self + callees)');

// Busy stretches: consecutive non-idle samples are one turn of the event loop (or several back to back).
const stalls: Array<{ start: number; ms: number; from: number; to: number }> = [];
let t = 0;
let runStart = -1;
let runT = 0;
for (let i = 0; i <= n; i++) {
  const busy = i < n && !isIdle(byId.get(profile.samples[i]!)!);
  if (busy && runStart < 0) {
    runStart = i;
    runT = t;
  }
  if (!busy && runStart >= 0) {
    stalls.push({ start: runT, ms: t - runT, from: runStart, to: i });
    runStart = -1;
  }
  if (i < n) t += dur[i]!;
}
stalls.sort((a, b) => b.ms - a.ms);
console.log(`\n## longest busy stretches (no idle sample): ${STALLS} of ${stalls.length}`);
for (const s of stalls.slice(0, STALLS)) {
  // The frames most present in the stretch (by time), below the event loop's own.
  const inStretch = new Map<string, number>();
  for (let i = s.from; i < s.to; i++) {
    const seen = new Set<string>();
    for (const f of stackOf(profile.samples[i]!)) {
      if (IDLE.has(f.callFrame.functionName)) continue;
      const k = where(f.callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      inStretch.set(k, (inStretch.get(k) ?? 0) + dur[i]!);
    }
  }
  const leaves = new Map<string, number>();
  for (let i = s.from; i < s.to; i++) {
    const k = where(byId.get(profile.samples[i]!)!.callFrame);
    leaves.set(k, (leaves.get(k) ?? 0) + dur[i]!);
  }
  console.log(`\n${ms(s.ms)} at ${(s.start / 1000).toFixed(1)} s`);
  const frames = [...inStretch].sort((a, b) => b[1] - a[1]).filter(([, v]) => v >= s.ms * 0.2);
  for (const [k, v] of frames.slice(0, 12)) console.log(`  ${((100 * v) / s.ms).toFixed(0).padStart(3)}%  ${k}`);
  for (const [k, v] of [...leaves].sort((a, b) => b[1] - a[1]).slice(0, 3))
    console.log(`  self ${((100 * v) / s.ms).toFixed(0).padStart(3)}%  ${k}`);
}

if (CALLERS !== undefined) {
  const paths = new Map<string, number>();
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const frames = stackOf(profile.samples[i]!);
    const at = frames.findIndex((f) => f.callFrame.functionName === CALLERS);
    if (at < 0) continue;
    const key = frames
      .slice(at, at + 9)
      .map((f) => where(f.callFrame))
      .join('\n      ← ');
    paths.set(key, (paths.get(key) ?? 0) + dur[i]!);
    sum += dur[i]!;
  }
  console.log(`\n## callers of ${CALLERS}: ${sum.toFixed(0)} ms`);
  for (const [k, v] of [...paths].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`${ms(v)}  ${k}`);
}
