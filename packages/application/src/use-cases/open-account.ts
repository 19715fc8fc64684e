import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { accountDecider, organizationDecider, type AccountState } from '@helpdesk/domain';
import { streams, type Plan, type Uuid } from '@helpdesk/events';
import type { AppError } from '../command/app-error';
import { handleCommand, type CommandDeps, type CommandResult } from '../command/handle-command';
import { claimUnique } from '../claims/claim-unique';
import { contextOf } from './caller';
import { createUser } from './create-user';

export interface NewAccount {
  readonly name: string;
  readonly plan: Plan;
  readonly owner: { readonly name: string; readonly email: string };
}

export interface OpenedAccount {
  readonly accountId: Uuid;
  readonly ownerId: Uuid;
  readonly defaultOrganizationId: Uuid;
  readonly account: CommandResult<AccountState>;
}

/**
 * Opens a tenant, as a platform operator: the account, its "Unassigned" organization and its owner,
 * an admin (R4.1). The account comes first so that the owner's creation can read its facts.
 */
export const openAccount = (
  deps: CommandDeps,
  request: NewAccount,
  correlationId: string,
): TE.TaskEither<AppError, OpenedAccount> => {
  const accountId = deps.ids.next();
  const ownerId = deps.ids.next();
  const defaultOrganizationId = deps.ids.next();
  const caller = {
    accountId,
    actor: { type: 'operator' as const },
    correlationId,
    channel: 'api' as const,
  };
  const context = contextOf(caller);
  return pipe(
    handleCommand(
      deps,
      accountDecider,
      streams.account(accountId),
      {
        type: 'CreateAccount',
        accountId,
        name: request.name,
        plan: request.plan,
        ownerId,
        defaultOrganizationId,
      },
      context,
    ),
    TE.chainFirst(() =>
      claimUnique(
        deps,
        'organization_name',
        accountId,
        'Unassigned',
        defaultOrganizationId,
        context,
      ),
    ),
    TE.chainFirst(() =>
      handleCommand(
        deps,
        organizationDecider,
        streams.organization(defaultOrganizationId),
        {
          type: 'CreateOrganization',
          organizationId: defaultOrganizationId,
          accountId,
          name: 'Unassigned',
          domainNames: [],
        },
        context,
      ),
    ),
    TE.chainFirst(() =>
      createUser(
        deps,
        caller,
        {
          profile: { name: request.owner.name },
          role: 'admin',
          source: 'account',
          emails: [request.owner.email],
        },
        ownerId,
      ),
    ),
    TE.map((account) => ({ accountId, ownerId, defaultOrganizationId, account })),
  );
};
