import type { TriggerEvent } from '@helpdesk/events';
import {
  accountId,
  admin,
  id,
  notAdmins,
  otherTemplateId,
  templateId,
  triggerId,
} from '../automation/fixtures';
import type { CommandActor } from '../shared/facts';
import { specification } from '../testing/specification';
import type { Condition } from './conditions';
import type { TriggerCommand } from './commands';
import { triggerDecider } from './decider';
import { changeTrigger, createTrigger, triggerChanged, triggerCreated } from './fixtures';

const { given } = specification(triggerDecider);

const simple = (
  type: 'ActivateTrigger' | 'DeactivateTrigger' | 'RemoveTrigger',
  actor: CommandActor = admin,
): TriggerCommand => ({ type, triggerId, actor });
const reposition = (position: number, actor: CommandActor = admin): TriggerCommand => ({
  type: 'RepositionTrigger',
  triggerId,
  actor,
  position,
});
const removed: TriggerEvent = {
  type: 'TriggerRemoved',
  data: { trigger_id: triggerId, account_id: accountId },
};
const withConditions = (all: Condition[], any: Condition[] = []) =>
  createTrigger({ conditions: { all, any } });

describe('R6.5 a trigger: an event, conditions on ticket properties, actions', () => {
  it("sets up the seed's rule: subject is [Portal credentials] -> email the requester", () =>
    given().when(createTrigger()).then(triggerCreated()));

  it('keeps all and any conditions, several actions, inactive and at a position', () => {
    const command = createTrigger({
      event: 'ticket_updated',
      conditions: {
        all: [{ field: 'status', operator: 'is_not', value: 'closed' }],
        any: [
          { field: 'channel', operator: 'is', value: 'email' },
          { field: 'organization_id', operator: 'is', value: null },
          { field: 'requester_id', operator: 'is', value: id(7) },
          { field: 'subject', operator: 'contains', value: 'password' },
        ],
      },
      actions: [
        { type: 'set_status', status: 'pending' },
        { type: 'add_tag', tag: 'portal' },
        { type: 'email_requester', templateId },
      ],
      stopProcessing: false,
      active: false,
      position: 7,
    });
    given().when(command).then(triggerCreated(command));
  });

  it.each<[string, Condition]>([
    ['contains on a status', { field: 'status', operator: 'contains', value: 'open' }],
    ['contains on an id', { field: 'requester_id', operator: 'contains', value: id(7) }],
    ['an unknown status', { field: 'status', operator: 'is', value: 'archived' }],
    ['an unknown channel', { field: 'channel', operator: 'is', value: 'fax' }],
    ['a requester that is no id', { field: 'requester_id', operator: 'is', value: 'ann' }],
    ['no requester', { field: 'requester_id', operator: 'is', value: null }],
    ['an organization that is no id', { field: 'organization_id', operator: 'is', value: 'acme' }],
    ['an empty subject', { field: 'subject', operator: 'contains', value: '  ' }],
  ])('refuses a condition with %s', (_what, condition) => {
    given()
      .when(withConditions([condition]))
      .thenRefuses('R6.5');
    given()
      .when(withConditions([], [condition]))
      .thenRefuses('R6.5');
  });

  it('refuses a trigger without conditions (settled: it would act on every ticket)', () =>
    given().when(withConditions([], [])).thenRefuses('R6.5'));

  it('refuses a trigger without actions', () =>
    given()
      .when(createTrigger({ actions: [] }))
      .thenRefuses('R6.5'));

  it('refuses to mail from a template that does not exist', () =>
    given()
      .when(createTrigger({ actions: [{ type: 'email_requester', templateId: otherTemplateId }] }))
      .thenRefuses('R6.5'));

  it('refuses to be set up twice', () =>
    given(triggerCreated()).when(createTrigger()).thenAlreadyExists());
});

describe('R6.5 changing a trigger', () => {
  it('records its whole new definition', () =>
    given(triggerCreated())
      .when(changeTrigger({ title: ' Credentials on update ', event: 'ticket_updated' }))
      .then(triggerChanged({ title: 'Credentials on update', event: 'ticket_updated' })));

  it('validates the new definition like a new one', () => {
    given(triggerCreated())
      .when(changeTrigger({ actions: [] }))
      .thenRefuses('R6.5');
    given(triggerCreated())
      .when(changeTrigger({ existingTemplateIds: [], stopProcessing: false }))
      .thenRefuses('R6.5');
  });

  it('changes nothing when nothing differs', () =>
    given(triggerCreated())
      .when(changeTrigger({ title: 'Portal credentials', stopProcessing: true }))
      .thenNothingHappens());
});

describe('R6.5 triggers can be active or not and run in order', () => {
  it('deactivates and activates again, each once', () => {
    given(triggerCreated())
      .when(simple('DeactivateTrigger'))
      .then({ type: 'TriggerDeactivated', data: { trigger_id: triggerId } });
    given(triggerCreated()).when(simple('ActivateTrigger')).thenNothingHappens();
    given(triggerCreated({ active: false }))
      .when(simple('ActivateTrigger'))
      .then({ type: 'TriggerActivated', data: { trigger_id: triggerId } });
    given(triggerCreated({ active: false }))
      .when(simple('DeactivateTrigger'))
      .thenNothingHappens();
  });

  it('moves to another position, recording the previous one', () =>
    given(triggerCreated({ position: 2 }))
      .when(reposition(5))
      .then({
        type: 'TriggerRepositioned',
        data: { trigger_id: triggerId, position: 5, previous_position: 2 },
      }));

  it('changes nothing when moved where it is', () =>
    given(triggerCreated({ position: 2 }))
      .when(reposition(2))
      .thenNothingHappens());
});

describe('removing a trigger', () => {
  it('removes it, and a second removal changes nothing', () => {
    given(triggerCreated()).when(simple('RemoveTrigger')).then(removed);
    given(triggerCreated(), removed).when(simple('RemoveTrigger')).thenNothingHappens();
  });

  it.each<TriggerCommand>([
    simple('ActivateTrigger'),
    reposition(3),
    changeTrigger({ title: 'x' }),
  ])('a removed or missing trigger is not found ($type)', (command) => {
    given(triggerCreated(), removed).when(command).thenNotFound();
    given().when(command).thenNotFound();
  });
});

describe('only admins configure triggers (settled)', () => {
  it.each(notAdmins)('refuses %s', (_who, actor) => {
    given().when(createTrigger({ actor })).thenForbids();
    given(triggerCreated()).when(simple('DeactivateTrigger', actor)).thenForbids();
    given(triggerCreated()).when(reposition(4, actor)).thenForbids();
    given(triggerCreated()).when(simple('RemoveTrigger', actor)).thenForbids();
  });
});
