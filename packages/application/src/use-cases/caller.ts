import type { CommandActor } from '@helpdesk/domain';
import type { Actor, Channel, Uuid } from '@helpdesk/events';
import type { CommandContext } from '../command/context';

/** Who asks, in which account, through which channel, as part of which request. */
export interface Caller {
  readonly accountId: Uuid;
  readonly actor: CommandActor;
  /** the request id: every event the request causes carries it */
  readonly correlationId: string;
  readonly causationId?: string | null;
  readonly channel: Channel;
}

const metadataActor = (actor: CommandActor): Actor =>
  actor.type === 'user' ? { type: 'user', id: actor.id } : { type: actor.type, id: null };

/** The metadata context of a caller's command; `rel` says why when it is not the caller's own wish. */
export const contextOf = (caller: Caller, rel: string | null = null): CommandContext => ({
  accountId: caller.accountId,
  actor: metadataActor(caller.actor),
  correlationId: caller.correlationId,
  causationId: caller.causationId ?? null,
  via: { channel: caller.channel, rel },
});
