import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { decodeWith } from '@helpdesk/events';
import type { ApiError } from './errors';

/** Decodes a body, query or path parameters; bad values are reported by path (`user.email`). */
export const decodeInput =
  <A, O>(codec: t.Type<A, O, unknown>, prefix = '') =>
  (value: unknown): E.Either<ApiError, A> => {
    const decoded = decodeWith(codec, 'invalid request', prefix)(value);
    return E.isLeft(decoded)
      ? E.left({ kind: 'InvalidInput', issues: decoded.left.issues })
      : decoded;
  };
