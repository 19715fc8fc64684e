import type { ClaimEvent } from '@helpdesk/events';
import { assertNever } from '../shared/decider';
import { accept, notFound, nothingToDo, refuse, type Decision } from '../shared/decision';
import type { ClaimCommand, ClaimValue, ReleaseValue, TransferClaim } from './commands';
import type { ClaimState } from './state';

const claimValue = (cmd: ClaimValue, { holderId }: ClaimState): Decision<ClaimEvent> => {
  if (holderId === cmd.holderId) return nothingToDo();
  if (holderId !== null)
    return refuse('R5.2', `this ${cmd.kind} already belongs to another holder`);
  return accept([
    {
      type: 'ValueClaimed',
      data: { account_id: cmd.accountId, kind: cmd.kind, holder_id: cmd.holderId },
    },
  ]);
};

// Only the holder gives a value up; anyone else's release, or a repeat, changes nothing.
const releaseValue = (cmd: ReleaseValue, { holderId }: ClaimState): Decision<ClaimEvent> => {
  if (holderId !== cmd.holderId) return nothingToDo();
  return accept([
    {
      type: 'ValueReleased',
      data: { account_id: cmd.accountId, kind: cmd.kind, holder_id: cmd.holderId },
    },
  ]);
};

const transferClaim = (cmd: TransferClaim, { holderId }: ClaimState): Decision<ClaimEvent> => {
  if (holderId === cmd.toHolderId) return nothingToDo(); // a replayed merge step
  if (holderId === null)
    return notFound('claim', `the merged holder does not hold this ${cmd.kind}`);
  if (holderId !== cmd.fromHolderId)
    return refuse('R5.2', `this ${cmd.kind} belongs to neither user of the merge`);
  return accept([
    {
      type: 'ClaimTransferred',
      data: {
        account_id: cmd.accountId,
        kind: cmd.kind,
        previous_holder_id: cmd.fromHolderId,
        holder_id: cmd.toHolderId,
      },
    },
  ]);
};

export const decide = (command: ClaimCommand, state: ClaimState): Decision<ClaimEvent> => {
  switch (command.type) {
    case 'ClaimValue':
      return claimValue(command, state);
    case 'ReleaseValue':
      return releaseValue(command, state);
    case 'TransferClaim':
      return transferClaim(command, state);
    default:
      return assertNever(command);
  }
};
