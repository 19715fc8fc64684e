import type * as TE from 'fp-ts/TaskEither';
import { organizationDecider, type OrganizationState } from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import type { AppError } from '../command/app-error';
import { handleCommand, type CommandDeps, type CommandResult } from '../command/handle-command';
import { claimUnique } from '../claims/claim-unique';
import { withClaims } from '../claims/with-claims';
import { contextOf, type Caller } from './caller';

/** Creates an organization; its name and each domain are claimed first, so they stay unique in the account. */
export const createOrganization = (
  deps: CommandDeps,
  caller: Caller,
  organization: { readonly name: string; readonly domainNames?: ReadonlyArray<string> },
  organizationId: Uuid = deps.ids.next(),
): TE.TaskEither<AppError, CommandResult<OrganizationState>> => {
  const context = contextOf(caller);
  const domainNames = [
    ...new Set((organization.domainNames ?? []).map((d) => d.trim().toLowerCase())),
  ];
  return withClaims(
    [
      claimUnique(
        deps,
        'organization_name',
        caller.accountId,
        organization.name,
        organizationId,
        context,
      ),
      ...domainNames.map((domain) =>
        claimUnique(deps, 'organization_domain', caller.accountId, domain, organizationId, context),
      ),
    ],
    handleCommand(
      deps,
      organizationDecider,
      streams.organization(organizationId),
      {
        type: 'CreateOrganization',
        organizationId,
        accountId: caller.accountId,
        name: organization.name,
        domainNames,
      },
      context,
    ),
  );
};
