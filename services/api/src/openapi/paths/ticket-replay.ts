import { operation, ref, type Schema } from '../operation';

const nullable = (type: string, extra: Schema = {}): Schema => ({ type: [type, 'null'], ...extra });

const replayedTicket: Schema = {
  oneOf: [
    {
      allOf: [
        ref('Ticket'),
        {
          type: 'object',
          required: ['tags'],
          properties: { tags: { type: 'array', items: { type: 'string' } } },
        },
      ],
    },
    { type: 'null', description: 'the ticket did not exist yet at that time' },
  ],
};

const historyEvent: Schema = {
  type: 'object',
  required: [
    'id',
    'type',
    'revision',
    'global_position',
    'occurred_at',
    'recorded_at',
    'actor',
    'via',
    'correlation_id',
    'causation_id',
    'data',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    type: { type: 'string', description: 'TicketCreated, RequesterChanged, … (docs/events.md)' },
    revision: { type: 'integer', minimum: 0 },
    global_position: { type: 'integer' },
    occurred_at: { type: 'string', format: 'date-time' },
    recorded_at: { type: 'string', format: 'date-time' },
    actor: {
      type: 'object',
      required: ['type', 'id'],
      properties: {
        type: { type: 'string', enum: ['user', 'system', 'operator'] },
        id: nullable('string', { format: 'uuid' }),
      },
    },
    via: {
      type: 'object',
      required: ['channel', 'rel'],
      properties: {
        channel: { type: 'string' },
        rel: nullable('string', { description: 'the reason: merge, organization_removed, …' }),
      },
    },
    correlation_id: { type: 'string' },
    causation_id: nullable('string'),
    data: {
      type: 'object',
      description:
        'the event’s data as the log holds it; end users are not shown the body of private comments',
    },
  },
};

export const ticketReplayPaths: Record<string, Schema> = {
  '/api/v2/tickets/{id}/replay': {
    get: operation('get', {
      summary:
        'For auditors: the ticket’s state and history folded straight from its event stream (no read model), at its head or as of `as_of`; readable by whoever may read the ticket now',
      tags: ['Tickets'],
      params: ['id'],
      query: [
        {
          name: 'as_of',
          schema: { type: 'string' },
          description:
            'a revision (0 is the ticket’s first event) or an ISO-8601 time with its zone, compared with when each event happened (`occurred_at`); the head when absent. A revision past the head is 400 (never answered with a later state); a time after the last event is the head; a time before the first event answers `ticket: null` and no events',
        },
      ],
      ok: {
        status: 200,
        schema: {
          type: 'object',
          required: ['ticket', 'events', 'as_of'],
          properties: {
            ticket: replayedTicket,
            events: { type: 'array', items: historyEvent, description: 'oldest first' },
            as_of: {
              type: 'object',
              required: ['revision', 'time'],
              description: 'the last event folded (both null when none was)',
              properties: {
                revision: nullable('integer'),
                time: nullable('string', { format: 'date-time' }),
              },
            },
          },
        },
      },
      errors: [400, 404],
    }),
  },
};
