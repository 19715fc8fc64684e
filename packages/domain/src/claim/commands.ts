import * as t from 'io-ts';
import { ClaimKindCodec, Uuid } from '@helpdesk/events';

/**
 * Commands of a uniqueness claim stream (`streams.claim(kind, accountId, value)`). The value is
 * not in the command: the stream the command is sent to stands for it.
 */

export const ClaimValue = t.strict(
  { type: t.literal('ClaimValue'), accountId: Uuid, kind: ClaimKindCodec, holderId: Uuid },
  'ClaimValue',
);
export type ClaimValue = t.TypeOf<typeof ClaimValue>;

export const ReleaseValue = t.strict(
  { type: t.literal('ReleaseValue'), accountId: Uuid, kind: ClaimKindCodec, holderId: Uuid },
  'ReleaseValue',
);
export type ReleaseValue = t.TypeOf<typeof ReleaseValue>;

/** A merge hands the source's values to its target (R3.8). */
export const TransferClaim = t.strict(
  {
    type: t.literal('TransferClaim'),
    accountId: Uuid,
    kind: ClaimKindCodec,
    fromHolderId: Uuid,
    toHolderId: Uuid,
  },
  'TransferClaim',
);
export type TransferClaim = t.TypeOf<typeof TransferClaim>;

export const ClaimCommand = t.union([ClaimValue, ReleaseValue, TransferClaim], 'ClaimCommand');
export type ClaimCommand = t.TypeOf<typeof ClaimCommand>;
