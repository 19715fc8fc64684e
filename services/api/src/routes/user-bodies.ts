import * as t from 'io-ts';
import type { NewUser, UserChanges } from '@helpdesk/application';
import { XHandle, type DomainError, type ProfileChanges } from '@helpdesk/domain';
import { EmailAddress, NonEmptyString, Role, UserFields, Uuid, nullable } from '@helpdesk/events';

/** The profile fields a client may send, in the API's words (snake_case). */
const profileFields = {
  phone: nullable(t.string),
  external_id: nullable(NonEmptyString),
  locale: nullable(t.string),
  time_zone: nullable(t.string),
  photo_url: nullable(t.string),
  details: nullable(t.string),
  notes: nullable(t.string),
  tags: t.array(t.string),
  user_fields: UserFields,
};

export const NewUserFields = t.intersection([
  t.type({ name: NonEmptyString }),
  t.partial({
    ...profileFields,
    email: EmailAddress,
    role: Role,
    verified: t.boolean,
    x_handle: XHandle,
    organization_id: nullable(Uuid),
    organization_ids: t.array(Uuid),
  }),
]);
export type NewUserFields = t.TypeOf<typeof NewUserFields>;

export const NewUserBody = t.type({ user: NewUserFields });

/** Email addresses change through identities (they are claimed, R5.2), not here. */
export const UserChangesBody = t.type({
  user: t.partial({ name: NonEmptyString, role: Role, verified: t.boolean, ...profileFields }),
});
type UserChangesFields = t.TypeOf<typeof UserChangesBody>['user'];

const profileOf = (fields: Partial<NewUserFields> | UserChangesFields): ProfileChanges => ({
  ...(fields.name !== undefined && { name: fields.name }),
  ...(fields.phone !== undefined && { phone: fields.phone }),
  ...(fields.external_id !== undefined && { externalId: fields.external_id }),
  ...(fields.locale !== undefined && { locale: fields.locale }),
  ...(fields.time_zone !== undefined && { timeZone: fields.time_zone }),
  ...(fields.photo_url !== undefined && { photoUrl: fields.photo_url }),
  ...(fields.details !== undefined && { details: fields.details }),
  ...(fields.notes !== undefined && { notes: fields.notes }),
  ...(fields.tags !== undefined && { tags: fields.tags }),
  ...(fields.user_fields !== undefined && { userFields: fields.user_fields }),
});

/** `organization_id` is the default, then `organization_ids` in order (R2.1 decides how many). */
const organizationsOf = (fields: NewUserFields): ReadonlyArray<string> => [
  ...new Set([
    ...(fields.organization_id === undefined || fields.organization_id === null
      ? []
      : [fields.organization_id]),
    ...(fields.organization_ids ?? []),
  ]),
];

export const newUserOf = (fields: NewUserFields, source: NewUser['source']): NewUser => ({
  profile: { ...profileOf(fields), name: fields.name },
  role: fields.role ?? 'end-user',
  source,
  ...(fields.verified === undefined ? {} : { verified: fields.verified }),
  ...(fields.email === undefined ? {} : { emails: [fields.email] }),
  ...(fields.x_handle === undefined ? {} : { xHandle: fields.x_handle }),
  organizationIds: organizationsOf(fields),
});

export const userChangesOf = (fields: UserChangesFields): UserChanges => {
  const profile = profileOf(fields);
  return {
    ...(Object.keys(profile).length === 0 ? {} : { profile }),
    ...(fields.role === undefined ? {} : { role: fields.role }),
    ...(fields.verified === true ? { verified: true } : {}),
  };
};

/** Where a refused user write shows in `details`: the field the rule is about. */
export const userFieldOf =
  (prefix: string) =>
  (error: DomainError): string => {
    if (error.kind !== 'RuleViolation') return prefix;
    if (error.rule === 'R5.2' || error.rule === 'R5.3') return `${prefix}.email`;
    if (error.rule === 'R5.1' || error.rule === 'R4.1') return `${prefix}.role`;
    if (error.rule === 'R2.1') return `${prefix}.organization_ids`;
    return prefix;
  };
