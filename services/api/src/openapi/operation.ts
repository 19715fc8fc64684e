/** Small builders for the OpenAPI 3.1 document, so that each path reads as one line per fact. */

export type Schema = Record<string, unknown>;

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

export const wrapped = (key: string, schema: Schema): Schema => ({
  type: 'object',
  required: [key],
  properties: { [key]: schema },
});

export const listOf = (key: string, item: string): Schema => ({
  type: 'object',
  required: [key, 'meta', 'links'],
  properties: {
    [key]: { type: 'array', items: ref(item) },
    meta: ref('ListMeta'),
    links: ref('ListLinks'),
  },
});

const errorDescriptions: Record<number, string> = {
  400: 'InvalidJSON or InvalidInput: details name the bad fields by path',
  401: 'Unauthorized: no valid token',
  403: 'Forbidden: the role or the rule (details.base[].rule) does not allow it',
  404: 'RecordNotFound (another account’s ids included)',
  409: 'Conflict',
  410: 'Gone: the record can no longer be used (an expired password link)',
  412: 'PreconditionFailed: If-Match names a stale version',
  413: 'PayloadTooLarge',
  422: 'RecordInvalid: a domain rule refused it (details.<field>[].rule)',
  429: 'TooManyRequests',
  503: 'ServiceUnavailable',
};

export interface OperationSpec {
  readonly summary: string;
  readonly tags: ReadonlyArray<string>;
  /** `token`: Bearer or Basic email/token; `operator`: HELPDESK_OPERATOR_TOKEN; `none` */
  readonly auth?: 'token' | 'operator' | 'none';
  readonly params?: ReadonlyArray<string>;
  readonly query?: ReadonlyArray<{
    readonly name: string;
    readonly schema: Schema;
    readonly description?: string;
  }>;
  readonly body?: Schema;
  readonly ok: { readonly status: number; readonly schema?: Schema; readonly etag?: boolean };
  readonly errors?: ReadonlyArray<number>;
  /** POST and PUT take Idempotency-Key; writes to one resource take If-Match */
  readonly ifMatch?: boolean;
}

const pageParams = [
  { name: 'page[size]', schema: { type: 'integer', minimum: 1, maximum: 100 } },
  {
    name: 'page[after]',
    schema: { type: 'string' },
    description: 'meta.after_cursor of the previous page',
  },
];
export const paged = pageParams;

export const operation = (method: string, spec: OperationSpec): Schema => {
  const auth = spec.auth ?? 'token';
  const parameters = [
    ...(spec.params ?? []).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string', format: 'uuid' },
    })),
    ...(spec.query ?? []).map((q) => ({
      name: q.name,
      in: 'query',
      schema: q.schema,
      ...(q.description ? { description: q.description } : {}),
    })),
    ...(method === 'post' || method === 'put'
      ? [{ $ref: '#/components/parameters/IdempotencyKey' }]
      : []),
    ...(spec.ifMatch === true ? [{ $ref: '#/components/parameters/IfMatch' }] : []),
  ];
  const errors = [...new Set([...(auth === 'none' ? [] : [401]), ...(spec.errors ?? [])])].sort();
  return {
    summary: spec.summary,
    tags: spec.tags,
    ...(auth === 'token' ? { security: [{ bearer: [] }, { emailToken: [] }] } : {}),
    ...(auth === 'operator' ? { security: [{ operator: [] }] } : {}),
    ...(auth === 'none' ? { security: [] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.body === undefined
      ? {}
      : {
          requestBody: { required: true, content: { 'application/json': { schema: spec.body } } },
        }),
    responses: {
      [String(spec.ok.status)]: {
        description: 'success',
        ...(spec.ok.etag === true
          ? { headers: { ETag: { $ref: '#/components/headers/ETag' } } }
          : {}),
        ...(spec.ok.schema === undefined
          ? {}
          : { content: { 'application/json': { schema: spec.ok.schema } } }),
      },
      ...Object.fromEntries(
        errors.map((status) => [
          String(status),
          {
            description: errorDescriptions[status] ?? 'error',
            content: { 'application/json': { schema: ref('Error') } },
          },
        ]),
      ),
    },
  };
};
