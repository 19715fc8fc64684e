import * as t from 'io-ts';
import { NonEmptyString, Uuid } from '@helpdesk/events';
import { MacroAction } from '../automation/actions';
import { CommandActor } from '../shared/facts';
import { taggedUnion } from '../shared/tagged-union';

/** The macro's commands: canned responses (R6.6). */

const content = { title: NonEmptyString, body: NonEmptyString, actions: t.array(MacroAction) };

const command = <Type extends string, P extends t.Props>(type: Type, props: P) =>
  t.strict({ type: t.literal(type), macroId: Uuid, actor: CommandActor, ...props }, type);

export const CreateMacro = command('CreateMacro', { accountId: Uuid, ...content });
export type CreateMacro = t.TypeOf<typeof CreateMacro>;

/** Only the parts given change; the others keep their value. */
export const ChangeMacro = t.intersection(
  [command('ChangeMacro', {}), t.exact(t.partial(content))],
  'ChangeMacro',
);
export type ChangeMacro = t.TypeOf<typeof ChangeMacro>;

export const RemoveMacro = command('RemoveMacro', {});
export type RemoveMacro = t.TypeOf<typeof RemoveMacro>;

export const MacroCommand = taggedUnion('MacroCommand', { CreateMacro, ChangeMacro, RemoveMacro });
export type MacroCommand = t.TypeOf<typeof MacroCommand>;
