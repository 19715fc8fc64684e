import { roleLabel } from '@helpdesk/domain';
import type { IdentityView, UserView } from '@helpdesk/projections';

/** Who reads the representation: end users do not see the team's notes about anyone. */
export type Viewer = 'team' | 'end-user';

const valuesOf = (identities: ReadonlyArray<IdentityView>, type: IdentityView['type']) =>
  identities.filter((i) => i.type === type).map((i) => i.value);

/** A user as api.md lists its fields; R4.7: the owner's role reads "admin (owner)". */
export const userJson = (user: UserView, ownerId: string, viewer: Viewer = 'team') => {
  const isOwner = user.id === ownerId;
  const handle = user.identities.find((i) => i.type === 'twitter' && i.primary);
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    is_owner: isOwner,
    role_label: roleLabel(user.role, isOwner),
    verified: user.verified,
    phone: user.phone,
    phones: valuesOf(user.identities, 'phone_number'),
    emails: valuesOf(user.identities, 'email'),
    x_handle: handle?.value ?? null,
    external_id: user.externalId,
    organization_id: user.organizationId,
    organization_ids: user.organizationIds,
    tags: user.tags,
    ...(viewer === 'team' ? { details: user.details, notes: user.notes } : {}),
    user_fields: user.userFields,
    locale: user.locale,
    time_zone: user.timeZone,
    photo_url: user.photoUrl,
    status: user.status,
    merged_into_id: user.mergedIntoId,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
};

export const identityJson = (userId: string, identity: IdentityView) => ({
  id: identity.id,
  user_id: userId,
  type: identity.type,
  value: identity.value,
  verified: identity.verified,
  primary: identity.primary,
});
