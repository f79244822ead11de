/**
 * Worker threads under Node 20 + tsx get tsx's require() hook but not its ESM hooks (those register on
 * the main thread only), so a test thread boots from a data: ESM module that require()s the test file,
 * as Piscina does. Such files can't use top-level await.
 */
export const BOOT = new URL(
  'data:text/javascript,' +
    encodeURIComponent(`import { createRequire } from 'node:module'; import { workerData } from 'node:worker_threads'; createRequire(workerData.entry)(workerData.entry);`),
);
