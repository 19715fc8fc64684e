import type { UserEvent } from '@helpdesk/events';
import { specification } from '../testing/specification';
import type { AddIdentity, NewIdentity, UserCommand } from './commands';
import { userDecider } from './decider';
import { annId, annWithEmail, id, identityAdded, userCreated } from './fixtures';
import { emailsOf, primaryEmailOf } from './queries';

const { given } = specification(userDecider);

const add = (identity: NewIdentity): AddIdentity => ({
  type: 'AddIdentity',
  userId: annId,
  identity,
});
const email = (identityId: string, value: string): NewIdentity => ({
  identityId,
  type: 'email',
  value,
  verified: false,
});
const onIdentity = (
  type: 'RemoveIdentity' | 'MakePrimaryIdentity' | 'VerifyIdentity',
  identityId: string,
): UserCommand => ({ type, userId: annId, identityId });

const primaryChanged = (identityId: string, previous: string | null): UserEvent => ({
  type: 'PrimaryIdentityChanged',
  data: { user_id: annId, identity_id: identityId, previous_identity_id: previous },
});
const removed = (identityId: string): UserEvent => ({
  type: 'IdentityRemoved',
  data: { user_id: annId, identity_id: identityId },
});

const withTwoEmails = [...annWithEmail, identityAdded(id(21), 'email', 'ann@home.example')];

describe('adding an identity', () => {
  it('adds a secondary email to a user who has a primary one', () =>
    given(...annWithEmail)
      .when(add(email(id(21), 'ann@home.example')))
      .then(identityAdded(id(21), 'email', 'ann@home.example')));

  it('makes the first identity of its type primary', () =>
    given(...annWithEmail)
      .when(add({ identityId: id(22), type: 'twitter', value: '@annlee', verified: true }))
      .then(identityAdded(id(22), 'twitter', '@annlee', { primary: true, verified: true })));

  it('does nothing when the same identity is added again', () =>
    given(...annWithEmail)
      .when(add(email(id(20), 'ANN@example.com')))
      .thenNothingHappens());

  it('refuses another identity under an id already in use', () =>
    given(...annWithEmail)
      .when(add(email(id(20), 'ann@home.example')))
      .thenAlreadyExists());

  it('refuses a phone number the user already has, however it is written', () =>
    given(userCreated(), identityAdded(id(22), 'phone_number', '+33 1 23 45 67 89'))
      .when(
        add({
          identityId: id(23),
          type: 'phone_number',
          value: '+33-123-456-789',
          verified: false,
        }),
      )
      .thenAlreadyExists());
});

describe('R5.2 an address identifies one user', () => {
  it('refuses an address the user already has, compared case-insensitively', () =>
    given(...annWithEmail)
      .when(add(email(id(21), 'Ann@Example.com')))
      .thenRefuses('R5.2'));
});

describe('R4.6 the owner hands over their profile: add an email, make it primary, remove the old', () => {
  it('refuses to remove the primary email', () =>
    given(...withTwoEmails)
      .when(onIdentity('RemoveIdentity', id(20)))
      .thenRefuses('R4.6'));

  it('makes the new email primary', () =>
    given(...withTwoEmails)
      .when(onIdentity('MakePrimaryIdentity', id(21)))
      .then(primaryChanged(id(21), id(20))));

  it('then removes the old email', () =>
    given(...withTwoEmails, primaryChanged(id(21), id(20)))
      .when(onIdentity('RemoveIdentity', id(20)))
      .then(removed(id(20))));

  it('leaves the new address as the only, primary one', () => {
    const state = [...withTwoEmails, primaryChanged(id(21), id(20)), removed(id(20))].reduce(
      userDecider.evolve,
      userDecider.initialState(),
    );
    expect(emailsOf(state)).toEqual(['ann@home.example']);
    expect(primaryEmailOf(state)).toBe('ann@home.example');
  });
});

describe('removing, promoting and verifying identities', () => {
  it('refuses to remove the last email of an unverified user (R3.2)', () =>
    given(userCreated(), identityAdded(id(21), 'email', 'ann@home.example'))
      .when(onIdentity('RemoveIdentity', id(21)))
      .thenRefuses('R3.2'));

  it('removes a secondary email of an unverified user who keeps a primary one', () =>
    given(...withTwoEmails)
      .when(onIdentity('RemoveIdentity', id(21)))
      .then(removed(id(21))));

  it('promotes another phone number before removing the primary one', () =>
    given(
      userCreated(),
      identityAdded(id(22), 'phone_number', '+331234', { primary: true }),
      identityAdded(id(23), 'phone_number', '+335678'),
    )
      .when(onIdentity('RemoveIdentity', id(22)))
      .then(primaryChanged(id(23), id(22)), removed(id(22))));

  it('removes the only X handle', () =>
    given(...annWithEmail, identityAdded(id(22), 'twitter', 'annlee', { primary: true }))
      .when(onIdentity('RemoveIdentity', id(22)))
      .then(removed(id(22))));

  it('refuses an identity the user does not have', () =>
    given(...annWithEmail)
      .when(onIdentity('RemoveIdentity', id(29)))
      .thenNotFound());

  it('does nothing when the identity is primary already', () =>
    given(...annWithEmail)
      .when(onIdentity('MakePrimaryIdentity', id(20)))
      .thenNothingHappens());

  it('verifies an identity once', () => {
    given(...annWithEmail)
      .when(onIdentity('VerifyIdentity', id(20)))
      .then({ type: 'IdentityVerified', data: { user_id: annId, identity_id: id(20) } });
    given(...annWithEmail, {
      type: 'IdentityVerified',
      data: { user_id: annId, identity_id: id(20) },
    })
      .when(onIdentity('VerifyIdentity', id(20)))
      .thenNothingHappens();
  });
});
