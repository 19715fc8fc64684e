import { operation, ref, wrapped, type Schema } from '../operation';

const tags = ['Account'];

export const operatorPaths: Record<string, Schema> = {
  '/api/v2/accounts': {
    post: operation('post', {
      summary: 'Open an account with its owner and "Unassigned" organization (operators only)',
      tags,
      auth: 'operator',
      body: wrapped('account', {
        type: 'object',
        required: ['name', 'plan', 'owner'],
        properties: {
          name: { type: 'string' },
          plan: { type: 'string', enum: ['team', 'professional', 'enterprise'] },
          owner: {
            type: 'object',
            required: ['name', 'email'],
            properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' } },
          },
        },
      }),
      ok: {
        status: 201,
        schema: {
          type: 'object',
          required: ['account', 'owner', 'api_token'],
          properties: {
            account: ref('Account'),
            owner: ref('User'),
            api_token: {
              type: 'object',
              required: ['id', 'token'],
              properties: {
                id: { type: 'string' },
                token: {
                  type: ['string', 'null'],
                  description:
                    'the owner’s token, shown this once; null in the answer to a repeat (Idempotency-Key)',
                },
              },
            },
          },
        },
      },
      errors: [400, 413, 422],
    }),
  },
};

export const accountPaths: Record<string, Schema> = {
  '/api/v2/account': {
    get: operation('get', {
      summary: 'The caller’s account (agents and admins)',
      tags,
      ok: { status: 200, schema: wrapped('account', ref('Account')), etag: true },
      errors: [403],
    }),
    put: operation('put', {
      summary: 'Change the account’s name, plan or settings (admins)',
      tags,
      ifMatch: true,
      body: wrapped('account', {
        type: 'object',
        properties: {
          name: { type: 'string' },
          plan: { type: 'string', enum: ['team', 'professional', 'enterprise'] },
          settings: { type: 'object' },
        },
      }),
      ok: { status: 200, schema: wrapped('account', ref('Account')), etag: true },
      errors: [400, 403, 409, 412, 422],
    }),
  },
  '/api/v2/account/owner': {
    put: operation('put', {
      summary: 'Transfer ownership to an active admin (the owner only, R4.2; R4.3)',
      tags,
      body: wrapped('owner', {
        type: 'object',
        required: ['user_id'],
        properties: { user_id: { type: 'string', format: 'uuid' } },
      }),
      ok: { status: 200, schema: wrapped('account', ref('Account')), etag: true },
      errors: [400, 403, 404, 409, 422],
    }),
  },
  '/api/v2/account/subscription': {
    get: operation('get', {
      summary: 'The subscription (the owner only, R4.4)',
      tags,
      ok: { status: 200, schema: wrapped('subscription', ref('Subscription')) },
      errors: [403],
    }),
  },
};
