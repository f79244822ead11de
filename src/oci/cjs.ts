/**
 * A CommonJS package (the OCI SDK's are) by dynamic import: Node gives its exports by name and as
 * `default`, tsx's CommonJS transform by name only, and the worker's bundle (scripts/bundle-worker.mjs)
 * as `default` only. Its exports, however it was loaded.
 */
export async function commonJs<T extends object>(load: Promise<T>): Promise<T> {
  const m = (await load) as T & { default?: T };
  return m.default ?? m;
}
