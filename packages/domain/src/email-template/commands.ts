import * as t from 'io-ts';
import { NonEmptyString, Uuid } from '@helpdesk/events';
import { CommandActor } from '../shared/facts';
import { taggedUnion } from '../shared/tagged-union';

/** The email template's commands (R6.2, R6.5). */

const content = { name: NonEmptyString, subject: NonEmptyString, body: NonEmptyString };

const command = <Type extends string, P extends t.Props>(type: Type, props: P) =>
  t.strict({ type: t.literal(type), templateId: Uuid, actor: CommandActor, ...props }, type);

export const CreateEmailTemplate = command('CreateEmailTemplate', { accountId: Uuid, ...content });
export type CreateEmailTemplate = t.TypeOf<typeof CreateEmailTemplate>;

/** Only the parts given change; the others keep their value. */
export const ChangeEmailTemplate = t.intersection(
  [command('ChangeEmailTemplate', {}), t.exact(t.partial(content))],
  'ChangeEmailTemplate',
);
export type ChangeEmailTemplate = t.TypeOf<typeof ChangeEmailTemplate>;

/**
 * What still sends from the template, looked up by the application: the triggers whose actions
 * name it (active or not, so that none can be switched on with a dangling template) and whether
 * it is the account's welcome email template.
 */
export const TemplateUse = t.strict(
  { triggerIds: t.array(Uuid), welcomeEmail: t.boolean },
  'TemplateUse',
);
export type TemplateUse = t.TypeOf<typeof TemplateUse>;

export const RemoveEmailTemplate = command('RemoveEmailTemplate', { usedBy: TemplateUse });
export type RemoveEmailTemplate = t.TypeOf<typeof RemoveEmailTemplate>;

export const EmailTemplateCommand = taggedUnion('EmailTemplateCommand', {
  CreateEmailTemplate,
  ChangeEmailTemplate,
  RemoveEmailTemplate,
});
export type EmailTemplateCommand = t.TypeOf<typeof EmailTemplateCommand>;
