import type { Plan } from '@helpdesk/events';
import { specification } from '../testing/specification';
import type { AccountCommand, ChangeSettings, CreateAccount } from './commands';
import { accountDecider } from './decider';
import {
  accountCreated,
  accountId,
  ann,
  annId,
  anOperator,
  bob,
  bobId,
  carl,
  knownUser,
  settingsChanged,
  templateId,
  theSystem,
  unassignedId,
} from './fixtures';
import type { SettingsChanges } from './settings';
import type { CommandActor } from '../shared/facts';

const { given } = specification(accountDecider);

const createAccount = (overrides: Partial<CreateAccount> = {}): CreateAccount => ({
  type: 'CreateAccount',
  accountId,
  name: 'Acme Support',
  plan: 'team',
  ownerId: annId,
  defaultOrganizationId: unassignedId,
  ...overrides,
});
const rename = (name: string, actor: CommandActor = bob): AccountCommand => ({
  type: 'RenameAccount',
  accountId,
  actor,
  name,
});
const changePlan = (plan: Plan, actor = bob): AccountCommand => ({
  type: 'ChangePlan',
  accountId,
  actor,
  plan,
});
const changeSettings = (settings: SettingsChanges, actor = bob): ChangeSettings => ({
  type: 'ChangeSettings',
  accountId,
  actor,
  settings,
});

describe('creating an account', () => {
  it('opens it with its owner, its "Unassigned" organization and every option off', () =>
    given().when(createAccount()).then(accountCreated('team')));

  it('keeps the settings it is given and trims its name', () =>
    given()
      .when(
        createAccount({
          name: '  Acme Support ',
          plan: 'enterprise',
          settings: { multipleOrganizations: true, sso: 'saml' },
        }),
      )
      .then(accountCreated('enterprise', { multipleOrganizations: true, sso: 'saml' })));

  it('refuses to open an account twice', () =>
    given(accountCreated()).when(createAccount()).thenAlreadyExists());
});

describe('R2.1 multiple organizations only on the Professional and Enterprise plans', () => {
  it('refuses to open a Team account with multiple organizations', () =>
    given()
      .when(createAccount({ plan: 'team', settings: { multipleOrganizations: true } }))
      .thenRefuses('R2.1'));

  it.each(['professional', 'enterprise'] as const)('enables them on %s', (plan) =>
    given(accountCreated(plan))
      .when(changeSettings({ multipleOrganizations: true }))
      .then(settingsChanged({ multipleOrganizations: true })),
  );

  it('refuses to enable them on Team', () =>
    given(accountCreated('team'))
      .when(changeSettings({ multipleOrganizations: true }))
      .thenRefuses('R2.1'));

  it('refuses a downgrade to Team while they are enabled (settled: switch them off first)', () =>
    given(accountCreated('professional', { multipleOrganizations: true }))
      .when(changePlan('team'))
      .thenRefuses('R2.1'));

  it('downgrades to Team once they are switched off', () =>
    given(accountCreated('professional', { multipleOrganizations: true }), settingsChanged({}))
      .when(changePlan('team'))
      .then({
        type: 'AccountPlanChanged',
        data: { account_id: accountId, plan: 'team', previous_plan: 'professional' },
      }));

  it('moves between Professional and Enterprise with them enabled', () =>
    given(accountCreated('professional', { multipleOrganizations: true }))
      .when(changePlan('enterprise'))
      .then({
        type: 'AccountPlanChanged',
        data: { account_id: accountId, plan: 'enterprise', previous_plan: 'professional' },
      }));
});

describe('R6.2 the welcome email is sent from a chosen template', () => {
  it('refuses to enable it without a template', () =>
    given(accountCreated())
      .when(changeSettings({ welcomeEmail: { enabled: true, templateId: null } }))
      .thenRefuses('R6.2'));

  it('enables it with a template', () =>
    given(accountCreated())
      .when(changeSettings({ welcomeEmail: { enabled: true, templateId } }))
      .then(settingsChanged({ welcomeEmail: { enabled: true, templateId } })));
});

describe('only an admin of the account changes its name, plan or settings (api.md)', () => {
  const commands = {
    rename: (actor: CommandActor) => rename('Acme Help', actor),
    'change the plan': (actor: CommandActor) => changePlan('professional', actor),
    'change the settings': (actor: CommandActor) =>
      changeSettings({ autoCreateUsersFromEmail: true }, actor),
  };
  const refused = { 'an agent': carl, 'the system': theSystem, 'a platform operator': anOperator };

  describe.each(Object.entries(commands))('to %s', (_, command) => {
    it.each(Object.entries(refused))('refuses %s', (_who, actor) =>
      given(accountCreated()).when(command(actor)).thenForbids(),
    );

    it.each([
      ['an admin', bob],
      ['the owner', ann],
    ])('accepts %s', (_who, actor) => {
      const result = given(accountCreated()).when(command(actor)).result();
      expect(result).toMatchObject({ _tag: 'Right', right: [expect.anything()] });
    });
  });

  it('renames the account, recording the previous name', () =>
    given(accountCreated())
      .when(rename(' Acme Help '))
      .then({
        type: 'AccountRenamed',
        data: { account_id: accountId, name: 'Acme Help', previous_name: 'Acme Support' },
      }));

  it('records the whole new set of settings', () =>
    given(accountCreated('enterprise'))
      .when(changeSettings({ autoCreateUsersFromEmail: true, portalUrl: 'https://help.acme.com' }))
      .then(
        settingsChanged({ autoCreateUsersFromEmail: true, portalUrl: 'https://help.acme.com' }),
      ));

  describe('a change that changes nothing decides nothing', () => {
    it('the same name', () =>
      given(accountCreated()).when(rename('Acme Support')).thenNothingHappens());
    it('the same plan', () =>
      given(accountCreated()).when(changePlan('team')).thenNothingHappens());
    it('the same settings', () =>
      given(accountCreated())
        .when(changeSettings({ sso: 'none', welcomeEmail: { enabled: false, templateId: null } }))
        .thenNothingHappens());
    it('no settings at all', () =>
      given(accountCreated()).when(changeSettings({})).thenNothingHappens());
  });
});

describe('a missing account', () => {
  it.each<AccountCommand>([
    rename('Acme Help'),
    changePlan('enterprise'),
    changeSettings({ sso: 'jwt' }),
    {
      type: 'TransferOwnership',
      accountId,
      actor: ann,
      newOwner: knownUser(bobId),
    },
  ])('refuses $type as not found', (command) => given().when(command).thenNotFound());
});
