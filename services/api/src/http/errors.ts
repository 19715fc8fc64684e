import { assertNever, type DomainError, type RuleId } from '@helpdesk/domain';
import type { DecodeIssue } from '@helpdesk/events';
import type { AppError } from '@helpdesk/application';
import type { ReadModelError, WaitError } from '@helpdesk/projections';

/**
 * Every way a request can fail, and (in `httpErrorOf`, the one place that knows) the status and
 * body each becomes. Shapes follow api.md: `{"error", "description", "details"}`.
 */
export type ApiError =
  | { readonly kind: 'InvalidJSON'; readonly description: string }
  | { readonly kind: 'InvalidInput'; readonly issues: ReadonlyArray<DecodeIssue> }
  | { readonly kind: 'Unauthorized' }
  | { readonly kind: 'Forbidden'; readonly description: string }
  | { readonly kind: 'RouteNotFound' }
  /** the record existed but is no longer usable, for ever (an expired password link) */
  | { readonly kind: 'Gone'; readonly description: string }
  | { readonly kind: 'PayloadTooLarge'; readonly limitBytes: number }
  | { readonly kind: 'TooManyRequests'; readonly retryAfterSeconds: number }
  /** the same Idempotency-Key with another request (the IETF draft's 422) */
  | { readonly kind: 'IdempotencyKeyReused' }
  /** the first request with this Idempotency-Key is still running */
  | { readonly kind: 'IdempotencyKeyInFlight' }
  /** `field` names where a domain rule's refusal goes in `details` */
  | { readonly kind: 'App'; readonly error: AppError; readonly field: string }
  | { readonly kind: 'ReadModel'; readonly error: ReadModelError | WaitError }
  /** the command was recorded, but its read model did not catch up in time to answer with it */
  | { readonly kind: 'ReadBackFailed'; readonly error: WaitError }
  | { readonly kind: 'Internal'; readonly message: string };

export interface ErrorDetail {
  readonly description: string;
  readonly rule?: RuleId;
}

export interface HttpError {
  readonly status: number;
  readonly body: {
    readonly error: string;
    readonly description: string;
    readonly details: Readonly<Record<string, ReadonlyArray<ErrorDetail>>>;
  };
  readonly headers?: Readonly<Record<string, string>>;
  /** a server-side failure worth an error log line; never sent to the client */
  readonly internal?: string;
}

const httpError = (
  status: number,
  error: string,
  description: string,
  details: HttpError['body']['details'] = {},
  extra: Pick<HttpError, 'headers' | 'internal'> = {},
): HttpError => ({ status, body: { error, description, details }, ...extra });

const issuesAsDetails = (issues: ReadonlyArray<DecodeIssue>) => {
  const details: Record<string, ErrorDetail[]> = {};
  for (const issue of issues)
    (details[issue.path] ??= []).push({
      description: `expected ${issue.expected}, got ${issue.actual}`,
    });
  return details;
};

const fromDomain = (error: DomainError, field: string): HttpError => {
  switch (error.kind) {
    case 'RuleViolation':
      return httpError(422, 'RecordInvalid', 'Record validation errors', {
        [field]: [{ description: error.message, rule: error.rule }],
      });
    case 'Forbidden':
      return httpError(
        403,
        'Forbidden',
        error.message,
        error.rule === null ? {} : { base: [{ description: error.message, rule: error.rule }] },
      );
    case 'NotFound':
      return httpError(404, 'RecordNotFound', error.message);
    case 'AlreadyExists':
      return httpError(409, 'Conflict', error.message);
    default:
      return assertNever(error);
  }
};

const unavailable = (internal: string): HttpError =>
  httpError(
    503,
    'ServiceUnavailable',
    'The service is unavailable; try again shortly',
    {},
    {
      headers: { 'Retry-After': '1' },
      internal,
    },
  );

