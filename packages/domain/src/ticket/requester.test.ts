import { fold } from '../shared/decider';
import { specification } from '../testing/specification';
import { ticketDecider } from './decider';
import {
  admin,
  alice,
  archived,
  bob,
  carol,
  changeRequester,
  closed,
  dave,
  endUser,
  ids,
  inOtherAccount,
  organizationChanged,
  requesterChanged,
  system,
  ticketCreated,
  withStatus,
} from './fixtures';

const { given } = specification(ticketDecider);

describe('R1.1 an agent or admin can replace the requester', () => {
  it('an agent gives the ticket another requester', () =>
    given(ticketCreated())
      .when(changeRequester(dave))
      .then(
        requesterChanged(ids.alice, ids.dave, 'manual'),
        organizationChanged(ids.orgA, ids.orgB, 'requester_changed'),
      ));

  it('an admin may too', () =>
    given(ticketCreated())
      .when(changeRequester(dave, admin))
      .then(
        requesterChanged(ids.alice, ids.dave, 'manual'),
        organizationChanged(ids.orgA, ids.orgB, 'requester_changed'),
      ));

  it('refuses an end user', () =>
    given(ticketCreated()).when(changeRequester(dave, endUser)).thenForbids('R1.1'));

  it('refuses the system (a merge uses its own command)', () =>
    given(ticketCreated()).when(changeRequester(dave, system)).thenForbids('R1.1'));

  it('refuses a platform operator', () =>
    given(ticketCreated())
      .when(changeRequester(dave, { type: 'operator' }))
      .thenForbids('R1.1'));

  it('changes nothing when the requester is already that user', () =>
    given(ticketCreated()).when(changeRequester(alice)).thenNothingHappens());

  it('a ticket that does not exist is not found', () =>
    given().when(changeRequester(dave)).thenNotFound());
});

describe('R1.2 the new requester is an active user of the same account', () => {
  it('refuses a deleted user', () =>
    given(ticketCreated())
      .when(changeRequester(withStatus(dave, 'deleted')))
      .thenRefuses('R1.2'));

  it('refuses a user of another account', () =>
    given(ticketCreated())
      .when(changeRequester(inOtherAccount(dave)))
      .thenRefuses('R1.2'));
});

describe('R3.5 a merged user can no longer be a requester', () => {
  it('refuses a merged user as new requester', () =>
    given(ticketCreated())
      .when(changeRequester(withStatus(dave, 'merged')))
      .thenRefuses('R3.5'));
});

describe('R1.3 the original requester stays visible', () => {
  it('the change records the previous and the new requester', () =>
    given(ticketCreated())
      .when(changeRequester(bob))
      .then(
        requesterChanged(ids.alice, ids.bob, 'manual'),
        organizationChanged(ids.orgA, ids.orgC, 'requester_changed'),
      ));

  it('the state keeps the first requester through every change', () => {
    const ticket = fold(ticketDecider, [
      ticketCreated(),
      requesterChanged(ids.alice, ids.bob, 'manual'),
      requesterChanged(ids.bob, ids.dave, 'merge'),
    ]);
    expect(ticket).toMatchObject({
      exists: true,
      requesterId: ids.dave,
      originalRequesterId: ids.alice,
    });
  });
});

describe('R1.5 agents cannot change the requester of a closed or archived ticket', () => {
  it('refuses on a closed ticket', () =>
    given(ticketCreated(), ...closed)
      .when(changeRequester(dave))
      .thenRefuses('R1.5'));

  it('refuses on an archived ticket', () =>
    given(ticketCreated(), ...archived)
      .when(changeRequester(dave))
      .thenRefuses('R1.5'));

  it('accepts on a solved ticket, which is not closed yet', () =>
    given(ticketCreated({ status: 'solved' }))
      .when(changeRequester(dave))
      .then(
        requesterChanged(ids.alice, ids.dave, 'manual'),
        organizationChanged(ids.orgA, ids.orgB, 'requester_changed'),
      ));
});

describe("R1.6 the organization follows the new requester's default", () => {
  it('moves to the new default', () =>
    given(ticketCreated())
      .when(changeRequester(bob))
      .then(
        requesterChanged(ids.alice, ids.bob, 'manual'),
        organizationChanged(ids.orgA, ids.orgC, 'requester_changed'),
      ));

  it('leaves the ticket without organization when the new requester has none', () =>
    given(ticketCreated())
      .when(changeRequester(carol))
      .then(
        requesterChanged(ids.alice, ids.carol, 'manual'),
        organizationChanged(ids.orgA, null, 'requester_changed'),
      ));

  it('records no organization change when the default is the current organization', () =>
    given(ticketCreated({ organization_id: ids.orgB }))
      .when(changeRequester(dave))
      .then(requesterChanged(ids.alice, ids.dave, 'manual')));

  it('the new organization is the default even when the old one is shared', () =>
    // Dave belongs to B too, yet R1.6 takes his default, C
    given(ticketCreated({ organization_id: ids.orgB }))
      .when(changeRequester({ ...dave, defaultOrganizationId: ids.orgC }))
      .then(
        requesterChanged(ids.alice, ids.dave, 'manual'),
        organizationChanged(ids.orgB, ids.orgC, 'requester_changed'),
      ));
});
