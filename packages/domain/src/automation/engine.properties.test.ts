import fc from 'fast-check';
import type { TicketStatus } from '@helpdesk/events';
import type { Condition } from '../trigger/conditions';
import type { TicketAction } from './actions';
import { matches } from './conditions';
import { actionsToRun, type RunnableTrigger } from './engine';
import { id, templateId } from './fixtures';
import { mergeRel, type TicketChange, type TicketProperties } from './ticket-change';

/** Random triggers against random ticket changes: what must hold whatever the configuration. */

const mail: TicketAction = { type: 'email_requester', templateId };

const statuses: TicketStatus[] = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
const subjects = ['[Portal credentials]', 'Printer broken', 'Password reset', 'Invoice'];
const people = [id(30), id(31)];
const organizations = [id(20), id(21), null];

const arbTicket: fc.Arbitrary<TicketProperties> = fc.record({
  id: fc.constant(id(10)),
  subject: fc.constantFrom(...subjects),
  status: fc.constantFrom(...statuses),
  organizationId: fc.constantFrom(...organizations),
  requesterId: fc.constantFrom(...people),
  channel: fc.constantFrom('email' as const, 'portal' as const, 'api' as const),
  tags: fc.constant([]),
});

const arbCondition: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    field: fc.constant('subject' as const),
    operator: fc.constantFrom('is' as const, 'is_not' as const, 'contains' as const),
    value: fc.constantFrom(...subjects, 'Password', 'credentials'),
  }),
  fc.record({
    field: fc.constant('status' as const),
    operator: fc.constantFrom('is' as const, 'is_not' as const),
    value: fc.constantFrom(...statuses),
  }),
  fc.record({
    field: fc.constant('organization_id' as const),
    operator: fc.constantFrom('is' as const, 'is_not' as const),
    value: fc.constantFrom(...organizations),
  }),
  fc.record({
    field: fc.constant('requester_id' as const),
    operator: fc.constantFrom('is' as const, 'is_not' as const),
    value: fc.constantFrom(...people),
  }),
);

const arbAction: fc.Arbitrary<TicketAction> = fc.oneof(
  fc.constant(mail),
  fc.constantFrom(...statuses).map((status) => ({ type: 'set_status' as const, status })),
  fc.constantFrom('vip', 'portal').map((tag) => ({ type: 'add_tag' as const, tag })),
);

const arbTriggers: fc.Arbitrary<RunnableTrigger[]> = fc
  .array(
    fc.record({
      active: fc.boolean(),
      event: fc.constantFrom('ticket_created' as const, 'ticket_updated' as const),
      conditions: fc.record({
        all: fc.array(arbCondition, { maxLength: 2 }),
        any: fc.array(arbCondition, { maxLength: 2 }),
      }),
      actions: fc.array(arbAction, { minLength: 1, maxLength: 3 }),
      stopProcessing: fc.boolean(),
    }),
    { maxLength: 8 },
  )
  .map((triggers) => triggers.map((t, i) => ({ ...t, id: id(100 + i) })));

const arbChange: fc.Arbitrary<TicketChange> = fc.record({
  event: fc.constantFrom('ticket_created' as const, 'ticket_updated' as const),
  ticket: arbTicket,
  rel: fc.constantFrom(null, 'organization_removed'),
});

const firedIds = (triggers: RunnableTrigger[], change: TicketChange) => [
  ...new Set(actionsToRun(triggers, change).map((r) => r.triggerId)),
];

describe('R6.5 properties of the trigger engine', () => {
  it('an inactive trigger never fires', () =>
    fc.assert(
      fc.property(arbTriggers, arbChange, (triggers, change) => {
        const inactive = triggers.filter((t) => !t.active).map((t) => t.id);
        for (const fired of firedIds(triggers, change)) expect(inactive).not.toContain(fired);
      }),
    ));

  it('a trigger for the other event never fires', () =>
    fc.assert(
      fc.property(arbTriggers, arbChange, (triggers, change) => {
        const byId = new Map(triggers.map((t) => [t.id, t]));
        for (const fired of firedIds(triggers, change))
          expect(byId.get(fired)!.event).toBe(change.event);
      }),
    ));

  it('no trigger after a fired stop_processing one runs', () =>
    fc.assert(
      fc.property(arbTriggers, arbChange, (triggers, change) => {
        const fired = firedIds(triggers, change);
        const stopper = fired.findIndex((f) => triggers.find((t) => t.id === f)!.stopProcessing);
        if (stopper !== -1) expect(fired).toHaveLength(stopper + 1);
      }),
    ));

  it('fired triggers come in running order, each with all its actions in order', () =>
    fc.assert(
      fc.property(arbTriggers, arbChange, (triggers, change) => {
        const planned = actionsToRun(triggers, change);
        const fired = firedIds(triggers, change);
        const positions = fired.map((f) => triggers.findIndex((t) => t.id === f));
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        for (const f of fired)
          expect(planned.filter((p) => p.triggerId === f).map((p) => p.action)).toEqual(
            triggers.find((t) => t.id === f)!.actions,
          );
      }),
    ));

  it('the first trigger fires exactly when its conditions match the ticket', () =>
    fc.assert(
      fc.property(arbTriggers, arbChange, (triggers, change) => {
        const first = triggers[0];
        if (first === undefined || !first.active || first.event !== change.event) return;
        expect(firedIds(triggers, change).includes(first.id)).toBe(
          matches(first.conditions, change.ticket),
        );
      }),
    ));

  it('R3.6 a merge never fires anything', () =>
    fc.assert(
      fc.property(arbTriggers, arbChange, (triggers, change) => {
        expect(actionsToRun(triggers, { ...change, rel: mergeRel })).toEqual([]);
      }),
    ));
});
