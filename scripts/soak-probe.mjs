/**
 * Loaded into the server by `npm run soak` (`node --import ./scripts/soak-probe.mjs`, plain JavaScript: it loads before tsx): once a second it appends the
 * process's resident memory and the main thread's event-loop delay over that second to SOAK_PROBE_FILE as a JSON line.
 * Worker threads live in the same process, so the RSS includes the graders' WebAssembly heaps.
 *
 * `--import` preloads run in every worker thread too (the grading pool's, the publish checker's): only the main
 * thread samples. A sandbox worker's loop is blocked by design while it runs a test, so its delays (seconds for a
 * hostile test) said nothing about the server's responsiveness, yet they were once mixed into these figures.
 */
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import process from 'node:process';
import { setInterval } from 'node:timers';
import { isMainThread } from 'node:worker_threads';

const file = process.env.SOAK_PROBE_FILE;
if (file && isMainThread) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const timer = setInterval(() => {
    const sample = {
      t: Date.now(),
      rssBytes: process.memoryUsage.rss(),
      loopP50Ms: delay.percentile(50) / 1e6,
      loopP99Ms: delay.percentile(99) / 1e6,
      loopMaxMs: delay.max / 1e6,
    };
    delay.reset();
    appendFileSync(file, `${JSON.stringify(sample)}\n`);
  }, 1000);
  timer.unref();
}
