import * as E from 'fp-ts/Either';
import { decodeWith } from '@helpdesk/events';
import { TicketCommand } from './commands';
import { alice, createTicket, ids, moveToMergeTarget } from './fixtures';

const decode = decodeWith(TicketCommand, 'invalid ticket command');

const pathsOf = (u: unknown): ReadonlyArray<string> => {
  const result = decode(u);
  // a nullable field reports both branches it missed at one path: keep each path once
  return E.isLeft(result) ? [...new Set(result.left.issues.map((issue) => issue.path))] : [];
};

describe('decoding a ticket command', () => {
  it('accepts a well-formed command and drops unknown fields', () => {
    const command = createTicket({ organizationId: ids.orgB });
    expect(decode({ ...command, extra: 'dropped' })).toEqual(E.right(command));
  });

  it('reports a bad top-level field by its path', () =>
    expect(pathsOf({ ...createTicket(), subject: '  ' })).toEqual(['subject']));

  it('reports a bad optional field by its path', () =>
    expect(pathsOf({ ...createTicket(), organizationId: 'org-a' })).toEqual(['organizationId']));

  it('reports a bad nested fact by its path', () =>
    expect(pathsOf({ ...createTicket(), requester: { ...alice, status: 'asleep' } })).toEqual([
      'requester.status',
    ]));

  it('reports a bad field of the first comment by its path', () =>
    expect(
      pathsOf({
        ...createTicket(),
        firstComment: { commentId: ids.comment1, body: 'ok', public: 'yes' },
      }),
    ).toEqual(['firstComment.public']));

  it('reports a bad CC by its index', () =>
    expect(
      pathsOf({ ...createTicket(), collaborators: [alice, { ...alice, id: 'nope' }] }),
    ).toEqual(['collaborators.1.id']));

  it('refuses a merge move issued by a user', () =>
    expect(
      pathsOf({ ...moveToMergeTarget(ids.alice, alice), actor: { type: 'user', id: ids.agent } }),
    ).toEqual(['actor.type']));

  it('names the message after the command and the field', () => {
    const result = decode({ ...createTicket(), channel: 'fax' });
    expect(E.isLeft(result) && result.left.message).toMatch(/channel: expected TicketChannel/);
  });

  it('reports an unknown command type as a value that is no ticket command', () => {
    const result = decode({ type: 'ReopenTicket', ticketId: ids.ticket });
    expect(E.isLeft(result) && result.left.issues).toEqual([
      expect.objectContaining({ path: '(root)', expected: 'TicketCommand' }),
    ]);
  });
});
