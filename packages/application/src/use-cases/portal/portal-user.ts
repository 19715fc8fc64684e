import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { portalViewerOf, userDecider, type ExistingUser } from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import type { AppError } from '../../command/app-error';
import type { CommandDeps } from '../../command/handle-command';
import { loadStream } from '../../command/load-stream';
import { holderOfEmail } from '../ticket-people';

/**
 * The user of the account holding `email` (its claim stream, R5.2), if they may use the portal:
 * an active end user. Merged and deleted users (R3.5), agents and admins are none.
 */
export const portalUserByEmail = (
  deps: CommandDeps,
  accountId: Uuid,
  email: string,
): TE.TaskEither<AppError, O.Option<ExistingUser>> =>
  pipe(
    holderOfEmail(deps, accountId, email),
    TE.chain((holderId) =>
      holderId === null
        ? TE.right(O.none)
        : pipe(
            loadStream(deps.eventStore, userDecider, streams.user(holderId)),
            TE.map(({ state: user }) =>
              user.exists && user.accountId === accountId && portalViewerOf(user) !== null
                ? O.some(user)
                : O.none,
            ),
          ),
    ),
  );
