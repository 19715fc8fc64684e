import type { UserEvent } from '@helpdesk/events';
import { specification } from '../testing/specification';
import type { CompleteMerge } from './commands';
import { userDecider } from './decider';
import {
  accountId,
  admin,
  annId,
  annWithEmail,
  bobAsTarget,
  bobId,
  deleted,
  endUser,
  eventProfile,
  id,
  identityAdded,
  merged,
  mergeAnnIntoBob,
  system,
  teamAccount,
  userCreated,
} from './fixtures';

const { given } = specification(userDecider);

const annMergedIntoBob: UserEvent = merged(bobId, annId);
const complete = (ticketsRewritten = 2, ccsReplaced = 1): CompleteMerge => ({
  type: 'CompleteMerge',
  userId: annId,
  ticketsRewritten,
  ccsReplaced,
});

describe('R3.1 both users are active end users of one account, and distinct', () => {
  it('merges the source into the target', () =>
    given(...annWithEmail)
      .when(mergeAnnIntoBob())
      .then({
        type: 'UserMerged',
        data: { user_id: annId, account_id: accountId, target_id: bobId },
      }));

  it('accepts an admin as the one who merges', () =>
    given(...annWithEmail)
      .when(mergeAnnIntoBob({ actor: admin }))
      .then(annMergedIntoBob));

  it('refuses a source that is an agent', () =>
    given(userCreated({ role: 'agent' }), ...annWithEmail.slice(1))
      .when(mergeAnnIntoBob())
      .thenRefuses('R3.1'));

  it('refuses a target that is an admin', () =>
    given(...annWithEmail)
      .when(mergeAnnIntoBob({ target: bobAsTarget({ role: 'admin' }) }))
      .thenRefuses('R3.1'));

  it('refuses a deleted target', () =>
    given(...annWithEmail)
      .when(mergeAnnIntoBob({ target: bobAsTarget({ status: 'deleted' }) }))
      .thenRefuses('R3.1'));

  it('refuses a target of another account', () =>
    given(...annWithEmail)
      .when(mergeAnnIntoBob({ target: bobAsTarget({ accountId: id(9) }) }))
      .thenRefuses('R3.1'));

  it('refuses to merge a user into itself', () =>
    given(...annWithEmail)
      .when(mergeAnnIntoBob({ target: bobAsTarget({ id: annId }) }))
      .thenRefuses('R3.1'));

  it('refuses a merge asked by an end user or by the system', () => {
    given(...annWithEmail)
      .when(mergeAnnIntoBob({ actor: endUser }))
      .thenRefuses('R3.1');
    given(...annWithEmail)
      .when(mergeAnnIntoBob({ actor: system }))
      .thenRefuses('R3.1');
  });

  it('finds no source that was never created', () =>
    given().when(mergeAnnIntoBob()).thenNotFound());
});

describe('R3.2 an unverified participant has an email or an X handle', () => {
  it('accepts an unverified source known by an X handle only', () =>
    given(userCreated(), identityAdded(id(22), 'twitter', 'annlee', { primary: true }))
      .when(mergeAnnIntoBob())
      .then(annMergedIntoBob));

  it('accepts a verified source with a phone number only', () =>
    given(userCreated({ verified: true }), identityAdded(id(22), 'phone_number', '+331234'))
      .when(mergeAnnIntoBob())
      .then(annMergedIntoBob));

  it('refuses an unverified source with a phone number only', () =>
    given(userCreated(), identityAdded(id(22), 'phone_number', '+331234'))
      .when(mergeAnnIntoBob())
      .thenRefuses('R3.2'));

  it('refuses an unverified target with neither an email nor an X handle', () =>
    given(...annWithEmail)
      .when(mergeAnnIntoBob({ target: bobAsTarget({ hasEmail: false }) }))
      .thenRefuses('R3.2'));

  it('accepts an unverified target with an X handle only', () =>
    given(...annWithEmail)
      .when(mergeAnnIntoBob({ target: bobAsTarget({ hasEmail: false, hasXHandle: true }) }))
      .then(annMergedIntoBob));
});

