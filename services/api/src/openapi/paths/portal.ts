import { operation, paged, ref, wrapped, type Schema } from '../operation';

const tags = ['Portal'];

const accountId = {
  name: 'account_id',
  schema: { type: 'string', format: 'uuid' },
  description:
    'required: the account whose portal this is (the portal forms carry no credentials, and an address is unique only within an account)',
};

const request: Schema = {
  type: 'object',
  required: [
    'id',
    'subject',
    'status',
    'requester_id',
    'organization_id',
    'via',
    'created_at',
    'updated_at',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    subject: { type: 'string' },
    status: { type: 'string', enum: ['new', 'open', 'pending', 'hold', 'solved', 'closed'] },
    requester_id: { type: 'string', format: 'uuid' },
    organization_id: { type: ['string', 'null'], format: 'uuid' },
    via: { type: 'object', properties: { channel: { type: 'string' } } },
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
  },
};

const object = (properties: Record<string, Schema>): Schema => ({
  type: 'object',
  required: Object.keys(properties),
  properties,
});

/** The portal's forms (no credentials) and the end users' requests (R6.7-R6.9). */
export const portalPaths: Record<string, Schema> = {
  '/api/v2/portal/session': {
    post: operation('post', {
      summary:
        'Sign in to the portal: a session token (Bearer) for 12 hours. An unknown address, a wrong password and a user who may not sign in (merged, deleted, agents) get the same 401',
      tags,
      auth: 'none',
      query: [accountId],
      body: object({ email: { type: 'string' }, password: { type: 'string' } }),
      ok: {
        status: 200,
        schema: object({
          token: { type: 'string' },
          expires_at: { type: 'string', format: 'date-time' },
        }),
      },
      errors: [400, 401, 429],
    }),
  },
  '/api/v2/portal/password/forgot': {
    post: operation('post', {
      summary:
        'Forgot password (R6.7): 202 whether or not the address is an end user’s; when it is, a reset mail with a single-use link valid for one hour is queued to it',
      tags,
      auth: 'none',
      query: [accountId],
      body: object({ email: { type: 'string' } }),
      ok: { status: 202 },
      errors: [400, 429],
    }),
  },
  '/api/v2/portal/password/reset': {
    post: operation('post', {
      summary:
        'Set the portal password through a reset link (R6.8): 204, the link is spent and the user’s portal sessions end. An unknown link is 422 (details.token, R6.8), a used one 409, an expired one 410; a password of fewer than 8 or more than 256 characters is 422 (details.password, R6.8); a merged or deleted user 422 (R3.5)',
      tags,
      auth: 'none',
      body: object({ token: { type: 'string' }, password: { type: 'string' } }),
      ok: { status: 204 },
      errors: [400, 409, 410, 422, 429],
    }),
  },
  '/api/v2/users/{id}/password/reset': {
    post: operation('post', {
      summary:
        'Send an end user the password reset mail (R6.7): agents and admins for any end user, an end user for themself; portal passwords are for end users (422, R6.7)',
      tags,
      params: ['id'],
      ok: { status: 202 },
      errors: [403, 404, 422],
    }),
  },
  '/api/v2/requests': {
    get: operation('get', {
      summary:
        'The caller’s requests, oldest first: an end user’s (with a portal session or a token) are the tickets they request and, as a primary contact, all of the organization’s (R6.9); an agent’s or admin’s, the tickets they request',
      tags,
      query: [...paged],
      ok: {
        status: 200,
        schema: {
          type: 'object',
          required: ['requests', 'meta', 'links'],
          properties: {
            requests: { type: 'array', items: request },
            meta: ref('ListMeta'),
            links: ref('ListLinks'),
          },
        },
      },
      errors: [400],
    }),
    post: operation('post', {
      summary:
        'Open a request from the portal: a ticket the caller requests, in the organization named (one of theirs, R2.4) or their default',
      tags,
      body: wrapped('request', {
        type: 'object',
        required: ['subject', 'comment'],
        properties: {
          subject: { type: 'string', minLength: 1 },
          comment: object({ body: { type: 'string', minLength: 1 } }),
          organization_id: { type: ['string', 'null'], format: 'uuid' },
        },
      }),
      ok: { status: 201, schema: wrapped('request', request), etag: true },
      errors: [400, 413, 422],
    }),
  },
  '/api/v2/requests/{id}': {
    get: operation('get', {
      summary: 'One of the caller’s requests (R6.9); any other ticket is not found',
      tags,
      params: ['id'],
      ok: { status: 200, schema: wrapped('request', request), etag: true },
      errors: [400, 404],
    }),
  },
};
