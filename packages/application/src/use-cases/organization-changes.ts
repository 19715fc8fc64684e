import * as A from 'fp-ts/Array';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import {
  normalizeDomainNames,
  organizationDecider,
  type Organization,
  type OrganizationCommand,
  type OrganizationState,
} from '@helpdesk/domain';
import { streams, type ClaimKind, type Uuid } from '@helpdesk/events';
import { domainRefusal, type AppError } from '../command/app-error';
import type { CommandContext } from '../command/context';
import {
  handleCommand,
  type CommandDeps,
  type CommandResult,
  type HandleOptions,
} from '../command/handle-command';
import { claimStreamOf } from '../claims/claim-streams';
import { claimUnique, releaseClaim } from '../claims/claim-unique';
import { claimsAvailable } from '../claims/claims-available';
import { createOrganization } from './organizations';
import { withClaims } from '../claims/with-claims';
import { loadOrganization } from './act-on-user';
import { contextOf, type Caller } from './caller';
import { inSequence } from './in-sequence';
import { loadAccount } from './lookups';

export interface OrganizationChanges {
  readonly name?: string;
  /** the whole new list */
  readonly domainNames?: ReadonlyArray<string>;
}

interface Value {
  readonly kind: ClaimKind;
  readonly value: string;
}

const valuesOf = (name: string, domainNames: ReadonlyArray<string>): ReadonlyArray<Value> => [
  { kind: 'organization_name', value: name },
  ...normalizeDomainNames(domainNames).map((value) => ({
    kind: 'organization_domain' as const,
    value,
  })),
];

/** The values of `these` whose claim stream is none of `those`' (same value in another case: same claim). */
const missingFrom = (accountId: Uuid, these: ReadonlyArray<Value>, those: ReadonlyArray<Value>) => {
  const streamOf = (v: Value) => claimStreamOf({ ...v, accountId });
  const kept = new Set(those.map(streamOf));
  return these.filter((v) => !kept.has(streamOf(v)));
};

const releaseAll = (
  deps: CommandDeps,
  accountId: Uuid,
  holderId: Uuid,
  values: ReadonlyArray<Value>,
  context: CommandContext,
) =>
  pipe(
    [...values],
    A.map((v) => releaseClaim(deps, v.kind, accountId, v.value, holderId, context)),
    TE.sequenceSeqArray,
  );

/**
 * `PUT /organizations/{id}`: a new name or domain is claimed first (unique in the account), the
 * organization is changed in one append, then the values it no longer uses are given back.
 */
export const updateOrganization = (
  deps: CommandDeps,
  caller: Caller,
  organizationId: Uuid,
  changes: OrganizationChanges,
  options: HandleOptions = {},
): TE.TaskEither<AppError, CommandResult<OrganizationState>> => {
  const context = contextOf(caller);
  return pipe(
    loadOrganization(deps.eventStore, caller.accountId, organizationId),
    TE.chain((organization: Organization) => {
      const before = valuesOf(organization.name, organization.domainNames);
      const after = valuesOf(
        changes.name ?? organization.name,
        changes.domainNames ?? organization.domainNames,
      );
      const commands: OrganizationCommand[] = [
        ...(changes.name === undefined
          ? []
          : [{ type: 'RenameOrganization' as const, organizationId, name: changes.name }]),
        ...(changes.domainNames === undefined
          ? []
          : [
              {
                type: 'ChangeOrganizationDomains' as const,
                organizationId,
                domainNames: [...changes.domainNames],
              },
            ]),
      ];
      const toClaim = missingFrom(caller.accountId, after, before);
      return pipe(
        // decided, and every new value checked, before any claim is taken
        TE.fromEither(
          pipe(
            inSequence(organizationDecider).decide(commands, organization),
            E.mapLeft(domainRefusal),
          ),
        ),
        TE.chain(() => claimsAvailable(deps.eventStore, caller.accountId, organizationId, toClaim)),
        TE.chain(() =>
          withClaims(
            toClaim.map((v) =>
              claimUnique(deps, v.kind, caller.accountId, v.value, organizationId, context),
            ),
            handleCommand(
              deps,
              inSequence(organizationDecider),
              streams.organization(organizationId),
              commands,
              context,
              options,
            ),
          ),
        ),
        TE.chainFirst(() =>
          releaseAll(
            deps,
            caller.accountId,
            organizationId,
            missingFrom(caller.accountId, before, after),
            context,
          ),
        ),
      );
    }),
  );
};

/**
 * `DELETE /organizations/{id}`: records `OrganizationRemoved` (R6.4: never the account's
 * "Unassigned") and gives its name and domains back; R2.9's moves follow from the event.
 */
export const removeOrganization = (
  deps: CommandDeps,
  caller: Caller,
  organizationId: Uuid,
  options: HandleOptions = {},
): TE.TaskEither<AppError, CommandResult<OrganizationState>> => {
  const context = contextOf(caller);
  return pipe(
    TE.Do,
    TE.apS('account', loadAccount(deps.eventStore, caller.accountId)),
    TE.apS('organization', loadOrganization(deps.eventStore, caller.accountId, organizationId)),
    TE.chain(({ account, organization }) =>
      pipe(
        handleCommand(
          deps,
          organizationDecider,
          streams.organization(organizationId),
          {
            type: 'RemoveOrganization',
            organizationId,
            isAccountDefault: account.defaultOrganizationId === organizationId,
          },
          context,
          options,
        ),
        TE.chainFirst(() =>
          releaseAll(
            deps,
            caller.accountId,
            organizationId,
            valuesOf(organization.name, organization.domainNames),
            context,
          ),
        ),
      ),
    ),
  );
};

/**
 * `POST /organizations`: `createOrganization` once its name and every domain are free, so that a
 * taken domain does not leave the name claimed and given back in the log.
 */
export const addOrganization = (
  deps: CommandDeps,
  caller: Caller,
  organization: { readonly name: string; readonly domainNames?: ReadonlyArray<string> },
  organizationId: Uuid = deps.ids.next(),
): TE.TaskEither<AppError, CommandResult<OrganizationState>> =>
  pipe(
    claimsAvailable(
      deps.eventStore,
      caller.accountId,
      organizationId,
      valuesOf(organization.name, organization.domainNames ?? []),
    ),
    TE.chain(() => createOrganization(deps, caller, organization, organizationId)),
  );
