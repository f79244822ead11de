import { setFlagsFromString } from 'node:v8';

/**
 * V8 sizes its heaps for throughput: a busy isolate's young generation doubles up to 32 MB, and its old
 * generation may grow to 4× what survived the last full collection before the next one. The
 * collector's rows live one write, so the CLI keeps the young generation at its 1 MB start and lets
 * the old one grow by half; both flags are read when the heap grows, so setting them at run time works.
 *
 * V8 flags belong to the whole process, and starting a worker thread puts the growth factor back to its
 * default, so each pool thread sets them again. Only the CLI's own process opts in: a program that runs
 * collect() itself keeps its own GC tuning, and the pool threads it starts set nothing (workerData says).
 */
let applied = false;

export function applyHeapFlags(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--heap-growing-percent=50');
  applied = true;
}

/** Whether this process opted in (the CLI did): pool threads then set the flags again. */
export function heapFlagsApplied(): boolean {
  return applied;
}
