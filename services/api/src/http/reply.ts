import { etagOf } from './etags';

/** What a route answers on success; `etag` is set for a single resource (its stream revision). */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly etag?: string;
  /**
   * What a repeat of the request (same Idempotency-Key) is answered instead of `body`, when `body`
   * shows a secret once: the answer kept for repeats is this, so the secret is kept nowhere.
   */
  readonly replay?: unknown;
}

export const reply = (status: number, body: unknown, version?: bigint): Reply => ({
  status,
  body,
  ...(version === undefined ? {} : { etag: etagOf(version) }),
});

/** An answer that shows a secret this once; a repeat gets `withheld`, the same without it. */
export const showOnce = (status: number, body: unknown, withheld: unknown): Reply => ({
  status,
  body,
  replay: withheld,
});
