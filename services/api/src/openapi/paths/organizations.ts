import { listOf, operation, paged, ref, wrapped, type Schema } from '../operation';

const tags = ['Organizations'];
const organization = wrapped('organization', ref('Organization'));
const organizationBody = wrapped('organization', {
  type: 'object',
  properties: {
    name: { type: 'string' },
    domain_names: { type: 'array', items: { type: 'string' } },
  },
});
const memberships = {
  type: 'object',
  properties: { organization_memberships: { type: 'array', items: ref('OrganizationMembership') } },
};

export const organizationPaths: Record<string, Schema> = {
  '/api/v2/organizations': {
    get: operation('get', {
      summary: 'List the account’s organizations, oldest first',
      tags,
      query: paged,
      ok: { status: 200, schema: listOf('organizations', 'Organization') },
      errors: [400, 403],
    }),
    post: operation('post', {
      summary: 'Create an organization; names and domains are unique in the account (admins)',
      tags,
      body: organizationBody,
      ok: { status: 201, schema: organization, etag: true },
      errors: [400, 403, 409, 413, 422],
    }),
  },
  '/api/v2/organizations/{id}': {
    get: operation('get', {
      summary: 'An organization',
      tags,
      params: ['id'],
      ok: { status: 200, schema: organization, etag: true },
      errors: [400, 403, 404],
    }),
    put: operation('put', {
      summary: 'Rename it or change its domains (admins)',
      tags,
      params: ['id'],
      ifMatch: true,
      body: organizationBody,
      ok: { status: 200, schema: organization, etag: true },
      errors: [400, 403, 404, 409, 412, 422],
    }),
    delete: operation('delete', {
      summary: 'Remove it: emits OrganizationRemoved; tickets move in the background (R2.9, R6.4)',
      tags,
      params: ['id'],
      ifMatch: true,
      ok: { status: 204 },
      errors: [400, 403, 404, 409, 412, 422],
    }),
  },
  '/api/v2/organization_memberships': {
    post: operation('post', {
      summary: 'Add a user to an organization (R2.1)',
      tags,
      body: wrapped('organization_membership', {
        type: 'object',
        required: ['user_id', 'organization_id'],
        properties: {
          user_id: { type: 'string', format: 'uuid' },
          organization_id: { type: 'string', format: 'uuid' },
          default: { type: 'boolean' },
          primary_contact: { type: 'boolean' },
        },
      }),
      ok: {
        status: 201,
        schema: wrapped('organization_membership', ref('OrganizationMembership')),
      },
      errors: [400, 403, 404, 409, 422],
    }),
  },
  '/api/v2/organization_memberships/{id}': {
    delete: operation('delete', {
      summary: 'Remove a user from an organization (R2.8)',
      tags,
      params: ['id'],
      ifMatch: true,
      ok: { status: 204 },
      errors: [400, 403, 404, 409, 412],
    }),
  },
  '/api/v2/users/{id}/organization_memberships': {
    get: operation('get', {
      summary: 'A user’s organizations (end users: their own)',
      tags,
      params: ['id'],
      ok: { status: 200, schema: memberships },
      errors: [400, 404],
    }),
  },
  '/api/v2/users/{userId}/organization_memberships/{id}/make_default': {
    put: operation('put', {
      summary: 'Make a membership the user’s default organization (R2.1)',
      tags,
      params: ['userId', 'id'],
      ifMatch: true,
      ok: { status: 200, schema: memberships },
      errors: [400, 403, 404, 409, 412, 422],
    }),
  },
};
