import * as A from 'fp-ts/Array';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { claimDecider } from '@helpdesk/domain';
import type { ClaimKind, Uuid } from '@helpdesk/events';
import type { EventStore } from '@helpdesk/event-store';
import { domainRefusal, type AppError } from '../command/app-error';
import { loadStream } from '../command/load-stream';
import { claimStreamOf } from './claim-streams';

/**
 * Whether `holderId` could claim every value now, asked before claiming any: a workflow refused
 * by its second claim would otherwise leave its first claimed and given back in the log. Only a
 * concurrent claim between this check and the claims can still cause that (the claims stay exact).
 */
export const claimsAvailable = (
  store: EventStore,
  accountId: Uuid,
  holderId: Uuid,
  values: ReadonlyArray<{ readonly kind: ClaimKind; readonly value: string }>,
): TE.TaskEither<AppError, void> =>
  pipe(
    [...values],
    A.map(({ kind, value }) =>
      pipe(
        loadStream(store, claimDecider, claimStreamOf({ kind, accountId, value })),
        TE.chainEitherK(({ state }) =>
          pipe(
            claimDecider.decide({ type: 'ClaimValue', accountId, kind, holderId }, state),
            E.mapLeft(domainRefusal),
          ),
        ),
      ),
    ),
    TE.sequenceSeqArray,
    TE.map(() => undefined),
  );
