import { notFound, type Decider } from '@helpdesk/domain';
import type { Uuid } from '@helpdesk/events';

/**
 * A configuration object of another account is not found: the commands of templates, triggers and
 * macros (after creation) carry no account, so the check is made here, on the very state decided on.
 */
export const ofAccount = <Command, Event, State extends { readonly accountId: Uuid } | null>(
  decider: Decider<Command, Event, State>,
  accountId: Uuid,
  entity: string,
): Decider<Command, Event, State> => ({
  ...decider,
  decide: (command, state) =>
    state !== null && state.accountId !== accountId
      ? notFound(entity)
      : decider.decide(command, state),
});
