import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { ApiEnv } from '../env';
import type { ApiError } from '../http/errors';

/**
 * The log's last position: what a response waits for when a use case spans several streams and
 * does not say where its last event went (waiting a little further than needed is harmless).
 */
export const headPosition = (env: ApiEnv): TE.TaskEither<ApiError, bigint | undefined> =>
  pipe(
    env.commands.eventStore.headPosition(),
    TE.mapLeft((error): ApiError => ({
      kind: 'App',
      error:
        error.kind === 'StoreUnavailable'
          ? error
          : { kind: 'StoreUnavailable', message: error.kind },
      field: 'base',
    })),
  );
