import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { ClaimKind, Uuid } from '@helpdesk/events';
import type { AppError } from '../command/app-error';
import type { CommandContext } from '../command/context';
import type { CommandDeps } from '../command/handle-command';
import { claimStreamOf, sendToClaim, type ClaimedValue } from './claim-streams';

/** A value a holder now holds, and how to give it back. */
export interface HeldClaim extends ClaimedValue {
  readonly holderId: Uuid;
  readonly streamName: string;
  /** false when the holder already held it: undoing this step must not give it up */
  readonly taken: boolean;
  readonly release: () => TE.TaskEither<AppError, ReleasedClaim>;
}

export interface ReleasedClaim {
  readonly streamName: string;
  /** false when the holder did not hold it (any more): nothing was recorded */
  readonly released: boolean;
}

export const releaseClaim = (
  deps: CommandDeps,
  kind: ClaimKind,
  accountId: Uuid,
  value: string,
  holderId: Uuid,
  context: CommandContext,
): TE.TaskEither<AppError, ReleasedClaim> => {
  const claimed = { kind, accountId, value };
  return pipe(
    sendToClaim(deps, claimed, { type: 'ReleaseValue', accountId, kind, holderId }, context),
    TE.map((result) => ({
      streamName: claimStreamOf(claimed),
      released: result.events.length > 0,
    })),
  );
};

/** Takes a value for `holderId`; refused with R5.2 when another holder has it. */
export const claimUnique = (
  deps: CommandDeps,
  kind: ClaimKind,
  accountId: Uuid,
  value: string,
  holderId: Uuid,
  context: CommandContext,
): TE.TaskEither<AppError, HeldClaim> => {
  const claimed = { kind, accountId, value };
  return pipe(
    sendToClaim(deps, claimed, { type: 'ClaimValue', accountId, kind, holderId }, context),
    TE.map((result) => ({
      ...claimed,
      holderId,
      streamName: claimStreamOf(claimed),
      taken: result.events.length > 0,
      release: () => releaseClaim(deps, kind, accountId, value, holderId, context),
    })),
  );
};

/** A merge hands a value from its source to its target (R3.8); a replay changes nothing. */
export const transferClaim = (
  deps: CommandDeps,
  kind: ClaimKind,
  accountId: Uuid,
  value: string,
  from: { readonly holderId: Uuid },
  to: { readonly holderId: Uuid },
  context: CommandContext,
): TE.TaskEither<AppError, { readonly transferred: boolean }> =>
  pipe(
    sendToClaim(
      deps,
      { kind, accountId, value },
      {
        type: 'TransferClaim',
        accountId,
        kind,
        fromHolderId: from.holderId,
        toHolderId: to.holderId,
      },
      context,
    ),
    TE.map((result) => ({ transferred: result.events.length > 0 })),
  );