describe('R3.3 each user has at most 10,000 requested tickets', () => {
  it('accepts exactly 10,000 on both sides', () =>
    given(...annWithEmail)
      .when(
        mergeAnnIntoBob({
          sourceRequestedTicketCount: 10_000,
          target: bobAsTarget({ requestedTicketCount: 10_000 }),
        }),
      )
      .then(annMergedIntoBob));

  it('refuses a source with 10,001', () =>
    given(...annWithEmail)
      .when(mergeAnnIntoBob({ sourceRequestedTicketCount: 10_001 }))
      .thenRefuses('R3.3'));

  it('refuses a target with 10,001', () =>
    given(...annWithEmail)
      .when(mergeAnnIntoBob({ target: bobAsTarget({ requestedTicketCount: 10_001 }) }))
      .thenRefuses('R3.3'));
});

describe('R3.4 with single sign-on neither user has an external id', () => {
  const withSso = (sso: 'jwt' | 'saml') => ({ account: { ...teamAccount, sso } });

  it('accepts users without external ids under SAML', () =>
    given(...annWithEmail)
      .when(mergeAnnIntoBob(withSso('saml')))
      .then(annMergedIntoBob));

  it('accepts external ids when the account has no single sign-on', () =>
    given(
      userCreated({ profile: eventProfile({ external_id: 'crm-1' }) }),
      ...annWithEmail.slice(1),
    )
      .when(mergeAnnIntoBob({ target: bobAsTarget({ externalId: 'crm-2' }) }))
      .then(annMergedIntoBob));

  it('refuses a source with an external id under JWT', () =>
    given(
      userCreated({ profile: eventProfile({ external_id: 'crm-1' }) }),
      ...annWithEmail.slice(1),
    )
      .when(mergeAnnIntoBob(withSso('jwt')))
      .thenRefuses('R3.4'));

  it('refuses a target with an external id under SAML', () =>
    given(...annWithEmail)
      .when(mergeAnnIntoBob({ ...withSso('saml'), target: bobAsTarget({ externalId: 'crm-2' }) }))
      .thenRefuses('R3.4'));
});

describe('R3.5 a merge is irreversible', () => {
  it('records the source as merged into the target', () => {
    const state = [...annWithEmail, annMergedIntoBob].reduce(
      userDecider.evolve,
      userDecider.initialState(),
    );
    expect(state).toMatchObject({ status: 'merged', mergedIntoId: bobId });
  });

  it('refuses to merge a merged user again', () =>
    given(...annWithEmail, annMergedIntoBob)
      .when(mergeAnnIntoBob({ target: bobAsTarget({ id: id(12) }) }))
      .thenRefuses('R3.5'));

  it('refuses a target that was itself merged', () =>
    given(...annWithEmail)
      .when(mergeAnnIntoBob({ target: bobAsTarget({ status: 'merged' }) }))
      .thenRefuses('R3.5'));

  it('refuses any other change to a merged user', () => {
    given(...annWithEmail, annMergedIntoBob)
      .when({ type: 'UpdateProfile', userId: annId, changes: { name: 'Ann B. Lee' } })
      .thenRefuses('R3.5');
    given(...annWithEmail, annMergedIntoBob)
      .when({ type: 'VerifyUser', userId: annId })
      .thenRefuses('R3.5');
    given(...annWithEmail, annMergedIntoBob)
      .when({ type: 'DeleteUser', userId: annId, isOwner: false })
      .thenRefuses('R3.5');
  });

  it('refuses any change to a deleted user, whose second deletion changes nothing', () => {
    given(...annWithEmail, deleted())
      .when({ type: 'VerifyUser', userId: annId })
      .thenRefuses('R3.5');
    given(...annWithEmail, deleted())
      .when({ type: 'DeleteUser', userId: annId, isOwner: false })
      .thenNothingHappens();
  });
});

describe('R3.9 the merge of the tickets completes once', () => {
  it('records the completion on the source', () =>
    given(...annWithEmail, annMergedIntoBob)
      .when(complete(2, 1))
      .then({
        type: 'UserMergeCompleted',
        data: { user_id: annId, target_id: bobId, tickets_rewritten: 2, ccs_replaced: 1 },
      }));

  it('does nothing the second time', () =>
    given(...annWithEmail, annMergedIntoBob, {
      type: 'UserMergeCompleted',
      data: { user_id: annId, target_id: bobId, tickets_rewritten: 2, ccs_replaced: 1 },
    })
      .when(complete(2, 1))
      .thenNothingHappens());

  it('refuses to complete the merge of a user who was not merged', () =>
    given(...annWithEmail)
      .when(complete())
      .thenRefuses('R3.9'));
});
