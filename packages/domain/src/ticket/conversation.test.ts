import { specification } from '../testing/specification';
import { ticketDecider } from './decider';
import {
  addCollaborator,
  addComment,
  archived,
  bob,
  closed,
  ids,
  inOtherAccount,
  removeCollaborator,
  ticketCreated,
  withStatus,
} from './fixtures';

const { given } = specification(ticketDecider);

const commentAdded = (commentId: string = ids.comment1) => ({
  type: 'CommentAdded' as const,
  data: {
    ticket_id: ids.ticket,
    comment_id: commentId,
    author_id: ids.agent,
    body: 'Have you tried water?',
    public: true,
  },
});

describe('comments', () => {
  it('adds a comment', () => given(ticketCreated()).when(addComment()).then(commentAdded()));

  it('adds a second comment', () =>
    given(ticketCreated(), commentAdded())
      .when(addComment(ids.comment2))
      .then(commentAdded(ids.comment2)));

  it('a retried comment is recorded once', () =>
    given(ticketCreated(), commentAdded()).when(addComment()).thenNothingHappens());

  it('a ticket that does not exist is not found', () => given().when(addComment()).thenNotFound());
});

describe('R1.5 a closed ticket takes no more comments', () => {
  it('refuses a comment on a closed ticket', () =>
    given(ticketCreated(), ...closed)
      .when(addComment())
      .thenRefuses('R1.5'));

  it('refuses a comment on an archived ticket', () =>
    given(ticketCreated(), ...archived)
      .when(addComment())
      .thenRefuses('R1.5'));
});

describe('CCs', () => {
  it('copies a user', () =>
    given(ticketCreated())
      .when(addCollaborator(bob))
      .then({ type: 'CollaboratorAdded', data: { ticket_id: ids.ticket, user_id: ids.bob } }));

  it('copying a user twice changes nothing', () =>
    given(ticketCreated({ collaborator_ids: [ids.bob] }))
      .when(addCollaborator(bob))
      .thenNothingHappens());

  it('removes a CC', () =>
    given(ticketCreated({ collaborator_ids: [ids.bob] }))
      .when(removeCollaborator(ids.bob))
      .then({ type: 'CollaboratorRemoved', data: { ticket_id: ids.ticket, user_id: ids.bob } }));

  it('removing a user who is not copied changes nothing', () =>
    given(ticketCreated()).when(removeCollaborator(ids.bob)).thenNothingHappens());

  it('a ticket that does not exist is not found', () =>
    given().when(addCollaborator(bob)).thenNotFound());
});

describe('R1.2 a CC is an active user of the account (settled here, like a requester)', () => {
  it('refuses a deleted user', () =>
    given(ticketCreated())
      .when(addCollaborator(withStatus(bob, 'deleted')))
      .thenRefuses('R1.2'));

  it('refuses a user of another account', () =>
    given(ticketCreated())
      .when(addCollaborator(inOtherAccount(bob)))
      .thenRefuses('R1.2'));

  it('R3.5 refuses a merged user', () =>
    given(ticketCreated())
      .when(addCollaborator(withStatus(bob, 'merged')))
      .thenRefuses('R3.5'));
});

describe('R1.5 the CCs of a closed ticket do not change', () => {
  it('refuses to copy a user on a closed ticket', () =>
    given(ticketCreated(), ...closed)
      .when(addCollaborator(bob))
      .thenRefuses('R1.5'));

  it('refuses to remove a CC from a closed ticket', () =>
    given(ticketCreated({ collaborator_ids: [ids.bob] }), ...closed)
      .when(removeCollaborator(ids.bob))
      .thenRefuses('R1.5'));
});
