import { operation, ref, type Schema } from '../operation';

const tags = ['Events'];

const position = {
  type: 'string',
  pattern: '^[0-9]{1,19}$',
  description: 'a global position: an event’s `global_position`, or `meta.after_cursor`',
};

const feedEvent: Schema = {
  type: 'object',
  required: ['id', 'type', 'stream', 'revision', 'global_position', 'data', 'metadata'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    type: { type: 'string', description: 'an event type of docs/events.md' },
    stream: { type: 'string', description: '`<category>-<id>`' },
    revision: { type: 'integer', minimum: 0, description: 'its position in its stream' },
    global_position: { type: 'integer', minimum: 0, description: 'its position in the log' },
    data: { type: 'object', description: 'as stored; decode it with @helpdesk/events' },
    metadata: {
      type: 'object',
      required: ['account_id'],
      description: 'the envelope (docs/events.md, "Metadata")',
    },
  },
};

const who =
  'Admins only: the log holds what the API keeps from agents (account settings, integrations, every user’s addresses). Only the caller’s account’s events (metadata.account_id), never another’s; no secret is ever in the log.';

export const eventPaths: Record<string, Schema> = {
  '/api/v2/events': {
    get: operation('get', {
      summary: `The account’s events in global order, a page at a time. ${who} A page reads on until it holds \`limit\` events or has looked at 5,000 of the log, so it may hold fewer with \`meta.has_more\`; \`links.next\` (or \`after=meta.after_cursor\`) continues, and once \`has_more\` is false the same cursor polls for new events.`,
      tags,
      query: [
        { name: 'after', schema: position, description: 'events strictly after this position' },
        {
          name: 'limit',
          schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
        },
      ],
      ok: {
        status: 200,
        schema: {
          type: 'object',
          required: ['events', 'meta', 'links'],
          properties: {
            events: { type: 'array', items: feedEvent },
            meta: ref('ListMeta'),
            links: ref('ListLinks'),
          },
        },
      },
      errors: [400, 403, 429, 503],
    }),
  },
  '/api/v2/events/stream': {
    get: (() => {
      const described = operation('get', {
        summary: `The same events as server-sent events (text/event-stream): the log so far, then live. ${who} Each event is one \`data:\` line (a JSON event as in GET /events) with \`id:\` its global position. Reconnecting with \`Last-Event-ID\` (EventSource does) or \`?after=\` resumes after it: every later event once, in order. Comment lines (\`: heartbeat\`, every 15 s) keep the connection open and may carry an \`id:\` that moves past other accounts’ events; \`: caught up\` marks the end of the log so far.`,
        tags,
        query: [{ name: 'after', schema: position, description: 'start after this position' }],
        ok: { status: 200 },
        errors: [400, 403, 429, 503],
      });
      const responses = described.responses as Record<string, Schema>;
      return {
        ...described,
        parameters: [
          ...(described.parameters as Schema[]),
          {
            name: 'Last-Event-ID',
            in: 'header',
            schema: position,
            description: 'the last `id:` received; wins over `after`',
          },
        ],
        responses: {
          ...responses,
          '200': {
            description: 'an endless event stream',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
        },
      };
    })(),
  },
};
