import type { UserEvent } from '@helpdesk/events';
import { accept, nothingToDo, refuse, type Decision } from '../shared/decision';
import { allowsMultipleOrganizations, type KnownAccount } from '../shared/facts';
import type { AbsorbMergedUser, MergedSource } from './commands';
import { identityAdded, newValuesOnly } from './identities';
import { defaultOrganizationChanged, membershipAdded } from './memberships';
import type { ExistingUser } from './state';

type SourceMembership = MergedSource['memberships'][number];

/** R3.8: the source's emails, each to become a secondary email of the target. */
const emailsToAdd = (target: ExistingUser, source: MergedSource) =>
  newValuesOnly(
    target.identities,
    source.identities.filter((i) => i.type === 'email'),
  );

/** R3.8: the source's direct line and phone numbers, as extra numbers; the target's direct line stays. */
const phonesToAdd = (target: ExistingUser, source: MergedSource) => {
  const targetDirectLine =
    target.profile.phone === null
      ? []
      : [{ type: 'phone_number' as const, value: target.profile.phone }];
  const directLine =
    source.directLine === null
      ? []
      : [{ type: 'phone_number' as const, verified: false, ...source.directLine }];
  return newValuesOnly(
    [...target.identities, ...targetDirectLine],
    [...directLine, ...source.identities.filter((i) => i.type === 'phone_number')],
  );
};

/**
 * R3.8: with multiple organizations the union; otherwise the source's organization (its default
 * one) only when the target has none.
 */
const membershipsToAdd = (
  target: ExistingUser,
  source: MergedSource,
  account: KnownAccount,
): ReadonlyArray<SourceMembership> => {
  const fresh = source.memberships.filter(
    (m) => !target.memberships.some((own) => own.organizationId === m.organizationId),
  );
  if (allowsMultipleOrganizations(account)) return fresh;
  if (target.memberships.length > 0) return [];
  const chosen = fresh.find((m) => m.organizationId === source.defaultOrganizationId) ?? fresh[0];
  return chosen === undefined ? [] : [chosen];
};

/**
 * Decided on the target's stream once the source is merged. Lost with the source (R3.8): its tags,
 * details, notes, user fields, external id and X handles; the target's primary email, direct
 * line, language, time zone, photo and default organization stay as they are.
 */
export const absorbMergedUser = (
  cmd: AbsorbMergedUser,
  target: ExistingUser,
): Decision<UserEvent> => {
  const { source } = cmd;
  // R3.9: a merge that resumes after a restart absorbs its source at most once
  if (target.absorbedSourceIds.includes(source.id)) return nothingToDo();
  if (source.id === target.id) return refuse('R3.1', 'a user cannot absorb itself');
  const memberships = membershipsToAdd(target, source, cmd.account);
  const newDefault =
    memberships.find((m) => m.organizationId === source.defaultOrganizationId) ?? memberships[0];
  return accept([
    { type: 'MergedUserAbsorbed', data: { user_id: target.id, source_id: source.id } },
    ...[...emailsToAdd(target, source), ...phonesToAdd(target, source)].map((identity) =>
      identityAdded(target.id, identity.newIdentityId, identity, identity.verified, false),
    ),
    ...memberships.map((m) =>
      membershipAdded(target.id, {
        membershipId: m.newMembershipId,
        organizationId: m.organizationId,
        primaryContact: m.primaryContact,
      }),
    ),
    // R2.1: a target that had no organization gets a default among those it received
    ...(target.defaultOrganizationId === null && newDefault !== undefined
      ? [defaultOrganizationChanged(target.id, newDefault.organizationId, null)]
      : []),
  ]);
};
