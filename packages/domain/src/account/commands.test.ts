import * as E from 'fp-ts/Either';
import { decodeWith } from '@helpdesk/events';
import { AccountCommand } from './commands';
import { accountId, annId, bobId, unassignedId } from './fixtures';

const decodeCommand = decodeWith(AccountCommand, 'invalid account command');
const pathsOf = (u: unknown) => {
  const result = decodeCommand(u);
  return E.isLeft(result) ? result.left.issues.map((issue) => issue.path) : [];
};

describe('account commands decoded at the boundary', () => {
  it('decodes a well-formed command, filling nothing in', () => {
    const command = {
      type: 'CreateAccount',
      accountId,
      name: 'Acme Support',
      plan: 'team',
      ownerId: annId,
      defaultOrganizationId: unassignedId,
    };
    expect(decodeCommand(command)).toEqual(E.right(command));
  });

  it('reports the path of a bad field', () =>
    expect(
      pathsOf({
        type: 'TransferOwnership',
        accountId,
        actor: { type: 'user', id: annId, role: 'admin' },
        newOwner: {
          id: bobId,
          accountId,
          role: 'owner',
          status: 'active',
          organizationIds: [],
          defaultOrganizationId: null,
        },
      }),
    ).toEqual(['newOwner.role']));

  it('reports a bad nested setting by its path', () =>
    expect(
      pathsOf({
        type: 'ChangeSettings',
        accountId,
        actor: { type: 'user', id: annId, role: 'admin' },
        settings: { welcomeEmail: { enabled: 'yes', templateId: null } },
      }),
    ).toEqual(['settings.welcomeEmail.enabled']));

  it('reports a missing field and an unknown plan', () =>
    expect(
      pathsOf({ type: 'CreateAccount', accountId, name: 'Acme', plan: 'gold', ownerId: annId }),
    ).toEqual(['plan', 'defaultOrganizationId']));

  it('refuses an unknown command type as a whole', () =>
    expect(decodeCommand({ type: 'DeleteAccount', accountId })).toMatchObject(
      E.left({ issues: [{ path: '(root)', expected: 'AccountCommand' }] }),
    ));
});
