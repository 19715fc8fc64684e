import * as t from 'io-ts';
import type { TicketEvent } from '@helpdesk/events';
import { accept, nothingToDo, refuse, type Decision } from '../shared/decision';
import type { AddTicketTag } from './commands';
import { refusalWhenClosed } from './read-only';
import type { ExistingTicket } from './state';

/**
 * Settled here: tags are compared as written once normalised: trimmed, lower-cased, inner spaces
 * turned into `_` (`Portal Access` -> `portal_access`), at most 80 characters.
 */
export const normalizeTag = (tag: string): string => tag.trim().toLowerCase().replace(/\s+/g, '_');

const isTag = (s: string): boolean => s.length > 0 && s.length <= 80 && !/\s/.test(s);

/** A tag as a client writes it, decoded into its normalised form. */
export const TagInput = new t.Type<string, string, unknown>(
  'Tag',
  (u): u is string => typeof u === 'string' && isTag(u) && u === normalizeTag(u),
  (u, c) =>
    typeof u === 'string' && isTag(normalizeTag(u)) ? t.success(normalizeTag(u)) : t.failure(u, c),
  t.identity,
);

/** A tag already on the ticket is not added twice: a repeated trigger action changes nothing. */
export const addTicketTag = (
  command: AddTicketTag,
  ticket: ExistingTicket,
): Decision<TicketEvent> => {
  const closed = refusalWhenClosed(ticket, 'tags');
  if (closed) return closed;
  const tag = normalizeTag(command.tag);
  if (!isTag(tag)) return refuse('R6.5', 'a tag is a word of at most 80 characters');
  if (ticket.tags.includes(tag)) return nothingToDo();
  return accept([{ type: 'TicketTagAdded', data: { ticket_id: ticket.id, tag } }]);
};
