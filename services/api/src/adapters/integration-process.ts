import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import {
  integrationReauthorizationProcess,
  type AppError,
  type CommandDeps,
  type ProcessLogger,
  type ProcessManager,
} from '@helpdesk/application';
import type { SqlSession } from '@helpdesk/event-store';
import { integrationIdsOf } from '@helpdesk/projections';
import type { ReadModels } from '../deps';

/**
 * R4.5's process manager wired to the `integrations` read model: it lists an account's
 * integrations there once the projection has caught up with the transfer.
 */
export const integrationProcess = (
  deps: CommandDeps & {
    readonly session: SqlSession;
    readonly waitFor: ReadModels['waitFor'];
    readonly logger: ProcessLogger;
  },
): ProcessManager =>
  integrationReauthorizationProcess({
    eventStore: deps.eventStore,
    clock: deps.clock,
    ids: deps.ids,
    logger: deps.logger,
    integrations: {
      idsOf: (accountId) =>
        pipe(
          integrationIdsOf(deps.session, accountId),
          TE.mapLeft((error): AppError => ({ kind: 'StoreUnavailable', message: error.message })),
        ),
    },
    caughtUp: (position) =>
      pipe(
        deps.waitFor('integrations', position),
        TE.bimap(
          (error): AppError => ({
            kind: 'StoreUnavailable',
            message: `read model integrations did not reach ${position}: ${error.kind}`,
          }),
          () => undefined,
        ),
      ),
  });
