import * as E from 'fp-ts/Either';
import type { ApiError } from './errors';
import { invalidInput } from './errors';

/** `ETag: "<version>"`: the resource's stream revision. */
export const etagOf = (version: bigint): string => `"${version.toString()}"`;

/**
 * The revision an `If-Match` header pins: `"3"` (or weak `W/"3"`). `*` and an absent header pin
 * nothing. Anything else is refused rather than ignored: a client that meant to guard its write
 * must not have it go through unguarded.
 */
export const ifMatchRevision = (
  header: string | undefined,
): E.Either<ApiError, bigint | undefined> => {
  if (header === undefined || header.trim() === '*') return E.right(undefined);
  const match = /^\s*(?:W\/)?"(\d{1,19})"\s*$/.exec(header);
  return match === null
    ? E.left(
        invalidInput('If-Match', 'an entity tag such as "3"', JSON.stringify(header.slice(0, 40))),
      )
    : E.right(BigInt(match[1]!));
};

/** The command option an `If-Match` header becomes. */
export const pinnedRevision = (
  ifMatch: bigint | undefined,
): { readonly expectedRevision?: bigint } =>
  ifMatch === undefined ? {} : { expectedRevision: ifMatch };
