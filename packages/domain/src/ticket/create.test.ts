import { specification } from '../testing/specification';
import { ticketDecider } from './decider';
import {
  agent,
  alice,
  bob,
  carol,
  createTicket,
  dave,
  endUser,
  ids,
  inOtherAccount,
  ticketCreated,
  withStatus,
} from './fixtures';

const { given } = specification(ticketDecider);

describe('creating a ticket', () => {
  it('records the ticket with status new by default', () =>
    given().when(createTicket()).then(ticketCreated()));

  it('records the first comment as the submitter’s', () =>
    given()
      .when(
        createTicket({
          status: 'open',
          firstComment: { commentId: ids.comment1, body: 'It smokes', public: true },
        }),
      )
      .then(ticketCreated({ status: 'open' }), {
        type: 'CommentAdded',
        data: {
          ticket_id: ids.ticket,
          comment_id: ids.comment1,
          author_id: ids.agent,
          body: 'It smokes',
          public: true,
        },
      }));

  it('copies each CC once', () =>
    given()
      .when(createTicket({ collaborators: [bob, carol, bob] }))
      .then(ticketCreated({ collaborator_ids: [ids.bob, ids.carol] })));

  it('refuses to create a ticket that exists', () =>
    given(ticketCreated()).when(createTicket()).thenAlreadyExists());
});

describe('R1.2 the requester of a new ticket is an active user of the account', () => {
  it('refuses a deleted requester', () =>
    given()
      .when(createTicket({ requester: withStatus(alice, 'deleted') }))
      .thenRefuses('R1.2'));

  it('refuses a requester of another account', () =>
    given()
      .when(createTicket({ requester: inOtherAccount(alice) }))
      .thenRefuses('R1.2'));

  it('refuses a CC who is not active (settled here: CCs meet the same conditions)', () =>
    given()
      .when(createTicket({ collaborators: [withStatus(bob, 'deleted')] }))
      .thenRefuses('R1.2'));

  it('refuses a CC of another account', () =>
    given()
      .when(createTicket({ collaborators: [inOtherAccount(bob)] }))
      .thenRefuses('R1.2'));
});

describe('R3.5 a merged user can never be a requester', () => {
  it('refuses a merged requester', () =>
    given()
      .when(createTicket({ requester: withStatus(alice, 'merged') }))
      .thenRefuses('R3.5'));

  it('refuses a merged CC', () =>
    given()
      .when(createTicket({ collaborators: [withStatus(bob, 'merged')] }))
      .thenRefuses('R3.5'));
});

describe('R2.2 a new ticket’s organization is one of its requester’s', () => {
  it.each(['api', 'web', 'email', 'portal'] as const)(
    'over %s, a requester without organizations gives a ticket without one',
    (channel) =>
      given()
        .when(createTicket({ channel, requester: carol }))
        .then(ticketCreated({ channel, requester_id: ids.carol, organization_id: null })),
  );

  it('over the API, drops an organization asked for a requester who has none', () =>
    given()
      .when(createTicket({ channel: 'api', requester: carol, organizationId: ids.orgA }))
      .then(ticketCreated({ channel: 'api', requester_id: ids.carol, organization_id: null })));

  it('on the web, refuses an organization for a requester who has none (R2.4)', () =>
    given()
      .when(createTicket({ channel: 'web', requester: carol, organizationId: ids.orgA }))
      .thenRefuses('R2.4'));

  it('ignores a default the requester is not a member of (inconsistent facts)', () =>
    given()
      .when(
        createTicket({
          channel: 'email',
          requester: { ...alice, defaultOrganizationId: ids.foreignOrg },
        }),
      )
      .then(ticketCreated({ channel: 'email', organization_id: null })));
});

describe('R2.3 a ticket from an inbound email gets the requester’s default organization', () => {
  it('uses the default', () =>
    given()
      .when(createTicket({ channel: 'email', actor: endUser, submitterId: ids.alice }))
      .then(
        ticketCreated({ channel: 'email', submitter_id: ids.alice, organization_id: ids.orgA }),
      ));

  it('uses the default even when another of the requester’s organizations is asked for', () =>
    given()
      .when(createTicket({ channel: 'email', organizationId: ids.orgB }))
      .then(ticketCreated({ channel: 'email', organization_id: ids.orgA })));
});

describe('R2.4 a ticket created in the portal or on the web may name any of the requester’s organizations', () => {
  it.each(['web', 'portal'] as const)(
    'over %s, accepts another of the requester’s organizations',
    (channel) =>
      given()
        .when(createTicket({ channel, organizationId: ids.orgB }))
        .then(ticketCreated({ channel, organization_id: ids.orgB })),
  );

  it.each(['web', 'portal'] as const)('over %s, gives the default when none is named', (channel) =>
    given()
      .when(createTicket({ channel, organizationId: null }))
      .then(ticketCreated({ channel, organization_id: ids.orgA })),
  );

  it('gives the default when the organization is left out', () =>
    given()
      .when(createTicket({ channel: 'portal', actor: endUser }))
      .then(ticketCreated({ channel: 'portal', organization_id: ids.orgA })));

  it.each(['web', 'portal'] as const)(
    'over %s, refuses an organization of someone else',
    (channel) =>
      given()
        .when(createTicket({ channel, organizationId: ids.foreignOrg }))
        .thenRefuses('R2.4'),
  );
});

describe('R2.5 a ticket created through the API gets the organization asked for when it can', () => {
  it('uses the organization asked for when the requester belongs to it', () =>
    given()
      .when(createTicket({ channel: 'api', organizationId: ids.orgB }))
      .then(ticketCreated({ channel: 'api', organization_id: ids.orgB })));

  it('uses the default when none is asked for', () =>
    given()
      .when(createTicket({ channel: 'api' }))
      .then(ticketCreated({ channel: 'api', organization_id: ids.orgA })));

  it('uses the default, without an error, when the requester does not belong to it', () =>
    given()
      .when(createTicket({ channel: 'api', organizationId: ids.foreignOrg }))
      .then(ticketCreated({ channel: 'api', organization_id: ids.orgA })));
});

describe('R2.7 a requester with one organization leaves nothing to choose', () => {
  it.each(['api', 'web', 'email', 'portal'] as const)(
    'over %s, uses that organization',
    (channel) =>
      given()
        .when(createTicket({ channel, requester: bob }))
        .then(ticketCreated({ channel, requester_id: ids.bob, organization_id: ids.orgC })),
  );

  it('uses that organization even when the facts name no default', () =>
    given()
      .when(createTicket({ channel: 'email', requester: { ...bob, defaultOrganizationId: null } }))
      .then(ticketCreated({ channel: 'email', requester_id: ids.bob, organization_id: ids.orgC })));

  it('over the API, replaces a foreign organization with that one', () =>
    given()
      .when(createTicket({ channel: 'api', requester: bob, organizationId: ids.orgA }))
      .then(ticketCreated({ channel: 'api', requester_id: ids.bob, organization_id: ids.orgC })));

  it('on the web, still refuses a foreign organization (R2.4)', () =>
    given()
      .when(createTicket({ channel: 'web', requester: bob, organizationId: ids.orgA }))
      .thenRefuses('R2.4'));

  it('a member of several organizations chooses among them (contrast)', () =>
    given()
      .when(
        createTicket({ channel: 'web', requester: dave, organizationId: ids.orgC, actor: agent }),
      )
      .then(ticketCreated({ requester_id: ids.dave, organization_id: ids.orgC })));
});
