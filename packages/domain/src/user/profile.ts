import * as t from 'io-ts';
import { NonEmptyString, UserFields, nullable, type UserProfile } from '@helpdesk/events';

/**
 * The user's profile in the domain's words (camelCase). Events carry the same fields as the
 * published `UserProfile` (snake_case); the mappings below are the only place that knows both.
 */
const optionalProfileFields = {
  /** the direct line; extra numbers are `phone_number` identities */
  phone: nullable(t.string),
  externalId: nullable(NonEmptyString),
  locale: nullable(t.string),
  timeZone: nullable(t.string),
  photoUrl: nullable(t.string),
  details: nullable(t.string),
  notes: nullable(t.string),
  tags: t.array(t.string),
  userFields: UserFields,
};

export const Profile = t.strict({ name: NonEmptyString, ...optionalProfileFields }, 'Profile');
export type Profile = t.TypeOf<typeof Profile>;

/** What a new user's profile needs: a name; every other field may be left out. */
export const NewProfile = t.intersection(
  [t.strict({ name: NonEmptyString }), t.exact(t.partial(optionalProfileFields))],
  'NewProfile',
);
export type NewProfile = t.TypeOf<typeof NewProfile>;

/** Some profile fields with their new values; a field left out is left as it is. */
export const ProfileChanges = t.exact(
  t.partial({ name: NonEmptyString, ...optionalProfileFields }),
  'ProfileChanges',
);
export type ProfileChanges = t.TypeOf<typeof ProfileChanges>;

type EventProfileChanges = Partial<UserProfile>;

export const completeProfile = (profile: NewProfile): Profile => ({
  name: profile.name,
  phone: profile.phone ?? null,
  externalId: profile.externalId ?? null,
  locale: profile.locale ?? null,
  timeZone: profile.timeZone ?? null,
  photoUrl: profile.photoUrl ?? null,
  details: profile.details ?? null,
  notes: profile.notes ?? null,
  tags: profile.tags ?? [],
  userFields: profile.userFields ?? {},
});

export const toEventProfile = (profile: Profile): UserProfile => ({
  name: profile.name,
  phone: profile.phone,
  external_id: profile.externalId,
  locale: profile.locale,
  time_zone: profile.timeZone,
  photo_url: profile.photoUrl,
  details: profile.details,
  notes: profile.notes,
  tags: [...profile.tags],
  user_fields: { ...profile.userFields },
});

export const fromEventProfile = (profile: UserProfile): Profile => ({
  name: profile.name,
  phone: profile.phone,
  externalId: profile.external_id,
  locale: profile.locale,
  timeZone: profile.time_zone,
  photoUrl: profile.photo_url,
  details: profile.details,
  notes: profile.notes,
  tags: [...profile.tags],
  userFields: { ...profile.user_fields },
});

const toEventChanges = (changes: ProfileChanges): EventProfileChanges => ({
  ...(changes.name !== undefined && { name: changes.name }),
  ...(changes.phone !== undefined && { phone: changes.phone }),
  ...(changes.externalId !== undefined && { external_id: changes.externalId }),
  ...(changes.locale !== undefined && { locale: changes.locale }),
  ...(changes.timeZone !== undefined && { time_zone: changes.timeZone }),
  ...(changes.photoUrl !== undefined && { photo_url: changes.photoUrl }),
  ...(changes.details !== undefined && { details: changes.details }),
  ...(changes.notes !== undefined && { notes: changes.notes }),
  ...(changes.tags !== undefined && { tags: changes.tags }),
  ...(changes.userFields !== undefined && { user_fields: changes.userFields }),
});

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/** Structural equality of profile values: strings, null, tag lists and user-field records. */
const sameValue = (a: unknown, b: unknown): boolean => {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]))
    );
  }
  return a === b;
};

/** The requested changes that really change something, in the event's words. */
export const effectiveChanges = (
  profile: Profile,
  changes: ProfileChanges,
): EventProfileChanges => {
  const current: Readonly<Record<string, unknown>> = toEventProfile(profile);
  const effective: EventProfileChanges = {};
  for (const [field, value] of Object.entries(toEventChanges(changes)))
    if (!sameValue(value, current[field])) Object.assign(effective, { [field]: value });
  return effective;
};

export const applyChanges = (profile: Profile, changes: EventProfileChanges): Profile =>
  fromEventProfile({ ...toEventProfile(profile), ...changes });
