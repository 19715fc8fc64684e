import * as t from 'io-ts';
import {
  Channel,
  IsoDateTime,
  NonEmptyString,
  PositiveInteger,
  Uuid,
  nullable,
} from './primitives';

export const Actor = t.strict(
  {
    type: t.keyof({ user: null, system: null, operator: null }),
    /** the acting user's id; null for the system and for operators */
    id: nullable(Uuid),
  },
  'Actor',
);
export type Actor = t.TypeOf<typeof Actor>;

/** Why an event happened beyond the command itself: `merge`, `organization_removed`, ... */
export const Via = t.strict({ channel: Channel, rel: nullable(NonEmptyString) }, 'Via');
export type Via = t.TypeOf<typeof Via>;

/** The envelope every event carries (architecture.md, "Events"). */
export const EventMetadata = t.strict(
  {
    account_id: Uuid,
    actor: Actor,
    /** shared by every event one request or one process caused (a merge's 10,000 changes share it) */
    correlation_id: NonEmptyString,
    /** the event or request that directly caused this one */
    causation_id: nullable(NonEmptyString),
    occurred_at: IsoDateTime,
    via: Via,
    schema_version: PositiveInteger,
  },
  'EventMetadata',
);
export type EventMetadata = t.TypeOf<typeof EventMetadata>;
