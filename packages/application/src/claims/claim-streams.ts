import { claimDecider, type ClaimCommand, type ClaimState } from '@helpdesk/domain';
import { streams, type ClaimKind, type Uuid } from '@helpdesk/events';
import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../command/app-error';
import type { CommandContext } from '../command/context';
import { handleCommand, type CommandDeps, type CommandResult } from '../command/handle-command';

/** One value that must be unique in an account (R5.2), as its claim stream stands for it. */
export interface ClaimedValue {
  readonly kind: ClaimKind;
  readonly accountId: Uuid;
  readonly value: string;
}

export const claimStreamOf = ({ kind, accountId, value }: ClaimedValue): string =>
  streams.claim(kind, accountId, value);

// A new claim stream reads as missing, so the handler appends its first event with `no_stream`
// expected: of two concurrent claims, the store lets exactly one create it.
export const sendToClaim = (
  deps: CommandDeps,
  claimed: ClaimedValue,
  command: ClaimCommand,
  context: CommandContext,
): TE.TaskEither<AppError, CommandResult<ClaimState>> =>
  handleCommand(deps, claimDecider, claimStreamOf(claimed), command, context);
