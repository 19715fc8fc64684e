import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import type express from 'express';
import type { Request } from 'express';
import {
  accountOfInboundKey,
  inboundKeyOf,
  receiveInboundEmail,
  rotateInboundKey,
  supportAddressOf,
  type InboundEmail,
  type InboundKey,
  type InboundOutcome,
} from '@helpdesk/application';
import type { Uuid } from '@helpdesk/events';
import { authenticateUser } from '../auth/authenticate';
import { scopeOf } from '../auth/principal';
import type { ApiEnv } from '../env';
import { forbidden, fromAppError, type ApiError } from '../http/errors';
import { parseJsonBody } from '../http/json-body';
import { send, type MountDeps } from '../http/mount';
import { reply, type Reply } from '../http/reply';
import { requestStateOf } from '../http/request-context';
import { admins, userRoute, type Route } from '../http/route';
import { ticketJson } from '../representations/ticket';
import { decodeInboundEmail, parseRawEmail } from './inbound-email-body';
import { ticketAfterCommand } from './ticket-views';

export const inboundEmailPath = '/channels/email/inbound';

/** What admins need to send the account's mail in: where to, and the key to post it with. */
const emailChannelJson = (env: ApiEnv, key: InboundKey) => ({
  email_channel: {
    support_address: supportAddressOf(key.accountId, env.mailDomain),
    inbound_url: `/api/v2${inboundEmailPath}`,
    inbound_key: key.key,
    inbound_key_created_at: key.createdAt.toISOString(),
  },
});

const keyDeps = (env: ApiEnv) => ({ inboundKeys: env.inboundKeys, clock: env.commands.clock });

/** The email channel's settings: admins only, since the key posts mail in the account's name. */
export const emailChannelRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'get',
    path: '/channels/email',
    roles: admins,
    handle: ({ caller }) =>
      pipe(
        inboundKeyOf(keyDeps(env), caller.accountId),
        TE.bimap(fromAppError(), (key) => reply(200, emailChannelJson(env, key))),
      ),
  }),
  userRoute({
    method: 'post',
    path: '/channels/email/inbound_key',
    roles: admins,
    handle: ({ caller }) =>
      pipe(
        rotateInboundKey(keyDeps(env), caller.accountId),
        TE.bimap(fromAppError(), (key) => reply(201, emailChannelJson(env, key))),
      ),
  }),
];

/** Who posts the mail: a gateway with the account's key, or an admin with their token. */
interface Poster {
  readonly accountId: Uuid;
  /** what rate limits count by */
  readonly scope: string;
}

const authenticatePoster = (
  env: ApiEnv,
  deps: MountDeps,
  req: Request,
): TE.TaskEither<ApiError, Poster> => {
  const key = req.get('x-inbound-key');
  if (key !== undefined)
    return pipe(
      accountOfInboundKey(keyDeps(env), key),
      TE.mapLeft(fromAppError()),
      TE.chain(
        O.match(
          () => TE.left<ApiError, Poster>({ kind: 'Unauthorized' }),
          (accountId) => TE.right({ accountId, scope: `inbound:${accountId}` }),
        ),
      ),
    );
  return pipe(
    authenticateUser(deps, req.get('authorization')),
    TE.filterOrElse(
      (principal) => principal.user.role === 'admin',
      () => forbidden('Inbound email is posted with the inbound key, or by an admin'),
    ),
    TE.map((principal) => ({ accountId: principal.accountId, scope: scopeOf(principal) })),
  );
};

/** `message/rfc822` is a raw message; any other body is the JSON form. */
const inboundEmailOf = (req: Request, deps: MountDeps): TE.TaskEither<ApiError, InboundEmail> => {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (req.is('message/rfc822')) return parseRawEmail(body);
  return TE.fromEither(
    pipe(parseJsonBody(body, { maxDepth: deps.maxJsonDepth }), E.chain(decodeInboundEmail)),
  );
};

/** 201 for a new ticket, 200 for a reply's comment or a repeated delivery; the ticket either way. */
const answer = (
  env: ApiEnv,
  accountId: Uuid,
  outcome: InboundOutcome,
): TE.TaskEither<ApiError, Reply> =>
  pipe(
    ticketAfterCommand(env, accountId, outcome.ticket),
    TE.map((ticket) =>
      reply(
        outcome.kind === 'ticket_created' ? 201 : 200,
        {
          ticket: ticketJson(ticket),
          inbound_email: {
            message_id: outcome.messageId,
            outcome: outcome.kind,
            user_created: outcome.kind === 'ticket_created' && outcome.createdUser !== null,
            comment_id: outcome.kind === 'already_received' ? null : outcome.commentId,
          },
        },
        ticket.version,
      ),
    ),
  );

/**
 * `POST /api/v2/channels/email/inbound` (api.md): mounted by hand rather than as a `userRoute`,
 * because it reads two headers a route cannot see (`X-Inbound-Key`, `Content-Type`) and takes a
 * body that is not JSON. Authentication, rate limit and the error answers are the same as
 * `mount`'s. No Idempotency-Key is needed: the same Message-ID is received once (`already_received`).
 */
export const mountInboundEmail = (app: express.Express, env: ApiEnv, deps: MountDeps): void => {
  const path = `${deps.basePath}${inboundEmailPath}`;
  app.post(path, async (req, res) => {
    const state = requestStateOf(res);
    state.route = path;
    const outcome = await pipe(
      authenticatePoster(env, deps, req),
      TE.chainFirst((poster) => {
        state.accountId = poster.accountId;
        const retryAfter = deps.rateLimited(poster.scope);
        return retryAfter === undefined
          ? TE.right(undefined)
          : TE.left<ApiError>({ kind: 'TooManyRequests', retryAfterSeconds: retryAfter });
      }),
      TE.chain((poster) =>
        pipe(
          inboundEmailOf(req, deps),
          TE.chain((email) =>
            pipe(
              receiveInboundEmail(
                env.commands,
                { accountId: poster.accountId, correlationId: state.requestId },
                email,
              ),
              TE.mapLeft(fromAppError('from')),
            ),
          ),
          TE.chain((received) => answer(env, poster.accountId, received)),
        ),
      ),
    )();
    send(res, outcome, deps.logger);
  });
};
