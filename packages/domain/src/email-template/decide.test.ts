import type { EmailTemplateEvent } from '@helpdesk/events';
import { accountId, admin, notAdmins, templateId, triggerId } from '../automation/fixtures';
import type { CommandActor } from '../shared/facts';
import { specification } from '../testing/specification';
import type { ChangeEmailTemplate, CreateEmailTemplate, RemoveEmailTemplate } from './commands';
import { emailTemplateDecider } from './decider';

const { given } = specification(emailTemplateDecider);

const content = {
  name: 'Portal credentials',
  subject: 'Your access, {{user.name}}',
  body: 'Portal: {{portal.url}}\nUser name: {{portal.username}}\nPassword: {{portal.password_link}}',
};

const create = (overrides: Partial<CreateEmailTemplate> = {}): CreateEmailTemplate => ({
  type: 'CreateEmailTemplate',
  templateId,
  accountId,
  actor: admin,
  ...content,
  ...overrides,
});
const change = (changes: Partial<ChangeEmailTemplate> = {}): ChangeEmailTemplate => ({
  type: 'ChangeEmailTemplate',
  templateId,
  actor: admin,
  ...changes,
});
const remove = (
  usedBy: RemoveEmailTemplate['usedBy'] = { triggerIds: [], welcomeEmail: false },
  actor: CommandActor = admin,
): RemoveEmailTemplate => ({ type: 'RemoveEmailTemplate', templateId, actor, usedBy });

const created: EmailTemplateEvent = {
  type: 'EmailTemplateCreated',
  data: { template_id: templateId, account_id: accountId, ...content },
};
const removed: EmailTemplateEvent = {
  type: 'EmailTemplateRemoved',
  data: { template_id: templateId, account_id: accountId },
};

describe('R6.2 an email template carries the portal-credential snippets', () => {
  it('is written with its placeholders', () => given().when(create()).then(created));

  it('trims its name and subject, and keeps its body as written', () =>
    given()
      .when(create({ name: ' Portal credentials ', subject: ' Your access, {{user.name}} ' }))
      .then(created));

  it('refuses an unknown placeholder, naming it', () => {
    given()
      .when(create({ body: 'Hi {{user.nickname}}' }))
      .thenRefuses('R6.2');
    const result = given()
      .when(create({ subject: 'About {{ticket.priority}}' }))
      .result();
    expect(result).toMatchObject({ left: { message: expect.stringMatching(/ticket\.priority/) } });
  });

  it('refuses to be written twice', () => given(created).when(create()).thenAlreadyExists());
});

describe('R6.8 a template never sends a password in clear', () => {
  it.each(['{{portal.password}}', '{{ user.password }}', '{{password}}'])(
    'refuses %s, pointing to the single-use link',
    (snippet) =>
      given()
        .when(create({ body: `Password: ${snippet}` }))
        .thenRefuses('R6.8'),
  );

  it('refuses it in a change too', () =>
    given(created)
      .when(change({ body: 'Password: {{portal.password}}' }))
      .thenRefuses('R6.8'));
});

describe('changing a template', () => {
  it('records its whole new content', () =>
    given(created)
      .when(change({ subject: 'Welcome to {{portal.url}}' }))
      .then({
        type: 'EmailTemplateChanged',
        data: { template_id: templateId, ...content, subject: 'Welcome to {{portal.url}}' },
      }));

  it('changes nothing when nothing differs', () =>
    given(created)
      .when(change({ name: content.name }))
      .thenNothingHappens());

  it('a missing or removed template is not found', () => {
    given()
      .when(change({ name: 'x' }))
      .thenNotFound();
    given(created, removed)
      .when(change({ name: 'x' }))
      .thenNotFound();
  });
});

describe('removing a template', () => {
  it('removes an unused one, and a second removal changes nothing', () => {
    given(created).when(remove()).then(removed);
    given(created, removed).when(remove()).thenNothingHappens();
  });

  it('R6.2 refuses while the welcome email is sent from it', () =>
    given(created)
      .when(remove({ triggerIds: [], welcomeEmail: true }))
      .thenRefuses('R6.2'));

  it('R6.5 refuses while a trigger mails from it', () =>
    given(created)
      .when(remove({ triggerIds: [triggerId], welcomeEmail: false }))
      .thenRefuses('R6.5'));
});

describe('only admins write email templates (settled)', () => {
  it.each(notAdmins)('refuses %s', (_who, actor) => {
    given().when(create({ actor })).thenForbids();
    given(created)
      .when(change({ actor, name: 'x' }))
      .thenForbids();
    given(created).when(remove(undefined, actor)).thenForbids();
  });
});
