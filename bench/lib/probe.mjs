// Preloaded (`node --import tsx --import bench/lib/probe.mjs …`) into every contender process so CPU time
// and peak RSS are measured the same way for all of them, whatever they report about themselves.
// getrusage(SELF) covers all threads, so Piscina's workers are counted with the engine's main thread.
// Worker threads inherit execArgv and load this file too (hence plain JS: a .ts preload fails in a
// Piscina worker); only the main thread writes.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env['BENCH_PROBE_FILE'];
if (file && isMainThread) {
  process.on('exit', (code) => {
    const u = process.resourceUsage();
    // userCPUTime/systemCPUTime are µs; maxRSS is KiB (Linux).
    writeFileSync(file, JSON.stringify({ code, cpuUserMs: u.userCPUTime / 1000, cpuSystemMs: u.systemCPUTime / 1000, maxRssKb: u.maxRSS }));
  });
}
