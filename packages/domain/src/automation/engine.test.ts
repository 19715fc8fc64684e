import type { ConditionField, ConditionOperator, TicketStatus } from '@helpdesk/events';
import type { Condition, Conditions } from '../trigger/conditions';
import type { TicketAction } from './actions';
import { holds, matches } from './conditions';
import { actionsToRun, inRunningOrder, type RunnableTrigger } from './engine';
import { id, templateId } from './fixtures';
import { mergeRel, triggerRel, type TicketChange, type TicketProperties } from './ticket-change';

const ticket: TicketProperties = {
  id: id(10),
  subject: '[Portal credentials]',
  status: 'new',
  organizationId: id(20),
  requesterId: id(30),
  channel: 'email',
  tags: [],
};
const created = (
  overrides: Partial<TicketProperties> = {},
  rel: string | null = null,
): TicketChange => ({
  event: 'ticket_created',
  ticket: { ...ticket, ...overrides },
  rel,
});

const subjectIs = (value: string): Condition => ({ field: 'subject', operator: 'is', value });
const statusIs = (value: TicketStatus): Condition => ({ field: 'status', operator: 'is', value });
const mail: TicketAction = { type: 'email_requester', templateId };

const trigger = (n: number, overrides: Partial<RunnableTrigger> = {}): RunnableTrigger => ({
  id: id(100 + n),
  active: true,
  event: 'ticket_created',
  conditions: { all: [subjectIs('[Portal credentials]')], any: [] },
  actions: [mail],
  stopProcessing: false,
  ...overrides,
});

describe("R6.5 the seed's rule: a new ticket titled [Portal credentials] mails the credentials", () => {
  const rule = trigger(1, { stopProcessing: true });

  it('fires on a new ticket with that subject, whatever its case and spaces', () => {
    expect(actionsToRun([rule], created())).toEqual([{ triggerId: rule.id, action: mail }]);
    expect(actionsToRun([rule], created({ subject: ' [portal CREDENTIALS] ' }))).toHaveLength(1);
  });

  it('does not fire on another subject', () =>
    expect(actionsToRun([rule], created({ subject: 'Printer broken' }))).toEqual([]));

  it('does not fire on an update', () =>
    expect(actionsToRun([rule], { ...created(), event: 'ticket_updated' })).toEqual([]));

  it('does not fire while inactive', () =>
    expect(actionsToRun([{ ...rule, active: false }], created())).toEqual([]));
});

describe('R6.5 conditions: is, is not, contains; all and any', () => {
  it.each<[ConditionField, ConditionOperator, string | null, boolean]>([
    ['subject', 'contains', 'credentials', true],
    ['subject', 'contains', 'password', false],
    ['subject', 'is_not', 'Printer broken', true],
    ['status', 'is', 'new', true],
    ['status', 'is_not', 'new', false],
    ['organization_id', 'is', id(20), true],
    ['organization_id', 'is', null, false],
    ['organization_id', 'is_not', null, true],
    ['requester_id', 'is', id(30).toUpperCase(), true],
    ['requester_id', 'is_not', id(31), true],
    ['channel', 'is', 'email', true],
    ['channel', 'is', 'portal', false],
  ])('%s %s %s holds: %s', (field, operator, value, expected) =>
    expect(holds({ field, operator, value }, ticket)).toBe(expected),
  );

  it('a ticket without organization matches "organization is none"', () =>
    expect(
      holds(
        { field: 'organization_id', operator: 'is', value: null },
        { ...ticket, organizationId: null },
      ),
    ).toBe(true));

  const yes = statusIs('new');
  const no = statusIs('open');
  it.each<[string, Conditions, boolean]>([
    ['every all holding', { all: [yes, yes], any: [] }, true],
    ['one all failing', { all: [yes, no], any: [] }, false],
    ['one any holding', { all: [], any: [no, yes] }, true],
    ['no any holding', { all: [], any: [no, no] }, false],
    ['all holding but no any', { all: [yes], any: [no] }, false],
    ['all and one any holding', { all: [yes], any: [no, yes] }, true],
  ])('matches with %s: %s', (_what, conditions, expected) =>
    expect(matches(conditions, ticket)).toBe(expected),
  );
});

describe('R6.5 triggers run in order', () => {
  it('runs by position, then as listed', () => {
    const ordered = inRunningOrder([
      { name: 'c', position: 3, removed: false },
      { name: 'a1', position: 1, removed: false },
      { name: 'gone', position: 1, removed: true },
      { name: 'a2', position: 1, removed: false },
    ]);
    expect(ordered.map((t) => t.name)).toEqual(['a1', 'a2', 'c']);
  });

  it("lists every fired trigger's actions in order", () => {
    const tag: TicketAction = { type: 'add_tag', tag: 'portal' };
    const pending: TicketAction = { type: 'set_status', status: 'pending' };
    expect(
      actionsToRun(
        [trigger(1, { actions: [tag, mail] }), trigger(2, { actions: [pending] })],
        created(),
      ),
    ).toEqual([
      { triggerId: id(101), action: tag },
      { triggerId: id(101), action: mail },
      { triggerId: id(102), action: pending },
    ]);
  });

  it('stop_processing ends the run once its trigger fired', () => {
    const runs = actionsToRun([trigger(1, { stopProcessing: true }), trigger(2)], created());
    expect(runs.map((r) => r.triggerId)).toEqual([id(101)]);
  });

  it('a stop_processing trigger that does not fire stops nothing', () => {
    const runs = actionsToRun(
      [
        trigger(1, { stopProcessing: true, conditions: { all: [statusIs('open')], any: [] } }),
        trigger(2),
      ],
      created(),
    );
    expect(runs.map((r) => r.triggerId)).toEqual([id(102)]);
  });

  it('a later trigger sees the status an earlier one set', () => {
    const setOpen = trigger(1, { actions: [{ type: 'set_status', status: 'open' }] });
    const whenOpen = trigger(2, { conditions: { all: [statusIs('open')], any: [] } });
    expect(actionsToRun([setOpen, whenOpen], created()).map((r) => r.triggerId)).toEqual([
      id(101),
      id(102),
    ]);
    expect(actionsToRun([whenOpen, setOpen], created()).map((r) => r.triggerId)).toEqual([id(101)]);
  });
});

describe('R3.6 a merge never runs triggers', () => {
  it('fires nothing for a change a merge made', () =>
    expect(
      actionsToRun([trigger(1)], { ...created(), event: 'ticket_updated', rel: mergeRel }),
    ).toEqual([]));

  it("fires nothing for a trigger action's own change (settled: no loops)", () =>
    expect(actionsToRun([trigger(1)], created({}, triggerRel))).toEqual([]));
});
