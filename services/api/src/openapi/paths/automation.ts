import { operation, paged, type Schema } from '../operation';

/** Email templates, triggers (R6.5) and macros (R6.6); their schemas live here, beside their paths. */

const uuid = { type: 'string', format: 'uuid' };
const time = { type: 'string', format: 'date-time' };
const text = { type: 'string', minLength: 1 };
const ticketStatus = {
  type: 'string',
  enum: ['new', 'open', 'pending', 'hold', 'solved', 'closed'],
};

const object = (
  properties: Record<string, Schema>,
  required: ReadonlyArray<string> = Object.keys(properties),
): Schema => ({ type: 'object', required, properties });

const wrapped = (key: string, schema: Schema): Schema => object({ [key]: schema });

const list = (key: string, item: Schema): Schema =>
  object({
    [key]: { type: 'array', items: item },
    meta: { $ref: '#/components/schemas/ListMeta' },
    links: { $ref: '#/components/schemas/ListLinks' },
  });

const placeholders =
  'placeholders {{user.name}}, {{user.email}}, {{ticket.id}}, {{ticket.subject}}, {{portal.url}}, {{portal.username}}, {{portal.password_link}} (R6.8: a single-use link, never a password)';

const templateFields = {
  name: text,
  subject: { ...text, description: placeholders },
  body: { ...text, description: placeholders },
};
const emailTemplate = object({ id: uuid, ...templateFields, created_at: time, updated_at: time });

const setStatus = object({ type: { const: 'set_status' }, status: ticketStatus });
const addTag = object({ type: { const: 'add_tag' }, tag: { ...text, maxLength: 80 } });
const emailRequester = object({ type: { const: 'email_requester' }, template_id: uuid });
const condition = object({
  field: {
    type: 'string',
    enum: ['subject', 'status', 'organization_id', 'requester_id', 'channel'],
  },
  operator: {
    type: 'string',
    enum: ['is', 'is_not', 'contains'],
    description: 'contains: subject only',
  },
  value: { type: ['string', 'null'], description: 'null: no organization' },
});
const conditions = object(
  { all: { type: 'array', items: condition }, any: { type: 'array', items: condition } },
  [],
);
const triggerFields = {
  title: text,
  active: { type: 'boolean' },
  position: { type: 'integer', minimum: 1, description: 'triggers run by ascending position' },
  event: { type: 'string', enum: ['ticket_created', 'ticket_updated'] },
  conditions,
  actions: { type: 'array', items: { oneOf: [emailRequester, setStatus, addTag] } },
  stop_processing: { type: 'boolean' },
};
const trigger = object({ id: uuid, ...triggerFields, created_at: time, updated_at: time });

const macroFields = {
  title: text,
  body: { ...text, description: `the reply; ${placeholders}` },
  actions: { type: 'array', items: { oneOf: [setStatus, addTag] } },
};
const macro = object({ id: uuid, ...macroFields, created_at: time, updated_at: time });

interface Resource {
  readonly path: string;
  readonly key: string;
  readonly plural: string;
  readonly tag: string;
  readonly schema: Schema;
  readonly fields: Record<string, Schema>;
  readonly required: ReadonlyArray<string>;
  readonly what: string;
  /** who reads it: admins, or the whole team */
  readonly readers: string;
  readonly removal: string;
}

const pathsOf = (r: Resource): Record<string, Schema> => {
  const one = wrapped(r.key, r.schema);
  return {
    [`/api/v2/${r.path}`]: {
      get: operation('get', {
        summary: `The account’s ${r.plural} (${r.readers})`,
        tags: [r.tag],
        query: paged,
        ok: { status: 200, schema: list(r.path, r.schema) },
        errors: [400, 403],
      }),
      post: operation('post', {
        summary: `Create ${r.what} (admins)`,
        tags: [r.tag],
        body: wrapped(r.key, object(r.fields, r.required)),
        ok: { status: 201, schema: one, etag: true },
        errors: [400, 403, 413, 422],
      }),
    },
    [`/api/v2/${r.path}/{id}`]: {
      get: operation('get', {
        summary: `One of the account’s ${r.plural} (${r.readers})`,
        tags: [r.tag],
        params: ['id'],
        ok: { status: 200, schema: one, etag: true },
        errors: [400, 403, 404],
      }),
      put: operation('put', {
        summary: `Change ${r.what}: only the fields given (admins)`,
        tags: [r.tag],
        params: ['id'],
        ifMatch: true,
        body: wrapped(r.key, object(r.fields, [])),
        ok: { status: 200, schema: one, etag: true },
        errors: [400, 403, 404, 409, 412, 413, 422],
      }),
      delete: operation('delete', {
        summary: `Remove ${r.what} (admins). ${r.removal}`,
        tags: [r.tag],
        params: ['id'],
        ifMatch: true,
        ok: { status: 204 },
        errors: [400, 403, 404, 409, 412, 422],
      }),
    },
  };
};

export const automationPaths: Record<string, Schema> = {
  ...pathsOf({
    path: 'email_templates',
    key: 'email_template',
    plural: 'email templates',
    tag: 'Email templates',
    schema: emailTemplate,
    fields: templateFields,
    required: ['name', 'subject', 'body'],
    what: 'an email template; every placeholder must be one that can be filled (R6.2, R6.8)',
    readers: 'admins',
    removal:
      'Refused while a trigger mails from it (R6.5) or the welcome email uses it (R6.2), 422',
  }),
  ...pathsOf({
    path: 'triggers',
    key: 'trigger',
    plural: 'triggers',
    tag: 'Triggers',
    schema: trigger,
    fields: triggerFields,
    required: ['title', 'event', 'conditions', 'actions'],
    what: 'a ticket trigger (R6.5): at least one condition and one action, mail from live templates only; active by default, after the others without a position',
    readers: 'admins',
    removal: 'It no longer runs for later ticket changes',
  }),
  ...pathsOf({
    path: 'macros',
    key: 'macro',
    plural: 'macros',
    tag: 'Macros',
    schema: macro,
    fields: macroFields,
    required: ['title', 'body'],
    what: 'a macro, a canned response (R6.6)',
    readers: 'agents and admins',
    removal: 'It can no longer be applied',
  }),
};
