import { listOf, operation, paged, ref, wrapped, type Schema } from '../operation';

const tags = ['Tickets'];
const ticket = wrapped('ticket', ref('Ticket'));

export const ticketPaths: Record<string, Schema> = {
  '/api/v2/tickets': {
    post: operation('post', {
      summary:
        'Open a ticket (agents and admins). A requester or CC given by address who is not a user yet is created first (R1.2, R5.1); the organization follows the channel (R2.4 web, R2.5 api)',
      tags,
      body: wrapped('ticket', ref('NewTicket')),
      ok: { status: 201, schema: ticket, etag: true },
      errors: [400, 403, 404, 409, 413, 422],
    }),
  },
  '/api/v2/tickets/{id}': {
    get: operation('get', {
      summary: 'A ticket; end users reach only those they request or are copied on',
      tags,
      params: ['id'],
      ok: { status: 200, schema: ticket, etag: true },
      errors: [400, 404],
    }),
    put: operation('put', {
      summary:
        'Change a ticket in one append: requester (R1, RequesterChanged), organization (R2.6), status, subject, comment, CCs; a closed ticket is read-only (R1.5)',
      tags,
      params: ['id'],
      ifMatch: true,
      body: wrapped('ticket', ref('TicketChanges')),
      ok: { status: 200, schema: ticket, etag: true },
      errors: [400, 403, 404, 409, 412, 413, 422],
    }),
  },
  '/api/v2/tickets/{id}/audits': {
    get: operation('get', {
      summary: 'The ticket’s audit trail, oldest first (R1.3: who changed what, when and why)',
      tags,
      params: ['id'],
      query: paged,
      ok: { status: 200, schema: listOf('audits', 'TicketAudit') },
      errors: [400, 404],
    }),
  },
  '/api/v2/tickets/{id}/replies': {
    post: operation('post', {
      summary:
        'Add a comment; end users reply on their own tickets, always in public. A public comment someone other than the requester writes is emailed to the requester (through the outbox). With macro_id instead of body, an agent applies a macro: its reply filled for the ticket, its actions in the same change (R6.6)',
      tags,
      params: ['id'],
      body: wrapped('reply', {
        type: 'object',
        description: 'body or macro_id, not both',
        properties: {
          body: { type: 'string', minLength: 1 },
          macro_id: { type: 'string', format: 'uuid' },
          public: { type: 'boolean' },
        },
      }),
      ok: {
        status: 201,
        schema: {
          type: 'object',
          required: ['comment', 'ticket'],
          properties: { comment: ref('Comment'), ticket: ref('Ticket') },
        },
        etag: true,
      },
      errors: [400, 403, 404, 409, 413, 422],
    }),
  },
};

const integration = wrapped('integration', ref('Integration'));

export const integrationPaths: Record<string, Schema> = {
  '/api/v2/integrations': {
    get: operation('get', {
      summary: 'The account’s integrations and whether they wait for the owner (R4.5; admins)',
      tags: ['Integrations'],
      query: paged,
      ok: { status: 200, schema: listOf('integrations', 'Integration') },
      errors: [400, 403],
    }),
    post: operation('post', {
      summary: 'Connect an integration under the owner’s authorisation (R4.5: the owner only)',
      tags: ['Integrations'],
      body: wrapped('integration', {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string', minLength: 1 } },
      }),
      ok: { status: 201, schema: integration, etag: true },
      errors: [400, 403, 413],
    }),
  },
  '/api/v2/integrations/{id}/authorize': {
    put: operation('put', {
      summary: 'Authorise an integration again after a transfer (R4.5: the current owner only)',
      tags: ['Integrations'],
      params: ['id'],
      ok: { status: 200, schema: integration, etag: true },
      errors: [400, 403, 404, 409],
    }),
  },
};
