import { listOf, operation, paged, ref, wrapped, type Schema } from '../operation';

const tags = ['Users'];
const user = wrapped('user', ref('User'));
const apiToken = wrapped('api_token', ref('ApiToken'));

export const userPaths: Record<string, Schema> = {
  '/api/v2/users': {
    get: operation('get', {
      summary: 'List the account’s users, oldest first (agents and admins)',
      tags,
      query: [
        ...paged,
        { name: 'role', schema: { type: 'string', enum: ['end-user', 'agent', 'admin'] } },
      ],
      ok: { status: 200, schema: listOf('users', 'User') },
      errors: [400, 403],
    }),
    post: operation('post', {
      summary: 'Add a user by hand (R5.1; agents add end users, admins anyone; R5.2, R5.3)',
      tags,
      body: wrapped('user', ref('NewUser')),
      ok: { status: 201, schema: user, etag: true },
      errors: [400, 403, 404, 409, 413, 422],
    }),
  },
  '/api/v2/users/me': {
    get: operation('get', {
      summary: 'The caller',
      tags,
      ok: { status: 200, schema: user, etag: true },
    }),
  },
  '/api/v2/users/create_many': {
    post: operation('post', {
      summary: 'Import up to 100 users, one result per row; no welcome email (R6.2; admins)',
      tags,
      body: {
        type: 'object',
        required: ['users'],
        properties: { users: { type: 'array', minItems: 1, maxItems: 100, items: ref('NewUser') } },
      },
      ok: {
        status: 200,
        schema: {
          type: 'object',
          properties: {
            results: {
              type: 'array',
              items: {
                type: 'object',
                required: ['index', 'status'],
                properties: {
                  index: { type: 'integer' },
                  status: { type: 'string', enum: ['created', 'failed'] },
                  id: { type: ['string', 'null'] },
                  error: { oneOf: [ref('Error'), { type: 'null' }] },
                },
              },
            },
          },
        },
      },
      errors: [400, 403, 413],
    }),
  },
  '/api/v2/users/search': {
    get: operation('get', {
      summary: 'Find users by name, email domain or organization name (R1.4)',
      tags,
      query: [{ name: 'query', schema: { type: 'string', minLength: 1, maxLength: 200 } }],
      ok: { status: 200, schema: listOf('users', 'User') },
      errors: [400, 403],
    }),
  },
  '/api/v2/users/{id}': {
    get: operation('get', {
      summary: 'A user (end users: themselves only)',
      tags,
      params: ['id'],
      ok: { status: 200, schema: user, etag: true },
      errors: [400, 404],
    }),
    put: operation('put', {
      summary: 'Change a user’s profile, role (admins; R4.1) or verification',
      tags,
      params: ['id'],
      ifMatch: true,
      body: wrapped('user', { type: 'object' }),
      ok: { status: 200, schema: user, etag: true },
      errors: [400, 403, 404, 409, 412, 422],
    }),
    delete: operation('delete', {
      summary: 'Delete a user (never the owner, R4.1); their addresses are freed',
      tags,
      params: ['id'],
      ifMatch: true,
      ok: { status: 200, schema: user, etag: true },
      errors: [400, 403, 404, 409, 412, 422],
    }),
  },
  '/api/v2/users/me/api_tokens': {
    get: operation('get', {
      summary: 'The caller’s API tokens, oldest first (never their values)',
      tags,
      ok: { status: 200, schema: listOf('api_tokens', 'ListedApiToken') },
    }),
    post: operation('post', {
      summary: 'Issue an API token for the caller (shown once)',
      tags,
      ok: { status: 201, schema: apiToken },
    }),
  },
  '/api/v2/users/me/api_tokens/{tokenId}': {
    delete: operation('delete', {
      summary: 'Revoke one of the caller’s API tokens',
      tags,
      params: ['tokenId'],
      ok: { status: 204 },
      errors: [400, 404],
    }),
  },
  '/api/v2/users/{id}/api_tokens': {
    get: operation('get', {
      summary: 'A user’s API tokens, oldest first (their own, or any user’s for admins)',
      tags,
      params: ['id'],
      ok: { status: 200, schema: listOf('api_tokens', 'ListedApiToken') },
      errors: [400, 403, 404],
    }),
    post: operation('post', {
      summary: 'Issue an API token for an agent or admin (admins)',
      tags,
      params: ['id'],
      ok: { status: 201, schema: apiToken },
      errors: [400, 403, 404, 422],
    }),
  },
  '/api/v2/users/{id}/api_tokens/{tokenId}': {
    delete: operation('delete', {
      summary: 'Revoke a user’s API token (their own, or any user’s for admins)',
      tags,
      params: ['id', 'tokenId'],
      ok: { status: 204 },
      errors: [400, 403, 404],
    }),
  },
  '/api/v2/users/{id}/merge': {
    put: operation('put', {
      summary: 'Merge this user into the body’s user (R3); tickets move in the background',
      tags,
      params: ['id'],
      body: wrapped('user', {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'string', format: 'uuid' } },
      }),
      ok: {
        status: 200,
        schema: {
          type: 'object',
          required: ['user', 'job_status'],
          properties: { user: ref('User'), job_status: ref('JobStatus') },
        },
      },
      errors: [400, 403, 404, 409, 422],
    }),
  },
  '/api/v2/job_statuses/{id}': {
    get: operation('get', {
      summary: 'Follow a merge',
      tags,
      params: ['id'],
      ok: { status: 200, schema: wrapped('job_status', ref('JobStatus')) },
      errors: [400, 403, 404],
    }),
  },
  '/api/v2/users/{id}/tickets/requested': {
    get: operation('get', {
      summary: 'Tickets the user requests, oldest first',
      tags,
      params: ['id'],
      query: paged,
      ok: { status: 200, schema: listOf('tickets', 'Ticket') },
      errors: [400, 404],
    }),
  },
  '/api/v2/users/{id}/tickets/ccd': {
    get: operation('get', {
      summary: 'Tickets the user is copied on, oldest first',
      tags,
      params: ['id'],
      query: paged,
      ok: { status: 200, schema: listOf('tickets', 'Ticket') },
      errors: [400, 404],
    }),
  },
};
