import { ticketOrganizationIsTheRequesters } from './invariants';
import { retiredUsersCannotLeave } from './mutants';
import { play, type Scenario } from './scenario';

/**
 * Counterexamples the properties found, kept as plain scenarios so that they stay fixed.
 * Indices follow `steps.ts`: user 1 is the first user created after the owner, organization 1
 * the first after "Unassigned".
 */

/** An end user of organization 1 requests a ticket there, is deleted, then the organization is removed. */
const deletedRequesterOfRemovedOrganization: Scenario = {
  plan: 'team',
  multipleOrganizations: false,
  steps: [
    { step: 'createOrganization', organization: 1 },
    {
      step: 'createUser',
      user: 0,
      role: 'end-user',
      source: 'manual',
      actor: 'agent',
      verified: false,
      emails: [1],
      organizations: [1],
    },
    {
      step: 'createTicket',
      ticket: 0,
      requester: 1,
      channel: 'web',
      organization: null,
      status: 'open',
      ccs: [],
      actor: 'agent',
    },
    { step: 'deleteUser', user: 1 },
    { step: 'removeOrganization', organization: 1 },
  ],
};

describe('R2.9 a deleted requester leaves a removed organization too', () => {
  it("moves the deleted requester's ticket out of the removed organization", () => {
    const world = play(deletedRequesterOfRemovedOrganization);
    const [ticket] = world.existingTickets();
    expect(ticket?.organizationId).toBeNull();
    expect(ticketOrganizationIsTheRequesters(world)).toEqual([]);
  });

  it('left the ticket in the removed organization when a deleted user could not leave it', () => {
    const world = play(
      deletedRequesterOfRemovedOrganization,
      undefined,
      retiredUsersCannotLeave.deciders,
    );
    expect(ticketOrganizationIsTheRequesters(world)).toEqual([
      expect.stringContaining('still in the removed organization'),
    ]);
  });
});
