import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import {
  templateIdsOf,
  triggerDecider,
  type Conditions,
  type TicketAction,
  type TriggerCommand,
  type TriggerState,
} from '@helpdesk/domain';
import { streams, type TriggerEventType, type Uuid } from '@helpdesk/events';
import type { AppError } from '../../command/app-error';
import {
  handleCommand,
  type CommandDeps,
  type CommandResult,
  type HandleOptions,
} from '../../command/handle-command';
import { loadStream } from '../../command/load-stream';
import { contextOf, type Caller } from '../caller';
import { inSequence } from '../in-sequence';
import { liveTemplateIds } from './live-templates';
import { ofAccount } from './of-account';

/** What a trigger does (R6.5), apart from whether and where it runs. */
export interface TriggerDefinitionInput {
  readonly title: string;
  readonly event: TriggerEventType;
  readonly conditions: Conditions;
  readonly actions: ReadonlyArray<TicketAction>;
  readonly stopProcessing: boolean;
}

export interface NewTrigger extends TriggerDefinitionInput {
  readonly active: boolean;
  /** triggers run by ascending position */
  readonly position: number;
}

/** Only the parts given change. */
export type TriggerChanges = Partial<NewTrigger>;

type TriggerResult = TE.TaskEither<AppError, CommandResult<TriggerState>>;

const triggersOf = (caller: Caller) => ofAccount(triggerDecider, caller.accountId, 'trigger');

/** R6.5: an admin sets up a trigger; it may only mail from live templates of the account. */
export const createTrigger = (
  deps: CommandDeps,
  caller: Caller,
  trigger: NewTrigger,
  triggerId: Uuid = deps.ids.next(),
): TriggerResult =>
  pipe(
    liveTemplateIds(deps.eventStore, caller.accountId, templateIdsOf(trigger.actions)),
    TE.chain((existingTemplateIds) =>
      handleCommand(
        deps,
        triggersOf(caller),
        streams.trigger(triggerId),
        {
          type: 'CreateTrigger',
          triggerId,
          accountId: caller.accountId,
          actor: caller.actor,
          ...trigger,
          actions: [...trigger.actions],
          existingTemplateIds: [...existingTemplateIds],
        },
        contextOf(caller),
      ),
    ),
  );

/**
 * The commands of a change, in one append: the definition (always decided, so that a trigger that
 * is not there, or not the caller's to change, is refused even when nothing else is asked), then
 * the active flag, then the position.
 */
const commandsOf = (
  caller: Caller,
  triggerId: Uuid,
  changes: TriggerChanges,
  existingTemplateIds: ReadonlyArray<Uuid>,
): ReadonlyArray<TriggerCommand> => {
  const { active, position, actions, ...definition } = changes;
  const actor = caller.actor;
  return [
    {
      type: 'ChangeTrigger',
      triggerId,
      actor,
      existingTemplateIds: [...existingTemplateIds],
      ...definition,
      ...(actions === undefined ? {} : { actions: [...actions] }),
    },
    ...(active === undefined
      ? []
      : [{ type: active ? 'ActivateTrigger' : 'DeactivateTrigger', triggerId, actor } as const]),
    ...(position === undefined
      ? []
      : [{ type: 'RepositionTrigger', triggerId, actor, position } as const]),
  ];
};

/** R6.5: an admin changes a trigger: its definition, whether it is active, where it runs. */
export const changeTrigger = (
  deps: CommandDeps,
  caller: Caller,
  triggerId: Uuid,
  changes: TriggerChanges,
  options: HandleOptions = {},
): TriggerResult =>
  pipe(
    // the templates to check are those the trigger will mail from: its new actions, or its own
    changes.actions === undefined
      ? pipe(
          loadStream(deps.eventStore, triggerDecider, streams.trigger(triggerId)),
          TE.map(({ state }) => (state === null ? [] : templateIdsOf(state.actions))),
        )
      : TE.right(templateIdsOf(changes.actions)),
    TE.chain((templateIds) => liveTemplateIds(deps.eventStore, caller.accountId, templateIds)),
    TE.chain((existing) =>
      handleCommand(
        deps,
        inSequence(triggersOf(caller)),
        streams.trigger(triggerId),
        commandsOf(caller, triggerId, changes, existing),
        contextOf(caller),
        options,
      ),
    ),
  );

export const removeTrigger = (
  deps: CommandDeps,
  caller: Caller,
  triggerId: Uuid,
  options: HandleOptions = {},
): TriggerResult =>
  handleCommand(
    deps,
    triggersOf(caller),
    streams.trigger(triggerId),
    { type: 'RemoveTrigger', triggerId, actor: caller.actor },
    contextOf(caller),
    options,
  );
