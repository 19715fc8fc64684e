import { ref, type Schema } from './operation';

const uuid = { type: 'string', format: 'uuid' };
const nullableUuid = { type: ['string', 'null'], format: 'uuid' };
const time = { type: 'string', format: 'date-time' };
const nullableString = { type: ['string', 'null'] };
const role = { type: 'string', enum: ['end-user', 'agent', 'admin'] };
const ticketStatus = {
  type: 'string',
  enum: ['new', 'open', 'pending', 'hold', 'solved', 'closed'],
};
const plan = { type: 'string', enum: ['team', 'professional', 'enterprise'] };

const object = (
  properties: Record<string, Schema>,
  required: ReadonlyArray<string> = Object.keys(properties),
): Schema => ({
  type: 'object',
  required,
  properties,
});

export const schemas: Record<string, Schema> = {
  Error: object({
    error: {
      type: 'string',
      enum: [
        'InvalidJSON',
        'InvalidInput',
        'Unauthorized',
        'Forbidden',
        'RecordNotFound',
        'Conflict',
        'PreconditionFailed',
        'PayloadTooLarge',
        'RecordInvalid',
        'TooManyRequests',
        'ServiceUnavailable',
        'InternalError',
      ],
    },
    description: { type: 'string' },
    details: {
      type: 'object',
      additionalProperties: {
        type: 'array',
        items: object(
          { description: { type: 'string' }, rule: { type: 'string', pattern: '^R\\d+\\.\\d+$' } },
          ['description'],
        ),
      },
    },
  }),
  ListMeta: object({ has_more: { type: 'boolean' }, after_cursor: nullableString }),
  ListLinks: object({ next: { type: ['string', 'null'], format: 'uri' } }),
  Account: object({
    id: uuid,
    name: { type: 'string' },
    plan,
    owner_id: uuid,
    settings: object({
      multiple_organizations: { type: 'boolean' },
      sso: { type: 'string', enum: ['none', 'jwt', 'saml'] },
      auto_create_users_from_email: { type: 'boolean' },
      welcome_email: object({ enabled: { type: 'boolean' }, template_id: nullableUuid }),
      default_organization_id: uuid,
      portal_url: nullableString,
    }),
    created_at: time,
    updated_at: time,
  }),
  Subscription: object({
    account_id: uuid,
    plan,
    billing_owner_id: uuid,
    status: { type: 'string', enum: ['active'] },
  }),
  User: object(
    {
      id: uuid,
      name: { type: 'string' },
      email: nullableString,
      role,
      is_owner: { type: 'boolean' },
      role_label: { type: 'string', description: '"admin (owner)" for the owner (R4.7)' },
      verified: { type: 'boolean' },
      phone: nullableString,
      phones: { type: 'array', items: { type: 'string' } },
      emails: { type: 'array', items: { type: 'string' } },
      x_handle: nullableString,
      external_id: nullableString,
      organization_id: nullableUuid,
      organization_ids: { type: 'array', items: uuid },
      tags: { type: 'array', items: { type: 'string' } },
      details: { ...nullableString, description: 'absent for end users' },
      notes: { ...nullableString, description: 'absent for end users' },
      user_fields: { type: 'object' },
      locale: nullableString,
      time_zone: nullableString,
      photo_url: nullableString,
      status: { type: 'string', enum: ['active', 'merged', 'deleted'] },
      merged_into_id: nullableUuid,
      created_at: time,
      updated_at: time,
    },
    ['id', 'name', 'role', 'is_owner', 'role_label', 'status', 'created_at', 'updated_at'],
  ),
  NewUser: {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 1 },
      email: { type: 'string', format: 'email' },
      role,
      verified: { type: 'boolean' },
      x_handle: { type: 'string' },
      organization_id: nullableUuid,
      organization_ids: { type: 'array', items: uuid },
      phone: nullableString,
      external_id: nullableString,
      locale: nullableString,
      time_zone: nullableString,
      photo_url: nullableString,
      details: nullableString,
      notes: nullableString,
      tags: { type: 'array', items: { type: 'string' } },
      user_fields: { type: 'object' },
    },
  },
  Identity: object({
    id: uuid,
    user_id: uuid,
    type: { type: 'string', enum: ['email', 'phone_number', 'twitter'] },
    value: { type: 'string' },
    verified: { type: 'boolean' },
    primary: { type: 'boolean' },
  }),
  Organization: object({
    id: uuid,
    name: { type: 'string' },
    domain_names: { type: 'array', items: { type: 'string' } },
    created_at: time,
    updated_at: time,
  }),
  OrganizationMembership: object({
    id: uuid,
    user_id: uuid,
    organization_id: uuid,
    default: { type: 'boolean' },
    primary_contact: {
      type: 'boolean',
      description: 'sees all the organization’s tickets in the portal (R6.9)',
    },
    created_at: time,
  }),
  ApiToken: object({
    id: uuid,
    token: {
      type: ['string', 'null'],
      description:
        'shown this once; null in the answer to a repeat of the request (Idempotency-Key)',
    },
    user_id: uuid,
    created_at: time,
  }),
  ListedApiToken: object({
    id: uuid,
    user_id: uuid,
    created_at: time,
  }),
  JobStatus: object({
    id: uuid,
    status: { type: 'string', enum: ['queued', 'working', 'completed', 'failed'] },
    total: { type: ['integer', 'null'] },
    progress: { type: 'integer' },
  }),
  NewTicket: {
    type: 'object',
    description:
      'requester_id or requester (a new person: created first, R1.2); subject, or a comment whose first line becomes it',
    properties: {
      subject: { type: 'string', minLength: 1 },
      comment: ref('NewComment'),
      requester_id: uuid,
      requester: ref('NewPerson'),
      organization_id: nullableUuid,
      status: ticketStatus,
      email_ccs: { type: 'array', maxItems: 48, items: ref('EmailCc') },
      via: object({ channel: { type: 'string', enum: ['api', 'web'] } }),
    },
  },
  TicketChanges: {
    type: 'object',
    properties: {
      subject: { type: 'string', minLength: 1 },
      comment: ref('NewComment'),
      requester_id: uuid,
      requester: ref('NewPerson'),
      organization_id: nullableUuid,
      status: ticketStatus,
      email_ccs: { type: 'array', maxItems: 48, items: ref('EmailCc') },
    },
  },
  NewComment: object({ body: { type: 'string', minLength: 1 }, public: { type: 'boolean' } }, [
    'body',
  ]),
  NewPerson: object(
    { name: { type: 'string', minLength: 1 }, email: { type: 'string', format: 'email' } },
    ['email'],
  ),
  EmailCc: {
    type: 'object',
    description: 'user_id, or user_email (a new end user when nobody has it, R5.1)',
    properties: {
      user_id: uuid,
      user_email: { type: 'string', format: 'email' },
      user_name: { type: 'string' },
      action: { type: 'string', enum: ['put', 'delete'] },
    },
  },
  Comment: object({
    id: uuid,
    author_id: uuid,
    body: { type: 'string' },
    public: { type: 'boolean' },
    created_at: time,
  }),
  TicketAudit: object({
    id: uuid,
    ticket_id: uuid,
    created_at: time,
    author_id: nullableUuid,
    via: object({
      channel: { type: 'string' },
      source: object({ rel: { ...nullableString, description: 'merge, organization_removed, …' } }),
    }),
    metadata: object({
      event_id: uuid,
      event_type: { type: 'string' },
      actor_type: { type: 'string' },
      correlation_id: { type: 'string' },
      causation_id: nullableString,
      stream_revision: { type: 'integer' },
      global_position: { type: 'integer' },
    }),
    events: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type'],
        properties: {
          type: { type: 'string', enum: ['Create', 'Change', 'Comment', 'Notification'] },
          field_name: { type: 'string' },
          value: {},
          previous_value: {},
        },
      },
    },
  }),
  Integration: object({
    id: uuid,
    name: { type: 'string' },
    authorized_by_id: uuid,
    status: { type: 'string', enum: ['active', 'reauthorization_required'] },
    created_at: time,
    updated_at: time,
  }),
  Ticket: object({
    id: uuid,
    subject: { type: 'string' },
    status: ticketStatus,
    archived: { type: 'boolean' },
    requester_id: uuid,
    original_requester_id: uuid,
    organization_id: nullableUuid,
    submitter_id: uuid,
    collaborator_ids: { type: 'array', items: uuid },
    via: object({ channel: { type: 'string' } }),
    version: { type: 'integer' },
    created_at: time,
    updated_at: time,
  }),
};
