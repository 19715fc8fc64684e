import { operation, ref, type Schema } from '../operation';

const tags = ['Channels'];

const emailChannel: Schema = {
  type: 'object',
  required: ['email_channel'],
  properties: {
    email_channel: {
      type: 'object',
      required: ['support_address', 'inbound_url', 'inbound_key', 'inbound_key_created_at'],
      properties: {
        support_address: {
          type: 'string',
          description:
            'support+<account id>@<HELPDESK_MAIL_DOMAIN>: mail to it over SMTP (helpdesk serve --smtp-port) becomes tickets',
        },
        inbound_url: { type: 'string' },
        inbound_key: {
          type: 'string',
          description: 'sent as X-Inbound-Key to post this account’s inbound email',
        },
        inbound_key_created_at: { type: 'string', format: 'date-time' },
      },
    },
  },
};

const party: Schema = {
  type: 'object',
  required: ['address'],
  properties: { address: { type: 'string', format: 'email' }, name: { type: ['string', 'null'] } },
};

const messageIds: Schema = {
  oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, { type: 'null' }],
};

const inboundEmailJson: Schema = {
  type: 'object',
  required: ['from'],
  properties: {
    from: party,
    to: { type: 'array', items: { oneOf: [{ type: 'string' }, party] } },
    subject: { type: ['string', 'null'] },
    text: { type: ['string', 'null'] },
    message_id: {
      type: ['string', 'null'],
      description: 'the same Message-ID twice makes one ticket; without one, the content decides',
    },
    in_reply_to: messageIds,
    references: messageIds,
    auto_submitted: {
      type: ['string', 'null'],
      description:
        'the Auto-Submitted header (RFC 3834): anything but "no" marks an automatic mail, recorded with via rel automatic_mail and answered by no trigger',
    },
  },
};

const received = (outcomes: ReadonlyArray<string>): Schema => ({
  type: 'object',
  required: ['ticket', 'inbound_email'],
  properties: {
    ticket: ref('Ticket'),
    inbound_email: {
      type: 'object',
      required: ['message_id', 'outcome', 'user_created', 'comment_id'],
      properties: {
        message_id: { type: 'string' },
        outcome: { type: 'string', enum: [...outcomes] },
        user_created: { type: 'boolean', description: 'R6.1: the sender was created' },
        comment_id: { type: ['string', 'null'], format: 'uuid' },
      },
    },
  },
});

const inbound = operation('post', {
  summary:
    'An inbound email (an admin’s token or X-Inbound-Key): a new ticket (R6.1, R6.4, R2.3), or a reply’s comment',
  tags,
  body: inboundEmailJson,
  ok: { status: 201, schema: received(['ticket_created']), etag: true },
  errors: [400, 403, 409, 413, 422, 429, 503],
});

export const emailChannelPaths: Record<string, Schema> = {
  '/api/v2/channels/email': {
    get: operation('get', {
      summary: 'The support address and the inbound key (admins)',
      tags,
      ok: { status: 200, schema: emailChannel },
      errors: [403],
    }),
  },
  '/api/v2/channels/email/inbound_key': {
    post: operation('post', {
      summary: 'Replace the inbound key; the previous one stops working at once (admins)',
      tags,
      ok: { status: 201, schema: emailChannel },
      errors: [403],
    }),
  },
  '/api/v2/channels/email/inbound': {
    post: {
      ...inbound,
      description:
        'Authenticated by X-Inbound-Key (the account’s inbound key) or an admin’s token. A Message-ID received before answers 200 and records nothing, so no Idempotency-Key is needed. Applies R6.1, R6.4, R2.3; the welcome email (R6.2) and triggers (R6.5) follow from the events.',
      parameters: [
        {
          name: 'X-Inbound-Key',
          in: 'header',
          schema: { type: 'string' },
          description: 'the account’s inbound key (GET /api/v2/channels/email)',
        },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: inboundEmailJson },
          'message/rfc822': {
            schema: { type: 'string', description: 'a raw RFC 5322 message (MIME)' },
          },
        },
      },
      responses: {
        ...(inbound['responses'] as Record<string, unknown>),
        '200': {
          description: 'a reply’s comment, or a Message-ID received before (nothing recorded)',
          content: {
            'application/json': { schema: received(['comment_added', 'already_received']) },
          },
        },
      },
    },
  },
};
