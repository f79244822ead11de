import { hashString } from './random.js';
import { invalidParameter } from './errors.js';

// `opc-next-page` is opaque to clients. Ours names an offset and a hash of the query it belongs to,
// so a token replayed against a different listing is refused (as OCI does) instead of silently skewing.

export const MAX_LIMIT = 1000;

export interface Page<T> {
  items: T[];
  next?: string;
}

function token(offset: number, scope: string): string {
  return Buffer.from(`${offset}:${hashString(scope).toString(36)}`).toString('base64url');
}

function offsetOf(page: string, scope: string): number {
  const [offset, hash] = Buffer.from(page, 'base64url').toString('utf8').split(':');
  const n = Number(offset);
  if (!Number.isSafeInteger(n) || n < 0 || hash !== hashString(scope).toString(36)) {
    throw invalidParameter(`Invalid page token: ${page}`);
  }
  return n;
}

/** A token that leads back to the first page: what a server stuck in a loop hands out. */
export const firstPage = (scope: string) => token(0, scope);

export function parseLimit(raw: string | null): number | undefined {
  if (raw === null) return undefined;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= MAX_LIMIT)) throw invalidParameter(`limit must be an integer between 1 and ${MAX_LIMIT}, got '${raw}'`);
  return n;
}

/** One page of `items`: the server's cap wins over a larger `limit`, as OCI's does. */
export function paginate<T>(items: readonly T[], query: URLSearchParams, scope: string, pageCap: number): Page<T> {
  const limit = parseLimit(query.get('limit'));
  const size = Math.min(limit ?? pageCap, pageCap);
  const page = query.get('page');
  const start = page === null ? 0 : offsetOf(page, scope);
  const end = Math.min(items.length, start + size);
  const slice = items.slice(start, end);
  return end < items.length ? { items: slice, next: token(end, scope) } : { items: slice };
}
