import * as t from 'io-ts';
import { checkOnly, exact, intersection, partial, strict, type } from './codecs';
import {
  Channel,
  IsoDateTime,
  NonEmptyString,
  PositiveInteger,
  Uuid,
  nullable,
} from './primitives';

export const Actor = strict(
  {
    type: t.keyof({ user: null, system: null, operator: null }),
    /** the acting user's id; null for the system and for operators */
    id: nullable(Uuid),
  },
  'Actor',
);
export type Actor = t.TypeOf<typeof Actor>;

/** Why an event happened beyond the command itself: `merge`, `organization_removed`, ... */
export const Via = strict({ channel: Channel, rel: nullable(NonEmptyString) }, 'Via');
export type Via = t.TypeOf<typeof Via>;

/** A SHA-256 digest as 64 lower-case hexadecimal digits. */
export const Sha256Hex = checkOnly(
  new t.Type<string, string, unknown>(
    'Sha256Hex',
    (u): u is string => typeof u === 'string' && /^[0-9a-f]{64}$/.test(u),
    (u, c) => (typeof u === 'string' && /^[0-9a-f]{64}$/.test(u) ? t.success(u) : t.failure(u, c)),
    t.identity,
  ),
);

/**
 * Tamper evidence (docs/event-store.md, "Hash chain"): `hash` is the SHA-256 of the event's
 * canonical JSON (its stream, revision, id, type, data, metadata without `chain`, and `previous`);
 * `previous` is the `hash` of the event before it in its stream, null for a stream's first event.
 * Written by the event store, never by the code that decides events.
 */
export const EventChain = strict({ previous: nullable(Sha256Hex), hash: Sha256Hex }, 'EventChain');
export type EventChain = t.TypeOf<typeof EventChain>;

/**
 * The envelope every event carries (architecture.md, "Events"). Unknown fields are stripped once,
 * over both parts: two exact parts would each strip the other's fields, copying every envelope
 * twice (deleting fields as they go) before merging the copies, on every event a process reads.
 */
export const EventMetadata = exact(
  intersection([
    type({
      account_id: Uuid,
      actor: Actor,
      /** shared by every event one request or one process caused (a merge's 10,000 changes share it) */
      correlation_id: NonEmptyString,
      /** the event or request that directly caused this one */
      causation_id: nullable(NonEmptyString),
      occurred_at: IsoDateTime,
      via: Via,
      schema_version: PositiveInteger,
    }),
    // optional so that events recorded before the chain existed still decode
    partial({ chain: EventChain }),
  ]),
  'EventMetadata',
);
export type EventMetadata = t.TypeOf<typeof EventMetadata>;
