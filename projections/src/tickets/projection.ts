import { isTicketEvent } from '../read-model/events';
import { runAll, whenAny } from '../read-model/multi-row';
import { applyByBatch, type Batch, type BatchTarget, type Projection } from '../runtime/projection';
import { ticketFold } from './fold';
import { ticketsIndexes, ticketsSchema } from './schema';
import { insertTickets, insertTicketsByCopy, updateTickets, updateTicketsByCopy } from './write';

const ticketsBatch = (target: BatchTarget): Batch => {
  const fold = ticketFold();
  return {
    add: (events) => fold.add(events.filter(isTicketEvent)),
    write: async (session) => {
      const batch = fold.batch();
      // creations first: a patch never concerns a ticket created in the same batch
      if (!target.copies)
        return runAll(session, [
          whenAny(batch.created, insertTickets),
          whenAny(batch.changed, updateTickets),
        ]);
      if (batch.created.length > 0) await insertTicketsByCopy(session, batch.created);
      if (batch.changed.length > 0) await updateTicketsByCopy(session, batch.changed);
    },
  };
};

/** `tickets`: each ticket's current state, with its original requester (R1.3) and version. */
export const ticketsProjection: Projection = {
  name: 'tickets',
  filter: { streamPrefixes: ['ticket-'] },
  tables: ['tickets'],
  schema: ticketsSchema,
  indexes: ticketsIndexes,
  apply: applyByBatch(ticketsBatch),
  batch: ticketsBatch,
};
