import { etagOf } from './etags';

/** What a route answers on success; `etag` is set for a single resource (its stream revision). */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly etag?: string;
}

export const reply = (status: number, body: unknown, version?: bigint): Reply => ({
  status,
  body,
  ...(version === undefined ? {} : { etag: etagOf(version) }),
});
