import { parentPort, workerData } from 'node:worker_threads';
import { applyHeapFlags } from '../src/heap-flags.js';
import { quietConsole } from '../src/oci/quiet-console.js';
import { taskRunner } from './runner.js';
import type { ScopeBatch, WorkerConfig } from './protocol.js';

// One module instance per pool thread, so one runner (its clients, connections, caps) per thread.
quietConsole();
const config = workerData as WorkerConfig;
if (config.heapFlags) applyHeapFlags();

export default taskRunner(config, (batch: ScopeBatch) => parentPort!.postMessage(batch)).run;

/** Answers once this thread has loaded: the coordinator stops running tasks itself from then on. */
export function ready(): true {
  return true;
}
