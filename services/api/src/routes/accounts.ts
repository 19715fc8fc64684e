import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import {
  issueApiToken,
  loadAccount,
  openAccount,
  transferOwnership,
  updateAccount,
  type AccountChanges,
  type Caller,
} from '@helpdesk/application';
import { canAccessSubscription, canTransferOwnership, type Account } from '@helpdesk/domain';
import { EmailAddress, NonEmptyString, Plan, Uuid, nullable } from '@helpdesk/events';
import { findAccount, findUser } from '@helpdesk/projections';
import { afterWrite, found, ownerOf, type ApiEnv } from '../env';
import { fromAppError, type ApiError } from '../http/errors';
import { reply, showOnce } from '../http/reply';
import { admins, everyone, operatorRoute, team, userRoute, type Route } from '../http/route';
import { accountJson, subscriptionJson } from '../representations/account';
import { userJson } from '../representations/user';
import { headPosition } from './positions';

const NewAccountBody = t.type({
  account: t.type({
    name: NonEmptyString,
    plan: Plan,
    owner: t.type({ name: NonEmptyString, email: EmailAddress }),
  }),
});

const SettingsBody = t.partial({
  multiple_organizations: t.boolean,
  sso: t.keyof({ none: null, jwt: null, saml: null }),
  auto_create_users_from_email: t.boolean,
  welcome_email: t.type({ enabled: t.boolean, template_id: nullable(Uuid) }),
  portal_url: nullable(t.string),
});

const AccountChangesBody = t.type({
  account: t.partial({ name: NonEmptyString, plan: Plan, settings: SettingsBody }),
});

const OwnerBody = t.type({ owner: t.type({ user_id: Uuid }) });

const accountChangesOf = (body: t.TypeOf<typeof AccountChangesBody>['account']): AccountChanges => {
  const s = body.settings;
  return {
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.plan === undefined ? {} : { plan: body.plan }),
    ...(s === undefined
      ? {}
      : {
          settings: {
            ...(s.multiple_organizations !== undefined && {
              multipleOrganizations: s.multiple_organizations,
            }),
            ...(s.sso !== undefined && { sso: s.sso }),
            ...(s.auto_create_users_from_email !== undefined && {
              autoCreateUsersFromEmail: s.auto_create_users_from_email,
            }),
            ...(s.welcome_email !== undefined && {
              welcomeEmail: {
                enabled: s.welcome_email.enabled,
                templateId: s.welcome_email.template_id,
              },
            }),
            ...(s.portal_url !== undefined && { portalUrl: s.portal_url }),
          },
        }),
  };
};

const theAccount = (env: ApiEnv, accountId: string) =>
  found('account', findAccount(env.session, accountId));

/** The account as its stream tells it, for the owner-only checks (R4.2, R4.4) that must not lag. */
const currentAccount = (env: ApiEnv, caller: Caller): TE.TaskEither<ApiError, Account> =>
  pipe(loadAccount(env.commands.eventStore, caller.accountId), TE.mapLeft(fromAppError()));

const ownerOnly = (allowed: boolean, rule: 'R4.2' | 'R4.4', message: string) =>
  allowed
    ? E.right(undefined)
    : E.left<ApiError>(
        fromAppError()({
          kind: 'DomainRefusal',
          error: { kind: 'Forbidden', rule, message },
        }),
      );

export const accountRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  operatorRoute({
    method: 'post',
    path: '/accounts',
    body: NewAccountBody,
    handle: ({ body, requestId }) =>
      pipe(
        TE.Do,
        TE.apS(
          'opened',
          pipe(
            openAccount(env.commands, body.account, requestId),
            TE.mapLeft(fromAppError('account')),
          ),
        ),
        TE.bind('token', ({ opened }) => {
          const operator: Caller = {
            accountId: opened.accountId,
            actor: { type: 'operator' },
            correlationId: requestId,
            channel: 'api',
          };
          return pipe(
            issueApiToken(env.tokens, operator, opened.ownerId),
            TE.mapLeft(fromAppError()),
          );
        }),
        TE.chainFirst(() =>
          pipe(
            headPosition(env),
            TE.chain((position) => afterWrite(env, ['accounts', 'users'], position)),
          ),
        ),
        TE.bind('account', ({ opened }) => theAccount(env, opened.accountId)),
        TE.bind('owner', ({ opened }) =>
          found('user', findUser(env.session, opened.accountId, opened.ownerId)),
        ),
        TE.map(({ account, owner, token }) => {
          const opened = { account: accountJson(account), owner: userJson(owner, account.ownerId) };
          return showOnce(
            201,
            { ...opened, api_token: { id: token.id, token: token.token } },
            { ...opened, api_token: { id: token.id, token: null } },
          );
        }),
      ),
  }),

  userRoute({
    method: 'get',
    path: '/account',
    roles: team,
    handle: ({ caller }) =>
      pipe(
        theAccount(env, caller.accountId),
        TE.map((account) => reply(200, { account: accountJson(account) }, account.version)),
      ),
  }),

  userRoute({
    method: 'put',
    path: '/account',
    roles: admins,
    body: AccountChangesBody,
    handle: ({ caller, body, ifMatch }) =>
      pipe(
        updateAccount(env.commands, caller, accountChangesOf(body.account), {
          ...(ifMatch === undefined ? {} : { expectedRevision: ifMatch }),
        }),
        TE.mapLeft(fromAppError('account')),
        TE.chainFirst((result) => afterWrite(env, ['accounts'], result.position)),
        TE.chain(() => theAccount(env, caller.accountId)),
        TE.map((account) => reply(200, { account: accountJson(account) }, account.version)),
      ),
  }),

  userRoute({
    method: 'put',
    path: '/account/owner',
    roles: everyone,
    body: OwnerBody,
    handle: ({ caller, body }) =>
      pipe(
        currentAccount(env, caller),
        TE.chainFirstEitherK((account) =>
          ownerOnly(
            canTransferOwnership(account, caller.actor),
            'R4.2',
            'only the current owner can transfer the ownership of the account',
          ),
        ),
        TE.chain(() =>
          pipe(
            transferOwnership(env.commands, caller, body.owner.user_id),
            TE.mapLeft(fromAppError('owner.user_id')),
          ),
        ),
        TE.chainFirst((result) => afterWrite(env, ['accounts', 'users'], result.position)),
        TE.chain(() => theAccount(env, caller.accountId)),
        TE.map((account) => reply(200, { account: accountJson(account) }, account.version)),
      ),
  }),

  userRoute({
    method: 'get',
    path: '/account/subscription',
    roles: everyone,
    handle: ({ caller }) =>
      pipe(
        currentAccount(env, caller),
        TE.chainFirstEitherK((account) =>
          ownerOnly(
            canAccessSubscription(account, caller.actor),
            'R4.4',
            'the subscription is the owner’s alone',
          ),
        ),
        TE.chain(() => theAccount(env, caller.accountId)),
        TE.chain((account) =>
          pipe(
            ownerOf(env, caller.accountId),
            TE.map((ownerId) =>
              reply(200, { subscription: subscriptionJson({ ...account, ownerId }) }),
            ),
          ),
        ),
      ),
  }),
];
