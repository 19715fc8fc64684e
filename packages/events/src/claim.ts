import * as t from 'io-ts';
import { defineEvent, type EventOf } from './define-event';
import { Uuid } from './primitives';

export const ClaimKindCodec = t.keyof(
  { email: null, organization_name: null, organization_domain: null, message_id: null },
  'ClaimKind',
);

/**
 * A claim stream makes one value (an email address, an organization name or domain) unique in an
 * account (R5.2). The value itself is not recorded: the stream name holds its hash.
 */
export const ValueClaimed = defineEvent(
  'ValueClaimed',
  'claim',
  'A user or organization claimed a value that must be unique in the account (R5.2).',
  {
    account_id: Uuid,
    kind: ClaimKindCodec,
    holder_id: Uuid,
  },
);
export const ValueReleased = defineEvent(
  'ValueReleased',
  'claim',
  'The holder gave the value up; anyone may claim it again.',
  {
    account_id: Uuid,
    kind: ClaimKindCodec,
    holder_id: Uuid,
  },
);
export const ClaimTransferred = defineEvent(
  'ClaimTransferred',
  'claim',
  "A merge moved the source's email to its target (R3.8).",
  {
    account_id: Uuid,
    kind: ClaimKindCodec,
    previous_holder_id: Uuid,
    holder_id: Uuid,
  },
);

export const claimEvents = [ValueClaimed, ValueReleased, ClaimTransferred] as const;
export type ClaimEvent = EventOf<(typeof claimEvents)[number]>;
