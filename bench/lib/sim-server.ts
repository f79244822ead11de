// The simulator, in a process of its own so that its CPU is not counted as the contender's. Started by
// bench/lib/sim.ts as `node --import tsx bench/lib/sim-server.ts '<SimSpec JSON>' <config dir>`: prints
// one JSON line {url, tenancyId, configFile, profile} once serving, and serves until SIGTERM.
// (The same as `oci-growth sim --json`, but any SimOptions field a scenario names passes straight
// through, so new scenario knobs need no new CLI flags.)
import { startSimulator } from '../../src/sim/index.js';
import { StatsRecorder } from '../../src/sim/stats.js';
import type { LoadCounters } from './sim.js';

/**
 * Bench-only instrumentation of the simulator's own counters (kept here, out of src/sim): every
 * request's begin and end are timed here, so the bench can read, with GET /_sim/stats as `load`, the
 * integral of requests in flight over time (→ the time-average in flight, and by Little's law the
 * average time the server took to answer, whatever its latency model) and the first request and last
 * answer seen (the window in which the server saw traffic). Reset with the stats.
 */
function instrument(): void {
  const proto = StatsRecorder.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const { begin, end, reset, snapshot } = proto;
  // The simulator changed shape: report no load rather than wrong load.
  if (![begin, end, reset, snapshot].every((f) => typeof f === 'function')) return;
  let zero = performance.now();
  let last = zero;
  let inFlight = 0;
  let area = 0;
  let begun = 0;
  let ended = 0;
  let firstBegin: number | null = null;
  let lastEnd: number | null = null;
  const step = (t: number) => {
    area += inFlight * (t - last);
    last = t;
  };
  proto['begin'] = function (this: unknown, ...a: unknown[]) {
    const t = performance.now();
    step(t);
    inFlight++;
    begun++;
    firstBegin ??= t - zero;
    return begin!.apply(this, a);
  };
  proto['end'] = function (this: unknown, ...a: unknown[]) {
    const t = performance.now();
    step(t);
    inFlight = Math.max(0, inFlight - 1);
    ended++;
    lastEnd = t - zero;
    return end!.apply(this, a);
  };
  proto['reset'] = function (this: unknown, ...a: unknown[]) {
    // Requests still in flight stay counted (as the simulator's own reset does); their area restarts.
    zero = last = performance.now();
    area = 0;
    begun = ended = 0;
    firstBegin = lastEnd = null;
    return reset!.apply(this, a);
  };
  proto['snapshot'] = function (this: unknown, ...a: unknown[]) {
    const t = performance.now();
    step(t);
    const load: LoadCounters = { areaMs: area, begun, ended, firstBeginMs: firstBegin, lastEndMs: lastEnd, atMs: t - zero };
    return { ...(snapshot!.apply(this, a) as object), load };
  };
}

const [spec = '{}', configDir] = process.argv.slice(2);
if (!configDir) throw new Error('usage: sim-server.ts <SimSpec JSON> <config dir>');
instrument();
const sim = await startSimulator(JSON.parse(spec));
const { configFile, profile } = await sim.writeConfig(configDir);
process.stdout.write(JSON.stringify({ url: sim.url, tenancyId: sim.tenancyId, configFile, profile }) + '\n');

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
