import * as E from 'fp-ts/Either';
import type { MacroEvent } from '@helpdesk/events';
import { accountId, admin, macroId, notAdmins } from '../automation/fixtures';
import { redactedSecret } from '../mail/render';
import type { CommandActor } from '../shared/facts';
import { specification } from '../testing/specification';
import { applyMacro } from './apply';
import type { ChangeMacro, CreateMacro, MacroCommand } from './commands';
import { macroDecider } from './decider';

const { given } = specification(macroDecider);

/** The seed's canned response for portal credentials, with R6.8's link for the password. */
const body = [
  'Hello,',
  'Please find your portal credentials below:',
  'URL: {{portal.url}}',
  'User name: {{portal.username}}',
  'Password: set yours at {{portal.password_link}}',
].join('\n');

const create = (overrides: Partial<CreateMacro> = {}): CreateMacro => ({
  type: 'CreateMacro',
  macroId,
  accountId,
  actor: admin,
  title: 'Portal credentials',
  body,
  actions: [{ type: 'add_tag', tag: 'credentials_sent' }],
  ...overrides,
});
const change = (changes: Partial<ChangeMacro>): ChangeMacro => ({
  type: 'ChangeMacro',
  macroId,
  actor: admin,
  ...changes,
});
const remove = (actor: CommandActor = admin): MacroCommand => ({
  type: 'RemoveMacro',
  macroId,
  actor,
});

const created: MacroEvent = {
  type: 'MacroCreated',
  data: {
    macro_id: macroId,
    account_id: accountId,
    title: 'Portal credentials',
    body,
    actions: [{ type: 'add_tag', tag: 'credentials_sent' }],
  },
};
const removed: MacroEvent = {
  type: 'MacroRemoved',
  data: { macro_id: macroId, account_id: accountId },
};

describe('R6.6 canned responses are reply templates with snippets', () => {
  it('writes one with the portal snippets and its actions', () =>
    given().when(create()).then(created));

  it('refuses an unknown snippet', () =>
    given()
      .when(create({ body: 'Hi {{user.nick}}' }))
      .thenRefuses('R6.6'));

  it('rewrites one, recording its whole new content', () =>
    given(created)
      .when(change({ title: ' Credentials ', actions: [{ type: 'set_status', status: 'solved' }] }))
      .then({
        type: 'MacroChanged',
        data: {
          macro_id: macroId,
          title: 'Credentials',
          body,
          actions: [{ type: 'set_status', status: 'solved' }],
        },
      }));

  it('changes nothing when nothing differs', () =>
    given(created)
      .when(change({ title: 'Portal credentials', body }))
      .thenNothingHappens());

  it('removes one; a removed macro is not found, and removing it again changes nothing', () => {
    given(created).when(remove()).then(removed);
    given(created, removed).when(remove()).thenNothingHappens();
    given(created, removed)
      .when(change({ title: 'x' }))
      .thenNotFound();
    given()
      .when(change({ title: 'x' }))
      .thenNotFound();
  });

  it('refuses to write one twice', () => given(created).when(create()).thenAlreadyExists());
});

describe('R6.8 a canned response never holds a password', () => {
  it('refuses a password snippet', () =>
    given()
      .when(create({ body: 'Password: {{portal.password}}' }))
      .thenRefuses('R6.8'));

  it('refuses it in a change too', () =>
    given(created)
      .when(change({ body: '{{user.password}}' }))
      .thenRefuses('R6.8'));
});

describe('only admins write macros (settled)', () => {
  it.each(notAdmins)('refuses %s', (_who, actor) => {
    given().when(create({ actor })).thenForbids();
    given(created)
      .when(change({ actor, title: 'x' }))
      .thenForbids();
    given(created).when(remove(actor)).thenForbids();
  });
});

describe('R6.6 an agent applies a canned response to a ticket', () => {
  const values = {
    'portal.url': 'https://help.acme.com/portal',
    'portal.username': 'ann@acme.com',
  };

  it('fills its snippets for the requester and keeps its actions', () => {
    const applied = applyMacro(
      { body, actions: [{ type: 'add_tag', tag: 'credentials_sent' }] },
      values,
    );
    expect(applied).toEqual(
      E.right({
        comment: [
          'Hello,',
          'Please find your portal credentials below:',
          'URL: https://help.acme.com/portal',
          'User name: ann@acme.com',
          `Password: set yours at ${redactedSecret}`,
        ].join('\n'),
        needsPasswordLink: true,
        actions: [{ type: 'add_tag', tag: 'credentials_sent' }],
      }),
    );
  });

  it('R6.8 keeps the single-use link out of the comment, which the event log holds', () => {
    const applied = applyMacro(
      { body, actions: [] },
      { ...values, 'portal.password_link': 'https://help.acme.com/reset?token=s3cret' },
    );
    expect(JSON.stringify(applied)).not.toContain('s3cret');
  });

  it('reports a snippet it has no value for', () =>
    expect(applyMacro({ body: 'Hi {{user.name}}', actions: [] }, values)).toMatchObject({
      left: { missing: ['user.name'] },
    }));
});
