import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type * as TE from 'fp-ts/TaskEither';
import type * as t from 'io-ts';
import type { Caller } from '@helpdesk/application';
import type { Role } from '@helpdesk/events';
import {
  callerOf,
  type AnonymousPrincipal,
  type OperatorPrincipal,
  type Principal,
  type UserPrincipal,
} from '../auth/principal';
import { decodeInput } from './decoding';
import type { ApiError } from './errors';
import { ifMatchRevision } from './etags';
import { parseJsonBody } from './json-body';
import type { Reply } from './reply';

/**
 * A route of the API, as data: its method and path, who may call it, the io-ts codecs of its path
 * parameters, query and body, and a handler from the decoded request to a `Reply` or an
 * `ApiError`. `mount` does the rest, the same way for every route: authentication, rate limit,
 * role, decoding (400 by path), If-Match, Idempotency-Key, the answer and its status.
 * To add one: define it with `userRoute` in `routes/<resource>.ts`, list it in `apiRoutes`
 * (app.ts), and describe it in `openapi/paths` (a test holds the two together).
 */
export type Method = 'get' | 'post' | 'put' | 'delete';

/** A request as it arrives, before anything is decoded. */
export interface RawRequest {
  readonly params: unknown;
  readonly query: unknown;
  readonly body: Buffer | undefined;
  readonly ifMatch: string | undefined;
  readonly requestId: string;
  /** the URL the client called, for `links.next`: built only by the routes that page */
  readonly url: () => URL;
  readonly maxJsonDepth: number;
}

/** What every handler knows of its request once it is decoded. */
export interface RequestInfo<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** the revision `If-Match` pins, if any */
  readonly ifMatch: bigint | undefined;
  readonly requestId: string;
  readonly url: () => URL;
}

export interface UserRequest<P, Q, B> extends RequestInfo<P, Q, B> {
  readonly principal: UserPrincipal;
  readonly caller: Caller;
}

export interface OperatorRequest<P, Q, B> extends RequestInfo<P, Q, B> {
  readonly principal: OperatorPrincipal;
}

export interface PublicRequest<P, Q, B> extends RequestInfo<P, Q, B> {
  readonly principal: AnonymousPrincipal;
}

/** The part of a route that `mount` and the OpenAPI test need, its types erased. */
export interface Route {
  readonly method: Method;
  /** express path under the base path, `/users/:id` */
  readonly path: string;
  readonly access:
    | { readonly kind: 'user'; readonly roles: ReadonlyArray<Role> }
    | { readonly kind: 'operator' }
    /** no credentials: the portal's sign-in and password forms */
    | { readonly kind: 'public' };
  /** decodes the request; the result runs the handler for an authenticated principal */
  readonly prepare: (
    raw: RawRequest,
  ) => E.Either<ApiError, (principal: Principal) => TE.TaskEither<ApiError, Reply>>;
}

interface Codecs<P, Q, B> {
  /** path parameters; none when absent */
  readonly params?: t.Type<P, unknown, unknown>;
  /** query string; anything accepted (and ignored) when absent */
  readonly query?: t.Type<Q, unknown, unknown>;
  /** JSON body; an absent codec ignores the body */
  readonly body?: t.Type<B, unknown, unknown>;
}

/**
 * A part the route declares no codec for is not read at all; its type is then `never`, so no
 * handler can use it.
 */
const decodeIfDeclared = <A>(
  codec: t.Type<A, unknown, unknown> | undefined,
  value: () => E.Either<ApiError, unknown>,
): E.Either<ApiError, A> => {
  if (codec === undefined) return E.right(undefined as unknown as A);
  const read = value();
  return E.isLeft(read) ? read : decodeInput(codec)(read.right);
};

/** Each part in turn, the first refusal answered; every request runs this, so no combinators. */
const decodeRequest = <P, Q, B>(
  codecs: Codecs<P, Q, B>,
  raw: RawRequest,
): E.Either<ApiError, RequestInfo<P, Q, B>> => {
  const params = decodeIfDeclared(codecs.params, () => E.right(raw.params));
  if (E.isLeft(params)) return params;
  const query = decodeIfDeclared(codecs.query, () => E.right(raw.query));
  if (E.isLeft(query)) return query;
  const body = decodeIfDeclared(codecs.body, () =>
    parseJsonBody(raw.body, { maxDepth: raw.maxJsonDepth }),
  );
  if (E.isLeft(body)) return body;
  const ifMatch = ifMatchRevision(raw.ifMatch);
  if (E.isLeft(ifMatch)) return ifMatch;
  return E.right({
    params: params.right,
    query: query.right,
    body: body.right,
    ifMatch: ifMatch.right,
    requestId: raw.requestId,
    url: raw.url,
  });
};

export interface UserRouteSpec<P, Q, B> extends Codecs<P, Q, B> {
  readonly method: Method;
  readonly path: string;
  /** the roles that may call it at all (403 otherwise); who may act on which record is the use case's */
  readonly roles: ReadonlyArray<Role>;
  readonly handle: (request: UserRequest<P, Q, B>) => TE.TaskEither<ApiError, Reply>;
}

export const everyone: ReadonlyArray<Role> = ['end-user', 'agent', 'admin'];
export const team: ReadonlyArray<Role> = ['agent', 'admin'];
export const admins: ReadonlyArray<Role> = ['admin'];

export const userRoute = <P = never, Q = never, B = never>(
  spec: UserRouteSpec<P, Q, B>,
): Route => ({
  method: spec.method,
  path: spec.path,
  access: { kind: 'user', roles: spec.roles },
  prepare: (raw) =>
    pipe(
      decodeRequest(spec, raw),
      E.map((info) => (principal) => {
        if (principal.kind !== 'user') throw new Error('a user route needs a user principal');
        return spec.handle({ ...info, principal, caller: callerOf(principal, raw.requestId) });
      }),
    ),
});

export interface OperatorRouteSpec<P, Q, B> extends Codecs<P, Q, B> {
  readonly method: Method;
  readonly path: string;
  readonly handle: (request: OperatorRequest<P, Q, B>) => TE.TaskEither<ApiError, Reply>;
}

export const operatorRoute = <P = never, Q = never, B = never>(
  spec: OperatorRouteSpec<P, Q, B>,
): Route => ({
  method: spec.method,
  path: spec.path,
  access: { kind: 'operator' },
  prepare: (raw) =>
    pipe(
      decodeRequest(spec, raw),
      E.map((info) => (principal) => {
        if (principal.kind !== 'operator') throw new Error('an operator route needs the operator');
        return spec.handle({ ...info, principal });
      }),
    ),
});

export interface PublicRouteSpec<P, Q, B> extends Codecs<P, Q, B> {
  readonly method: Method;
  readonly path: string;
  readonly handle: (request: PublicRequest<P, Q, B>) => TE.TaskEither<ApiError, Reply>;
}

/**
 * A route anyone may call, without credentials: it answers only what it may tell a stranger (the
 * portal's sign-in says nothing about which part was wrong). It is rate-limited by client address
 * and takes no Idempotency-Key: its answers may carry a secret (a session token) that must not be
 * kept to be replayed.
 */
export const publicRoute = <P = never, Q = never, B = never>(
  spec: PublicRouteSpec<P, Q, B>,
): Route => ({
  method: spec.method,
  path: spec.path,
  access: { kind: 'public' },
  prepare: (raw) =>
    pipe(
      decodeRequest(spec, raw),
      E.map((info) => (principal) => {
        if (principal.kind !== 'anonymous') throw new Error('a public route has no principal');
        return spec.handle({ ...info, principal });
      }),
    ),
});
