import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type * as t from 'io-ts';
import type { SqlSession } from '@helpdesk/event-store';
import { selectOne } from '../read-model/query';
import type { CredentialsUnavailable } from './api-tokens';

/** A failed statement of the credentials schema, as the application's ports say it. */
export const unavailable =
  (what: string) =>
  (cause: unknown): CredentialsUnavailable => ({
    kind: 'StoreUnavailable',
    message: `could not ${what}: ${cause instanceof Error ? cause.message : String(cause)}`,
    cause,
  });

/** The reads and writes every store of the credentials schema makes, failures named by `what`. */
export const credentialsStatements = (session: SqlSession) => ({
  /** the first row, decoded */
  read: <C extends t.Mixed>(codec: C, what: string, text: string, params: unknown[]) =>
    pipe(
      selectOne(codec, what)(session, text, params),
      TE.mapLeft((error) => unavailable(`read ${what}`)(error.message)),
    ),
  write: (what: string, text: string, params: unknown[]) =>
    TE.tryCatch(async () => {
      await session.query(text, params);
    }, unavailable(what)),
});
