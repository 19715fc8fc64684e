import type { UserEvent } from '@helpdesk/events';
import type { SqlSession } from '@helpdesk/event-store';
import { isUserEvent, type ProjectedOf } from '../read-model/events';
import { runAll, whenAny } from '../read-model/multi-row';
import type { Projection, ProjectedEvent } from '../runtime/projection';
import { loadUsers, type UserNeeds } from './load';
import { usersSchema } from './schema';
import { createdUser, evolveUser, type UserDoc } from './user-doc';
import {
  deleteIdentitiesOf,
  deleteMembershipsOf,
  insertIdentities,
  insertMemberships,
  upsertUsers,
} from './write';

type User = ProjectedOf<UserEvent>;

const identityEvents = new Set([
  'IdentityAdded',
  'IdentityRemoved',
  'PrimaryIdentityChanged',
  'IdentityVerified',
]);
const membershipEvents = new Set(['OrganizationMembershipAdded', 'OrganizationMembershipRemoved']);

/** What the batch does to each user: created in it, or which parts of an existing one it changes. */
const surveyBatch = (events: ReadonlyArray<User>) => {
  const createdHere = new Set<string>();
  const needs = new Map<string, UserNeeds>();
  for (const { event } of events) {
    const id = event.data.user_id;
    const need = needs.get(id);
    if (need === undefined && event.type === 'UserCreated') createdHere.add(id);
    needs.set(id, {
      identities: (need?.identities ?? false) || identityEvents.has(event.type),
      memberships: (need?.memberships ?? false) || membershipEvents.has(event.type),
    });
  }
  return { createdHere, needs };
};

const applyUsers = async (session: SqlSession, all: ReadonlyArray<ProjectedEvent>) => {
  const events = all.filter(isUserEvent);
  const { createdHere, needs } = surveyBatch(events);
  const existing = new Map([...needs].filter(([id]) => !createdHere.has(id)));
  const docs = await loadUsers(session, existing);
  for (const projected of events) {
    const id = projected.event.data.user_id;
    const doc: UserDoc | undefined = docs.get(id) ?? createdUser(projected);
    // events of a user whose creation was never seen have nothing to change
    if (doc !== undefined) docs.set(id, evolveUser(doc, projected));
  }
  const touched = [...docs.values()];
  const replaced = (part: keyof UserNeeds) =>
    touched.filter((doc) => needs.get(doc.row.id)?.[part] === true);
  const oldIds = (part: keyof UserNeeds) =>
    replaced(part)
      .map((doc) => doc.row.id)
      .filter((id) => !createdHere.has(id));
  await runAll(session, [
    whenAny(
      touched.map((doc) => doc.row),
      upsertUsers,
    ),
    whenAny(oldIds('identities'), deleteIdentitiesOf),
    whenAny(
      replaced('identities').flatMap((doc) => doc.identities ?? []),
      insertIdentities,
    ),
    whenAny(oldIds('memberships'), deleteMembershipsOf),
    whenAny(
      replaced('memberships').flatMap((doc) => doc.memberships ?? []),
      insertMemberships,
    ),
  ]);
};

/**
 * `users`, `user_identities`, `organization_memberships`. A batch reads the users it changes that
 * existed before it (three selects at most), folds every event in memory, then writes each user
 * once and replaces the identities and memberships of the users whose ones changed.
 */
export const usersProjection: Projection = {
  name: 'users',
  filter: { streamPrefixes: ['user-'] },
  tables: ['users', 'user_identities', 'organization_memberships'],
  schema: usersSchema,
  apply: applyUsers,
};
