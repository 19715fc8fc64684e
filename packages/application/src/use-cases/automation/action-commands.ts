import {
  assertNever,
  type CommandActor,
  type TicketAction,
  type TicketCommand,
} from '@helpdesk/domain';
import type { Uuid } from '@helpdesk/events';

/** What a trigger (R6.5) or a macro (R6.6) does to the ticket itself; a mail is no ticket change. */
export type TicketChangeAction = Exclude<TicketAction, { readonly type: 'email_requester' }>;

export const isTicketChange = (action: TicketAction): action is TicketChangeAction =>
  action.type !== 'email_requester';

/** The ticket command that carries out an action, in the actor's name. */
export const ticketCommandOf = (
  ticketId: Uuid,
  actor: CommandActor,
  action: TicketChangeAction,
): TicketCommand => {
  switch (action.type) {
    case 'set_status':
      return { type: 'ChangeTicketStatus', ticketId, actor, status: action.status };
    case 'add_tag':
      return { type: 'AddTicketTag', ticketId, actor, tag: action.tag };
    default:
      return assertNever(action);
  }
};
