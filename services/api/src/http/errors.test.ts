import { httpErrorOf, type ApiError } from './errors';

const refusal = (error: Extract<ApiError, { kind: 'App' }>['error']): ApiError => ({
  kind: 'App',
  error,
  field: 'user.email',
});

describe('one place maps every failure to its status', () => {
  it.each([
    [{ kind: 'InvalidJSON', description: 'x' }, 400, 'InvalidJSON'],
    [{ kind: 'InvalidInput', issues: [] }, 400, 'InvalidInput'],
    [{ kind: 'Unauthorized' }, 401, 'Unauthorized'],
    [{ kind: 'Forbidden', description: 'no' }, 403, 'Forbidden'],
    [{ kind: 'RouteNotFound' }, 404, 'RecordNotFound'],
    [{ kind: 'PayloadTooLarge', limitBytes: 1 }, 413, 'PayloadTooLarge'],
    [{ kind: 'TooManyRequests', retryAfterSeconds: 3 }, 429, 'TooManyRequests'],
    [{ kind: 'IdempotencyKeyReused' }, 422, 'RecordInvalid'],
    [{ kind: 'IdempotencyKeyInFlight' }, 409, 'Conflict'],
    [
      refusal({
        kind: 'DomainRefusal',
        error: { kind: 'RuleViolation', rule: 'R5.2', message: 'taken' },
      }),
      422,
      'RecordInvalid',
    ],
    [
      refusal({
        kind: 'DomainRefusal',
        error: { kind: 'Forbidden', rule: 'R4.2', message: 'owner only' },
      }),
      403,
      'Forbidden',
    ],
    [
      refusal({
        kind: 'DomainRefusal',
        error: { kind: 'NotFound', entity: 'user', message: 'no' },
      }),
      404,
      'RecordNotFound',
    ],
    [
      refusal({
        kind: 'DomainRefusal',
        error: { kind: 'AlreadyExists', entity: 'user', message: 'dup' },
      }),
      409,
      'Conflict',
    ],
    [refusal({ kind: 'ConcurrencyConflict', streamName: 's', attempts: 4 }), 409, 'Conflict'],
    [
      refusal({ kind: 'StaleVersion', streamName: 's', expected: 1n, actual: 2n }),
      412,
      'PreconditionFailed',
    ],
    [refusal({ kind: 'StoreUnavailable', message: 'down' }), 503, 'ServiceUnavailable'],
    [
      { kind: 'ReadModel', error: { kind: 'TimedOut', name: 'users', checkpoint: 3n } },
      503,
      'ServiceUnavailable',
    ],
    [{ kind: 'Internal', message: 'bug' }, 500, 'InternalError'],
  ] as ReadonlyArray<[ApiError, number, string]>)('%o is %i %s', (error, status, code) => {
    const http = httpErrorOf(error);
    expect(http.status).toBe(status);
    expect(http.body.error).toBe(code);
    expect(Object.keys(http.body)).toEqual(['error', 'description', 'details']);
  });

  it('puts a rule’s refusal under its field with the rule id (422 details.<field>[].rule)', () => {
    const http = httpErrorOf(
      refusal({
        kind: 'DomainRefusal',
        error: { kind: 'RuleViolation', rule: 'R5.2', message: 'taken' },
      }),
    );
    expect(http.body.details).toEqual({ 'user.email': [{ description: 'taken', rule: 'R5.2' }] });
  });

  it('never sends what went wrong inside: it is kept for the log', () => {
    const http = httpErrorOf({
      kind: 'Internal',
      message: 'TypeError: x is undefined\n    at y (file.ts:1)',
    });
    expect(JSON.stringify(http.body)).not.toContain('TypeError');
    expect(http.internal).toContain('TypeError');
  });
});
