import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type express from 'express';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { authenticateOperator, authenticateUser, type AuthDeps } from '../auth/authenticate';
import { scopeOf, type Principal } from '../auth/principal';
import { forbidden, httpErrorOf, invalidInput, type ApiError } from './errors';
import {
  isValidIdempotencyKey,
  requestFingerprint,
  type IdempotencyStore,
} from './idempotency/store';
import { requestStateOf, type RequestState } from './request-context';
import type { Reply } from './reply';
import type { RawRequest, Route } from './route';

export interface MountDeps extends AuthDeps {
  readonly basePath: string;
  readonly operatorToken: string | undefined;
  readonly maxJsonDepth: number;
  readonly idempotency: IdempotencyStore;
  /** seconds to wait before retrying, when the caller is over its limit */
  readonly rateLimited: (scope: string) => number | undefined;
  readonly logger: Logger;
}

const requestUrl = (req: Request): URL => {
  const host = req.get('host') ?? 'localhost';
  try {
    return new URL(req.originalUrl, `${req.protocol}://${host}`);
  } catch {
    return new URL(req.originalUrl, 'http://localhost');
  }
};

const authenticate = (
  route: Route,
  deps: MountDeps,
  req: Request,
): TE.TaskEither<ApiError, Principal> => {
  const header = req.get('authorization');
  if (route.access.kind === 'public')
    return TE.right({ kind: 'anonymous', address: req.ip ?? 'unknown' });
  if (route.access.kind === 'operator')
    return deps.operatorToken === undefined
      ? TE.left({ kind: 'RouteNotFound' })
      : TE.fromEither(authenticateOperator(deps.operatorToken, header));
  return authenticateUser(deps, header);
};

/** The roles that may call the route at all; who may act on which record is the use case's. */
const mayCall = (route: Route, principal: Principal): E.Either<ApiError, void> => {
  if (route.access.kind !== 'user' || principal.kind !== 'user') return E.right(undefined);
  const { roles } = route.access;
  return roles.includes(principal.user.role)
    ? E.right(undefined)
    : E.left(forbidden(`This is for ${roles.join(' and ')} users only`));
};

/**
 * Runs the handler once per Idempotency-Key (POST and PUT): a repeat of the same request gets the
 * first response and runs nothing; the same key for another request is refused. Server failures
 * are forgotten, so that a retry runs again.
 */
const onceByKey = (
  deps: MountDeps,
  req: Request,
  principal: Principal,
  run: () => TE.TaskEither<ApiError, Reply>,
): TE.TaskEither<ApiError, Reply> => {
  const key = req.get('idempotency-key');
  if (key === undefined || (req.method !== 'POST' && req.method !== 'PUT')) return run();
  if (principal.kind === 'anonymous') return run(); // public routes keep no answers (publicRoute)
  if (!isValidIdempotencyKey(key))
    return TE.left(
      invalidInput('Idempotency-Key', 'printable ASCII, 1 to 255 characters', 'another value'),
    );
  const scope = scopeOf(principal);
  const body = Buffer.isBuffer(req.body) ? req.body : undefined;
  const fingerprint = requestFingerprint(req.method, req.url, body);
  const storeFailure = (error: unknown): ApiError => ({
    kind: 'Internal',
    message: `idempotency store: ${error instanceof Error ? error.message : String(error)}`,
  });
  return pipe(
    TE.tryCatch(() => deps.idempotency.begin(scope, key, fingerprint), storeFailure),
    TE.chain((begun): TE.TaskEither<ApiError, Reply> => {
      switch (begun.kind) {
        case 'replay':
          return TE.right({
            status: begun.response.status,
            body: begun.response.body,
            ...(begun.response.etag === null ? {} : { etag: begun.response.etag }),
          });
        case 'mismatch':
          return TE.left({ kind: 'IdempotencyKeyReused' });
        case 'in_flight':
          return TE.left({ kind: 'IdempotencyKeyInFlight' });
        case 'started':
          return async () => {
            const outcome = await run()();
            const status = E.isRight(outcome)
              ? outcome.right.status
              : httpErrorOf(outcome.left).status;
            // a server failure before anything was recorded may run again; one after it may not
            const recorded =
              status < 500 || (E.isLeft(outcome) && outcome.left.kind === 'ReadBackFailed');
            try {
              if (!recorded) await deps.idempotency.abandon(scope, key);
              else
                await deps.idempotency.complete(scope, key, {
                  status,
                  body: E.isRight(outcome)
                    ? (outcome.right.replay ?? outcome.right.body)
                    : httpErrorOf(outcome.left).body,
                  etag: E.isRight(outcome) ? (outcome.right.etag ?? null) : null,
                });
            } catch (error) {
              deps.logger.error({ err: String(error) }, 'could not record an idempotency key');
            }
            return outcome;
          };
        default:
          return TE.left({ kind: 'Internal', message: 'unknown idempotency outcome' });
      }
    }),
  );
};

export const send = (res: Response, outcome: E.Either<ApiError, Reply>, logger: Logger): void => {
  if (E.isRight(outcome)) {
    const { status, body, etag } = outcome.right;
    if (etag !== undefined) res.set('ETag', etag);
    if (status === 204) res.status(204).end();
    else res.status(status).json(body);
    return;
  }
  const error = httpErrorOf(outcome.left);
  if (error.internal !== undefined)
    logger.error(
      { request_id: requestStateOf(res).requestId, problem: error.internal },
      'request failed',
    );
  res
    .status(error.status)
    .set(error.headers ?? {})
    .json(error.body);
};

/**
 * Registers a route on `router`, itself mounted at the base path: authenticate, rate-limit, check
 * the role, decode, run once, answer.
 */
export const mount = (router: express.Router, route: Route, deps: MountDeps): void => {
  if (route.access.kind === 'operator' && deps.operatorToken === undefined) return;
  router[route.method](route.path, async (req, res) => {
    const state = requestStateOf(res);
    state.route = `${deps.basePath}${route.path}`;
    const raw: RawRequest = {
      params: { ...req.params },
      query: req.query,
      body: Buffer.isBuffer(req.body) ? req.body : undefined,
      ifMatch: req.get('if-match'),
      requestId: state.requestId,
      url: () => requestUrl(req),
      maxJsonDepth: deps.maxJsonDepth,
    };
    send(res, await answer(route, deps, req, raw, state), deps.logger);
  });
};

/**
 * The steps of `mount` for one request, as plain awaits rather than chained combinators: every
 * request runs them, and each combinator step costs a few promise hops (docs/performance.md).
 */
const answer = async (
  route: Route,
  deps: MountDeps,
  req: Request,
  raw: RawRequest,
  state: RequestState,
): Promise<E.Either<ApiError, Reply>> => {
  const authenticated = await authenticate(route, deps, req)();
  if (E.isLeft(authenticated)) return authenticated;
  const principal = authenticated.right;
  if (principal.kind === 'user') {
    state.accountId = principal.accountId;
    state.userId = principal.user.id;
  }
  const retryAfter = deps.rateLimited(scopeOf(principal));
  if (retryAfter !== undefined)
    return E.left({ kind: 'TooManyRequests', retryAfterSeconds: retryAfter });
  const allowed = mayCall(route, principal);
  if (E.isLeft(allowed)) return allowed;
  const run = route.prepare(raw);
  if (E.isLeft(run)) return run;
  return onceByKey(deps, req, principal, () => run.right(principal))();
};
