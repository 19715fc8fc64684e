import { createHash } from 'node:crypto';

/** A response as it was first sent, replayed for a repeat of its request. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
  readonly etag: string | null;
}

export type Begun =
  /** the first request with this key: run it, then `complete` (or `abandon`) */
  | { readonly kind: 'started' }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  /** the key was used for another request */
  | { readonly kind: 'mismatch' }
  /** the first request with this key is still running */
  | { readonly kind: 'in_flight' };

/**
 * Idempotency keys and the responses they got (api.md: a repeat with the same key and body returns
 * the first response and appends nothing). `scope` keeps one caller's keys apart from another's.
 * A key holds its answer for a day (`keyRetentionSeconds`); after that it is free again.
 * A failure rejects: the route answers 503 and runs nothing.
 */
export interface IdempotencyStore {
  readonly begin: (scope: string, key: string, fingerprint: string) => Promise<Begun>;
  readonly complete: (scope: string, key: string, response: StoredResponse) => Promise<void>;
  /** forgets a key whose request failed on the server's side, so that a retry runs again */
  readonly abandon: (scope: string, key: string) => Promise<void>;
  /** deletes the keys past their retention (`begin` does it now and then); how many went */
  readonly purgeExpired: () => Promise<number>;
}

/** What makes two requests "the same": method, path and query, and the body's exact bytes. */
export const requestFingerprint = (
  method: string,
  path: string,
  body: Buffer | undefined,
): string =>
  createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n`, 'utf8')
    .update(body ?? Buffer.alloc(0))
    .digest('hex');

/** Keys are what clients generate: printable ASCII, at most 255 characters. */
export const isValidIdempotencyKey = (key: string): boolean => /^[\x21-\x7e]{1,255}$/.test(key);