const fromApp = (error: AppError, field: string): HttpError => {
  switch (error.kind) {
    case 'DomainRefusal':
      return fromDomain(error.error, field);
    case 'ConcurrencyConflict':
      return httpError(409, 'Conflict', 'The record kept changing; try again');
    case 'StaleVersion':
      return httpError(
        412,
        'PreconditionFailed',
        `The record is at version ${String(error.actual)}, not the one in If-Match`,
      );
    case 'StoreUnavailable':
      return unavailable(error.message);
    case 'StreamDeleted':
      return httpError(404, 'RecordNotFound', 'The record was deleted');
    case 'CorruptStream':
      return httpError(
        500,
        'InternalError',
        'Something went wrong',
        {},
        {
          internal: `corrupt stream ${error.streamName} at ${error.revision}: ${error.error.message}`,
        },
      );
    case 'InvalidEvent':
      // the request's values made an event the contract refuses: nothing was appended
      return httpError(
        422,
        'RecordInvalid',
        'Record validation errors',
        issuesAsDetails(error.error.issues),
      );
    case 'CompensationFailed': {
      const inner = fromApp(error.error, field);
      return {
        ...inner,
        internal: `compensation failed: ${error.compensationErrors.map((e) => e.kind).join(', ')}`,
      };
    }
    default:
      return assertNever(error);
  }
};

const fromReadModel = (error: ReadModelError | WaitError): HttpError => {
  switch (error.kind) {
    case 'ReadModelUnavailable':
      return unavailable(error.message);
    case 'TimedOut':
    case 'ProjectionFailed':
    case 'ProjectionStopped':
    case 'UnknownProjection':
      return unavailable(`read model ${error.name}: ${error.kind}`);
    default:
      return assertNever(error);
  }
};

export const httpErrorOf = (error: ApiError): HttpError => {
  switch (error.kind) {
    case 'InvalidJSON':
      return httpError(400, 'InvalidJSON', error.description);
    case 'InvalidInput':
      return httpError(
        400,
        'InvalidInput',
        'The request is invalid',
        issuesAsDetails(error.issues),
      );
    case 'Unauthorized':
      return httpError(
        401,
        'Unauthorized',
        'Authentication is required',
        {},
        {
          headers: { 'WWW-Authenticate': 'Bearer realm="helpdesk", Basic realm="helpdesk"' },
        },
      );
    case 'Forbidden':
      return httpError(403, 'Forbidden', error.description);
    case 'RouteNotFound':
      return httpError(404, 'RecordNotFound', 'No such resource');
    case 'Gone':
      return httpError(410, 'Gone', error.description);
    case 'PayloadTooLarge':
      return httpError(413, 'PayloadTooLarge', `The body is larger than ${error.limitBytes} bytes`);
    case 'TooManyRequests':
      return httpError(
        429,
        'TooManyRequests',
        'Too many requests',
        {},
        {
          headers: { 'Retry-After': String(error.retryAfterSeconds) },
        },
      );
    case 'IdempotencyKeyReused':
      return httpError(422, 'RecordInvalid', 'The Idempotency-Key was used for another request', {
        'Idempotency-Key': [{ description: 'used before with another method, path or body' }],
      });
    case 'IdempotencyKeyInFlight':
      return httpError(409, 'Conflict', 'A request with this Idempotency-Key is still running');
    case 'App':
      return fromApp(error.error, error.field);
    case 'ReadModel':
      return fromReadModel(error.error);
    case 'ReadBackFailed':
      return {
        ...fromReadModel(error.error),
        body: {
          error: 'ServiceUnavailable',
          description: 'The change was recorded but cannot be read back yet: read it again shortly',
          details: {},
        },
      };
    case 'Internal':
      return httpError(
        500,
        'InternalError',
        'Something went wrong',
        {},
        { internal: error.message },
      );
    default:
      return assertNever(error);
  }
};

/** Shorthands for handlers. */
export const invalidInput = (path: string, expected: string, actual: string): ApiError => ({
  kind: 'InvalidInput',
  issues: [{ path, expected, actual }],
});

export const forbidden = (description: string): ApiError => ({ kind: 'Forbidden', description });

/**
 * An application failure; a domain rule's refusal is reported under `field`, or under the field
 * the refusal names (`(error) => ...`).
 */
export const fromAppError =
  (field: string | ((error: DomainError) => string) = 'base') =>
  (error: AppError): ApiError => ({
    kind: 'App',
    error,
    field:
      typeof field === 'string'
        ? field
        : error.kind === 'DomainRefusal'
          ? field(error.error)
          : 'base',
  });

export const notFound = (entity: string): ApiError => ({
  kind: 'App',
  error: {
    kind: 'DomainRefusal',
    error: { kind: 'NotFound', entity, message: `${entity} not found` },
  },
  field: 'base',
});
