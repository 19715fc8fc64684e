import type { UserEvent } from '@helpdesk/events';
import { specification } from '../testing/specification';
import type { ChangeRole, DeleteUser, UpdateProfile } from './commands';
import { userDecider } from './decider';
import { annId, annWithEmail, bobId, eventProfile, userCreated } from './fixtures';

const { given } = specification(userDecider);

const changeRole = (role: ChangeRole['role'], isOwner = false): ChangeRole => ({
  type: 'ChangeRole',
  userId: annId,
  role,
  isOwner,
});
const deleteUser = (isOwner = false): DeleteUser => ({
  type: 'DeleteUser',
  userId: annId,
  isOwner,
});
const update = (changes: UpdateProfile['changes']): UpdateProfile => ({
  type: 'UpdateProfile',
  userId: annId,
  changes,
});
const profileChanged = (
  changes: Extract<UserEvent, { type: 'UserProfileChanged' }>['data']['changes'],
): UserEvent => ({
  type: 'UserProfileChanged',
  data: { user_id: annId, changes },
});

const theOwner = userCreated({ role: 'admin', source: 'account' });

describe('R4.1 the owner is an admin and cannot be removed', () => {
  it('refuses to make the owner an agent', () =>
    given(theOwner).when(changeRole('agent', true)).thenRefuses('R4.1'));

  it('refuses to make the owner an end user', () =>
    given(theOwner).when(changeRole('end-user', true)).thenRefuses('R4.1'));

  it('changes the role of an admin who is not the owner', () =>
    given(theOwner)
      .when(changeRole('agent'))
      .then({
        type: 'UserRoleChanged',
        data: { user_id: annId, role: 'agent', previous_role: 'admin' },
      }));

  it('does nothing when the role is the same', () =>
    given(theOwner).when(changeRole('admin', true)).thenNothingHappens());

  it('refuses to delete the owner', () =>
    given(theOwner).when(deleteUser(true)).thenRefuses('R4.1'));

  it('deletes a user who is not the owner', () =>
    given(...annWithEmail)
      .when(deleteUser())
      .then({ type: 'UserDeleted', data: { user_id: annId } }));
});

describe('changing the profile', () => {
  const detailed = userCreated({
    profile: eventProfile({ locale: 'fr', tags: ['vip', 'paris'], user_fields: { plan: 'gold' } }),
  });

  it('records only the fields that change, in the event words', () =>
    given(detailed)
      .when(
        update({
          name: 'Ann Lee',
          locale: 'en-GB',
          timeZone: 'Europe/London',
          tags: ['vip', 'paris'],
        }),
      )
      .then(profileChanged({ locale: 'en-GB', time_zone: 'Europe/London' })));

  it('records a field cleared to null and new tags and user fields', () =>
    given(detailed)
      .when(update({ locale: null, tags: ['vip'], userFields: { plan: 'gold', seats: 3 } }))
      .then(
        profileChanged({ locale: null, tags: ['vip'], user_fields: { plan: 'gold', seats: 3 } }),
      ));

  it('records nothing when nothing changes', () =>
    given(detailed)
      .when(update({ locale: 'fr', userFields: { plan: 'gold' } }))
      .thenNothingHappens());

  it('folds the change into the state', () => {
    const state = [detailed, profileChanged({ locale: null, external_id: 'crm-1' })].reduce(
      userDecider.evolve,
      userDecider.initialState(),
    );
    expect(state).toMatchObject({
      profile: { name: 'Ann Lee', locale: null, externalId: 'crm-1', tags: ['vip', 'paris'] },
    });
  });
});

describe('verifying a user', () => {
  it('verifies an unverified user once', () => {
    given(...annWithEmail)
      .when({ type: 'VerifyUser', userId: annId })
      .then({ type: 'UserVerified', data: { user_id: annId } });
    given(userCreated({ verified: true }))
      .when({ type: 'VerifyUser', userId: annId })
      .thenNothingHappens();
  });
});

describe('a user that does not exist', () => {
  it('is not found', () => given().when({ type: 'VerifyUser', userId: annId }).thenNotFound());

  it('is not found under the id of another user', () =>
    given(...annWithEmail)
      .when({ type: 'VerifyUser', userId: bobId })
      .thenNotFound());
});
