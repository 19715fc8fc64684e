import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import type * as t from 'io-ts';
import * as tt from 'io-ts';
import type { SqlSession } from '@helpdesk/event-store';

/** A read model could not be read: the database failed, or a row did not have the expected shape. */
export interface ReadModelError {
  readonly kind: 'ReadModelUnavailable';
  readonly message: string;
  readonly cause?: unknown;
}

const describeErrors = (errors: t.Errors): string =>
  [
    ...new Set(
      errors.map((error) =>
        error.context
          .map((entry) => entry.key)
          .filter((key) => key !== '')
          .join('.'),
      ),
    ),
  ].join(', ');

/** Runs one select and decodes every row; a row that does not fit is an error, never a cast. */
export const selectRows =
  <C extends t.Mixed>(codec: C, what: string) =>
  (
    session: SqlSession,
    text: string,
    params: unknown[],
  ): TE.TaskEither<ReadModelError, ReadonlyArray<t.TypeOf<C>>> =>
    pipe(
      TE.tryCatch(
        () => session.query<unknown>(text, params),
        (cause): ReadModelError => ({
          kind: 'ReadModelUnavailable',
          message: `could not read ${what}: ${cause instanceof Error ? cause.message : String(cause)}`,
          cause,
        }),
      ),
      TE.chainEitherK(({ rows }) =>
        pipe(
          tt.array(codec).decode(rows),
          E.mapLeft((errors): ReadModelError => ({
            kind: 'ReadModelUnavailable',
            message: `unexpected ${what} rows at ${describeErrors(errors)}`,
          })),
        ),
      ),
    );

/** The first row, if any. */
export const selectOne =
  <C extends t.Mixed>(codec: C, what: string) =>
  (
    session: SqlSession,
    text: string,
    params: unknown[],
  ): TE.TaskEither<ReadModelError, O.Option<t.TypeOf<C>>> =>
    pipe(
      selectRows(codec, what)(session, text, params),
      TE.map((rows) => O.fromNullable(rows[0])),
    );
