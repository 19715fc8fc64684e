import type { AccountEvent, Role, UserSource } from '@helpdesk/events';
import { accountCreated, settingsChanged, templateId } from '../account/fixtures';
import { defaultSettings, type Settings } from '../account/settings';
import { creationKindOf, settingsAsOf, welcomeEmailFor } from './welcome';

const enabled: Settings = { ...defaultSettings, welcomeEmail: { enabled: true, templateId } };
const endUser = (source: UserSource, role: Role = 'end-user') => ({ role, source });

describe('R6.2 a user created automatically or by hand gets the welcome email', () => {
  it.each(['email', 'portal'] as const)('created automatically from %s', (source) => {
    expect(creationKindOf(source)).toBe('automatic');
    expect(welcomeEmailFor(endUser(source), enabled)).toEqual({ send: true, templateId });
  });

  it.each(['manual', 'ticket', 'cc'] as const)('created by hand (%s)', (source) => {
    expect(creationKindOf(source)).toBe('by_hand');
    expect(welcomeEmailFor(endUser(source), enabled)).toEqual({ send: true, templateId });
  });

  it('never a user created by an import', () =>
    expect(welcomeEmailFor(endUser('import'), enabled)).toMatchObject({ send: false }));

  it('never the owner created with the account', () =>
    expect(welcomeEmailFor(endUser('account', 'admin'), enabled)).toMatchObject({ send: false }));

  it('nobody while the setting is off, or without a template', () => {
    expect(welcomeEmailFor(endUser('email'), defaultSettings)).toMatchObject({ send: false });
    expect(
      welcomeEmailFor(endUser('email'), {
        welcomeEmail: { enabled: true, templateId: null },
      }),
    ).toMatchObject({ send: false });
  });

  it.each(['agent', 'admin'] as const)(
    'not an %s: the mail carries portal credentials (settled)',
    (role) =>
      expect(welcomeEmailFor(endUser('manual', role), enabled)).toMatchObject({ send: false }),
  );
});

describe('R6.3 the settings do not touch existing users', () => {
  const history: ReadonlyArray<{ position: bigint; event: AccountEvent }> = [
    { position: 10n, event: accountCreated('enterprise') },
    { position: 20n, event: settingsChanged({ welcomeEmail: { enabled: true, templateId } }) },
    { position: 30n, event: settingsChanged({}) },
  ];
  const sendsTo = (position: bigint) => {
    const settings = settingsAsOf(history, position);
    return settings !== null && welcomeEmailFor(endUser('email'), settings).send;
  };

  it('a user created before the setting was switched on gets nothing, however late it is read', () =>
    expect(sendsTo(15n)).toBe(false));

  it('a user created while it is on gets the welcome email', () => expect(sendsTo(25n)).toBe(true));

  it('a user created after it was switched off again gets nothing', () =>
    expect(sendsTo(31n)).toBe(false));

  it('reads the settings in force strictly before the creation', () =>
    expect(sendsTo(20n)).toBe(false));

  it('there are no settings before the account exists', () =>
    expect(settingsAsOf(history, 10n)).toBeNull());
});
