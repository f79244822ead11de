// Contender (a): the reference tool before its optimisation — one request at a time, stock SDK.
import { need, parseArgs, runSdkCollection } from './sdk-collector.js';

const args = parseArgs(process.argv.slice(2));
await runSdkCollection({
  configFile: need(args, 'config-file'),
  profile: need(args, 'profile'),
  endpoint: need(args, 'endpoint'),
  out: need(args, 'out'),
  tagsConcurrency: 1,
  defaultsConcurrency: 1,
});
