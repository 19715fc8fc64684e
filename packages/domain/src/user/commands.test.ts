import * as E from 'fp-ts/Either';
import { decodeWith } from '@helpdesk/events';
import { UserCommand } from './commands';
import { annId, createUser, id, mergeAnnIntoBob } from './fixtures';

const decode = decodeWith(UserCommand, 'invalid user command');
const pathsOf = (result: ReturnType<typeof decode>) =>
  E.isLeft(result) ? result.left.issues.map((i) => i.path) : [];

describe('decoding user commands', () => {
  it('decodes a well-formed command, dropping unknown fields', () => {
    const raw = JSON.parse(JSON.stringify({ ...createUser(), sneaky: true }));
    expect(decode(raw)).toEqual(E.right(createUser()));
  });

  it('reports the path of a bad field, and only that one', () => {
    const raw = {
      ...mergeAnnIntoBob(),
      target: { ...mergeAnnIntoBob().target, requestedTicketCount: -1 },
    };
    const result = decode(raw);
    expect(pathsOf(result)).toEqual(['target.requestedTicketCount']);
    expect(E.isLeft(result) && result.left.message).toMatch(
      /target\.requestedTicketCount: expected Count, got -1/,
    );
  });

  it('reports every bad field of a nested list', () =>
    expect(
      pathsOf(
        decode({
          ...createUser(),
          userId: 'not-a-uuid',
          memberships: [{ membershipId: id(30), organizationId: 'acme', primaryContact: 'yes' }],
        }),
      ),
    ).toEqual(['userId', 'memberships.0.organizationId', 'memberships.0.primaryContact']));

  it('reports an unknown command type', () =>
    expect(pathsOf(decode({ type: 'TeleportUser', userId: annId }))).toEqual(['type']));

  it('reports an identity value that does not fit its type', () =>
    expect(
      pathsOf(
        decode({
          type: 'AddIdentity',
          userId: annId,
          identity: {
            identityId: id(20),
            type: 'twitter',
            value: 'not a handle!',
            verified: false,
          },
        }),
      ),
    ).toEqual(['identity.value']));

  it('accepts an optional field left out and refuses it mistyped', () => {
    const join = {
      type: 'AddOrganizationMembership',
      userId: annId,
      membershipId: id(30),
      organizationId: id(100),
      primaryContact: false,
      account: mergeAnnIntoBob().account,
    };
    expect(E.isRight(decode(join))).toBe(true);
    expect(pathsOf(decode({ ...join, makeDefault: 'yes' }))).toEqual(['makeDefault']);
  });
});
