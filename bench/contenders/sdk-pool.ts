// Contender (b): the reference tool after its optimisation — 20 calls in flight for tag defaults and 10
// for tag definitions (its ThreadPoolExecutor sizes), from one thread with the stock SDK. Python's
// threads there only wait on I/O, so a pool of async calls in one Node thread is the same thing.
import { need, parseArgs, runSdkCollection } from './sdk-collector.js';

const args = parseArgs(process.argv.slice(2));
const concurrency = Number(args['concurrency'] ?? 20);
await runSdkCollection({
  configFile: need(args, 'config-file'),
  profile: need(args, 'profile'),
  endpoint: need(args, 'endpoint'),
  out: need(args, 'out'),
  tagsConcurrency: Math.min(10, concurrency),
  defaultsConcurrency: concurrency,
});
