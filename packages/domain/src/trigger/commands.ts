import * as t from 'io-ts';
import { NonEmptyString, PositiveInteger, TriggerEventType, Uuid } from '@helpdesk/events';
import { TicketAction } from '../automation/actions';
import { CommandActor } from '../shared/facts';
import { taggedUnion } from '../shared/tagged-union';
import { Conditions } from './conditions';

/**
 * The trigger's commands (R6.5). Which email templates exist is another aggregate's fact: the
 * application looks up the templates the actions name and passes those that exist, live, in
 * this account, as `existingTemplateIds`.
 */

const definition = {
  title: NonEmptyString,
  event: TriggerEventType,
  conditions: Conditions,
  actions: t.array(TicketAction),
  stopProcessing: t.boolean,
};

const command = <Type extends string, P extends t.Props>(type: Type, props: P) =>
  t.strict({ type: t.literal(type), triggerId: Uuid, actor: CommandActor, ...props }, type);

export const CreateTrigger = command('CreateTrigger', {
  accountId: Uuid,
  ...definition,
  active: t.boolean,
  /** triggers run by ascending position */
  position: PositiveInteger,
  existingTemplateIds: t.array(Uuid),
});
export type CreateTrigger = t.TypeOf<typeof CreateTrigger>;

/** Only the parts given change; the others keep their value. */
export const ChangeTrigger = t.intersection(
  [
    command('ChangeTrigger', { existingTemplateIds: t.array(Uuid) }),
    t.exact(t.partial(definition)),
  ],
  'ChangeTrigger',
);
export type ChangeTrigger = t.TypeOf<typeof ChangeTrigger>;

export const ActivateTrigger = command('ActivateTrigger', {});
export type ActivateTrigger = t.TypeOf<typeof ActivateTrigger>;
export const DeactivateTrigger = command('DeactivateTrigger', {});
export type DeactivateTrigger = t.TypeOf<typeof DeactivateTrigger>;
export const RepositionTrigger = command('RepositionTrigger', { position: PositiveInteger });
export type RepositionTrigger = t.TypeOf<typeof RepositionTrigger>;
export const RemoveTrigger = command('RemoveTrigger', {});
export type RemoveTrigger = t.TypeOf<typeof RemoveTrigger>;

export const TriggerCommand = taggedUnion('TriggerCommand', {
  CreateTrigger,
  ChangeTrigger,
  ActivateTrigger,
  DeactivateTrigger,
  RepositionTrigger,
  RemoveTrigger,
});
export type TriggerCommand = t.TypeOf<typeof TriggerCommand>;
