import { operation, paged, ref, type Schema } from '../operation';

const uuid = { type: 'string', format: 'uuid' };
const nullableUuid = { type: ['string', 'null'], format: 'uuid' };
const time = { type: 'string', format: 'date-time' };

const outboundEmail: Schema = {
  type: 'object',
  required: [
    'id',
    'to',
    'template_id',
    'subject',
    'body',
    'status',
    'ticket_id',
    'user_id',
    'attempts',
    'last_error',
    'created_at',
    'sent_at',
  ],
  properties: {
    id: uuid,
    to: { type: 'string' },
    template_id: nullableUuid,
    subject: { type: 'string' },
    body: {
      type: 'string',
      description:
        'the plain-text body; the password link reads "[single-use link, sent by email only]" (R6.8)',
    },
    status: {
      type: 'string',
      enum: ['queued', 'sent', 'suppressed', 'failed'],
      description: 'suppressed: a .invalid address, never sent (R5.3)',
    },
    ticket_id: nullableUuid,
    user_id: nullableUuid,
    attempts: { type: 'integer', minimum: 0 },
    last_error: { type: ['string', 'null'] },
    created_at: time,
    sent_at: { type: ['string', 'null'], format: 'date-time' },
  },
};

export const outboundEmailPaths: Record<string, Schema> = {
  '/api/v2/outbound_emails': {
    get: operation('get', {
      summary: 'The mail outbox, oldest first (admins)',
      tags: ['Mail'],
      query: paged,
      ok: {
        status: 200,
        schema: {
          type: 'object',
          required: ['outbound_emails', 'meta', 'links'],
          properties: {
            outbound_emails: { type: 'array', items: outboundEmail },
            meta: ref('ListMeta'),
            links: ref('ListLinks'),
          },
        },
      },
      errors: [400, 403],
    }),
  },
};
