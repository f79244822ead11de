import { setFlagsFromString } from 'node:v8';

/**
 * V8 sizes its heaps for throughput: a busy isolate's young generation doubles up to 32 MB, and its old
 * generation may grow to 4× what survived the last full collection before the next one. The
 * collector's rows live one write, so the CLI keeps the young generation at its 1 MB start and lets
 * the old one grow by half; both flags are read when the heap grows, so setting them at run time works.
 * Starting a worker thread puts them back to their defaults, so each pool thread sets them again (a
 * program that runs collect() itself gets them from its pool threads too).
 */
export function applyHeapFlags(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--heap-growing-percent=50');
}
