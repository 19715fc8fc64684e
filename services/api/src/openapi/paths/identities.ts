import { operation, ref, wrapped, type Schema } from '../operation';

const tags = ['Identities'];
const identities = {
  type: 'object',
  properties: { identities: { type: 'array', items: ref('Identity') } },
};

export const identityPaths: Record<string, Schema> = {
  '/api/v2/users/{id}/identities': {
    get: operation('get', {
      summary: 'A user’s emails, phone numbers and X handles',
      tags,
      params: ['id'],
      ok: { status: 200, schema: identities, etag: true },
      errors: [400, 404],
    }),
    post: operation('post', {
      summary: 'Add an identity (an email is unique in the account, R5.2)',
      tags,
      params: ['id'],
      ifMatch: true,
      body: wrapped('identity', {
        type: 'object',
        required: ['type', 'value'],
        properties: {
          type: { type: 'string', enum: ['email', 'phone_number', 'twitter'] },
          value: { type: 'string' },
          verified: { type: 'boolean' },
        },
      }),
      ok: { status: 201, schema: wrapped('identity', ref('Identity')), etag: true },
      errors: [400, 403, 404, 409, 412, 422],
    }),
  },
  '/api/v2/users/{id}/identities/{identityId}/make_primary': {
    put: operation('put', {
      summary: 'Make an identity the primary one of its type (R4.6)',
      tags,
      params: ['id', 'identityId'],
      ifMatch: true,
      ok: { status: 200, schema: identities, etag: true },
      errors: [400, 403, 404, 409, 412, 422],
    }),
  },
  '/api/v2/users/{id}/identities/{identityId}': {
    delete: operation('delete', {
      summary: 'Remove an identity (never the primary email, R4.6; R3.2)',
      tags,
      params: ['id', 'identityId'],
      ifMatch: true,
      ok: { status: 204 },
      errors: [400, 403, 404, 409, 412, 422],
    }),
  },
};
