import { Worker } from 'node:worker_threads';

/**
 * Worker threads under Node 20 + tsx get tsx's require() hook but not its ESM hooks (those register on
 * the main thread only), so a test thread boots from a data: ESM module that require()s the test file,
 * as Piscina does. Such files can't use top-level await.
 */
export const BOOT = new URL(
  'data:text/javascript,' +
    encodeURIComponent(`import { createRequire } from 'node:module'; import { workerData } from 'node:worker_threads'; createRequire(workerData.entry)(workerData.entry);`),
);

/** Starts one booted thread per workerData and resolves when all have exited cleanly. */
export function runBooted(data: readonly object[]): { workers: Worker[]; done: Promise<void> } {
  const workers = data.map((workerData) => new Worker(BOOT, { workerData }));
  const done = Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          w.once('error', reject);
          w.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))));
        }),
    ),
  ).then(() => undefined);
  return { workers, done };
}
