import { isTicketEvent } from '../read-model/events';
import { runAll, whenAny } from '../read-model/multi-row';
import type { Projection } from '../runtime/projection';
import { foldTicketBatch } from './fold';
import { ticketsIndexes, ticketsSchema } from './schema';
import { insertTickets, updateTickets } from './write';

/** `tickets`: each ticket's current state, with its original requester (R1.3) and version. */
export const ticketsProjection: Projection = {
  name: 'tickets',
  filter: { streamPrefixes: ['ticket-'] },
  tables: ['tickets'],
  schema: ticketsSchema,
  indexes: ticketsIndexes,
  apply: async (session, events) => {
    const batch = foldTicketBatch(events.filter(isTicketEvent));
    // creations first: a patch never concerns a ticket created in the same batch
    await runAll(session, [
      whenAny(batch.created, insertTickets),
      whenAny(batch.changed, updateTickets),
    ]);
  },
};
