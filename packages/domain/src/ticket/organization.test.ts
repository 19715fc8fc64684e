import { specification } from '../testing/specification';
import { ticketDecider } from './decider';
import {
  alice,
  archived,
  bob,
  carol,
  changeOrganization,
  closed,
  endUser,
  ids,
  moveOrganization,
  organizationChanged,
  requesterChanged,
  ticketCreated,
} from './fixtures';

const { given } = specification(ticketDecider);

describe("R2.6 an agent can move a ticket to another of its requester's organizations", () => {
  it('accepts another organization of the requester', () =>
    given(ticketCreated())
      .when(changeOrganization(ids.orgB))
      .then(organizationChanged(ids.orgA, ids.orgB, 'manual')));

  it('refuses an organization the requester does not belong to', () =>
    given(ticketCreated()).when(changeOrganization(ids.orgC)).thenRefuses('R2.6'));

  it('refuses to leave a member’s ticket without organization (settled here)', () =>
    given(ticketCreated()).when(changeOrganization(null)).thenRefuses('R2.6'));

  it('refuses facts about a user who is not the ticket’s requester', () =>
    given(ticketCreated()).when(changeOrganization(ids.orgC, bob)).thenRefuses('R2.6'));

  it('refuses an end user', () =>
    given(ticketCreated())
      .when(changeOrganization(ids.orgB, alice, endUser))
      .thenForbids('R2.6'));

  it('changes nothing when the organization is already that one', () =>
    given(ticketCreated()).when(changeOrganization(ids.orgA)).thenNothingHappens());

  it('changes nothing for a requester without organizations on a ticket without one', () =>
    given(ticketCreated({ requester_id: ids.carol, organization_id: null }))
      .when(changeOrganization(null, carol))
      .thenNothingHappens());

  it('uses the requester as they are now, after a requester change', () =>
    given(
      ticketCreated(),
      requesterChanged(ids.alice, ids.bob, 'manual'),
      organizationChanged(ids.orgA, ids.orgC, 'requester_changed'),
    )
      .when(changeOrganization(ids.orgB, bob))
      .thenRefuses('R2.6'));

  it('a ticket that does not exist is not found', () =>
    given().when(changeOrganization(ids.orgB)).thenNotFound());
});

describe('R1.5 agents cannot change the organization of a closed or archived ticket', () => {
  it('refuses on a closed ticket', () =>
    given(ticketCreated(), ...closed)
      .when(changeOrganization(ids.orgB))
      .thenRefuses('R1.5'));

  it('refuses on an archived ticket', () =>
    given(ticketCreated(), ...archived)
      .when(changeOrganization(ids.orgB))
      .thenRefuses('R1.5'));
});

describe('R2.8 a requester removed from the ticket’s organization: the ticket moves (ticket side)', () => {
  it('moves the ticket to the organization computed by the process manager', () =>
    given(ticketCreated())
      .when(moveOrganization())
      .then(organizationChanged(ids.orgA, ids.orgB, 'membership_removed')));

  it('moves to no organization when the requester has none left', () =>
    given(ticketCreated())
      .when(moveOrganization({ toOrganizationId: null }))
      .then(organizationChanged(ids.orgA, null, 'membership_removed')));

  it('moves a closed, not archived ticket too', () =>
    given(ticketCreated(), ...closed)
      .when(moveOrganization())
      .then(organizationChanged(ids.orgA, ids.orgB, 'membership_removed')));

  it('leaves a ticket that is no longer in that organization', () =>
    given(ticketCreated({ organization_id: ids.orgB }))
      .when(moveOrganization())
      .thenNothingHappens());

  it('leaves a ticket whose requester is no longer the removed member', () =>
    given(ticketCreated(), requesterChanged(ids.alice, ids.bob, 'merge'))
      .when(moveOrganization())
      .thenNothingHappens());

  it('changes nothing when replayed after the move', () =>
    given(ticketCreated(), organizationChanged(ids.orgA, ids.orgB, 'membership_removed'))
      .when(moveOrganization())
      .thenNothingHappens());

  it('a ticket that does not exist is not found', () =>
    given().when(moveOrganization()).thenNotFound());
});

describe('R2.9 an organization removed: its non-archived tickets move (ticket side)', () => {
  it('moves the ticket with reason organization_removed', () =>
    given(ticketCreated())
      .when(moveOrganization({ reason: 'organization_removed', toOrganizationId: ids.orgB }))
      .then(organizationChanged(ids.orgA, ids.orgB, 'organization_removed')));

  it('leaves an archived ticket in its organization', () =>
    given(ticketCreated(), ...archived)
      .when(moveOrganization({ reason: 'organization_removed' }))
      .thenNothingHappens());

  it('changes nothing when asked to move a ticket where it already is', () =>
    given(ticketCreated())
      .when(moveOrganization({ toOrganizationId: ids.orgA }))
      .thenNothingHappens());
});
