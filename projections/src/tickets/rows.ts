import * as t from 'io-ts';
import { Channel, TicketStatus } from '@helpdesk/events';
import { BigIntFromText, IsoTimestamp, nullable } from '../read-model/row-codecs';

/** A row of `tickets` as a process manager decides on it: the ticket's state at `version`. */
export const TicketStateRecord = t.type({
  id: t.string,
  account_id: t.string,
  subject: t.string,
  status: TicketStatus,
  archived: t.boolean,
  requester_id: t.string,
  original_requester_id: t.string,
  submitter_id: t.string,
  organization_id: nullable(t.string),
  collaborator_ids: t.array(t.string),
  channel: Channel,
  version: BigIntFromText,
  created_position: BigIntFromText,
});

/** A whole row of `tickets`, as the API shows it. */
export const TicketRecord = t.intersection([
  TicketStateRecord,
  t.type({ created_at: IsoTimestamp, updated_at: IsoTimestamp }),
]);
