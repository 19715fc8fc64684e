import * as E from 'fp-ts/Either';
import {
  categoryOf,
  decodeEvent,
  decodeEventData,
  eventDefinition,
  idOf,
  streams,
  type EventMetadata,
} from './index';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const metadata: EventMetadata = {
  account_id: id(1),
  actor: { type: 'user', id: id(2) },
  correlation_id: 'req-1',
  causation_id: null,
  occurred_at: '2026-11-21T10:00:00.000Z',
  via: { channel: 'api', rel: null },
  schema_version: 1,
};

const template = { name: 'Welcome', subject: 'Hello {{user.name}}', body: 'See {{portal.url}}' };
const trigger = {
  title: 'Portal credentials',
  event: 'ticket_created',
  conditions: {
    all: [{ field: 'subject', operator: 'is', value: '[Portal credentials]' }],
    any: [{ field: 'organization_id', operator: 'is', value: null }],
  },
  actions: [
    { type: 'email_requester', template_id: id(3) },
    { type: 'set_status', status: 'pending' },
    { type: 'add_tag', tag: 'portal' },
  ],
  stop_processing: true,
};
const macro = {
  title: 'Credentials',
  body: 'URL: {{portal.url}}',
  actions: [{ type: 'add_tag', tag: 'credentials' }],
};

/** A valid example of every configuration event, and of the events R6 adds to tickets and users. */
const examples: Record<string, { stream: string; data: unknown }> = {
  EmailTemplateCreated: {
    stream: streams.template(id(3)),
    data: { template_id: id(3), account_id: id(1), ...template },
  },
  EmailTemplateChanged: {
    stream: streams.template(id(3)),
    data: { template_id: id(3), ...template },
  },
  EmailTemplateRemoved: {
    stream: streams.template(id(3)),
    data: { template_id: id(3), account_id: id(1) },
  },
  TriggerCreated: {
    stream: streams.trigger(id(4)),
    data: { trigger_id: id(4), account_id: id(1), ...trigger, active: true, position: 1 },
  },
  TriggerChanged: { stream: streams.trigger(id(4)), data: { trigger_id: id(4), ...trigger } },
  TriggerActivated: { stream: streams.trigger(id(4)), data: { trigger_id: id(4) } },
  TriggerDeactivated: { stream: streams.trigger(id(4)), data: { trigger_id: id(4) } },
  TriggerRepositioned: {
    stream: streams.trigger(id(4)),
    data: { trigger_id: id(4), position: 3, previous_position: 1 },
  },
  TriggerRemoved: {
    stream: streams.trigger(id(4)),
    data: { trigger_id: id(4), account_id: id(1) },
  },
  MacroCreated: {
    stream: streams.macro(id(5)),
    data: { macro_id: id(5), account_id: id(1), ...macro },
  },
  MacroChanged: { stream: streams.macro(id(5)), data: { macro_id: id(5), ...macro } },
  MacroRemoved: { stream: streams.macro(id(5)), data: { macro_id: id(5), account_id: id(1) } },
  IntegrationCreated: {
    stream: streams.integration(id(6)),
    data: {
      integration_id: id(6),
      account_id: id(1),
      name: 'Billing sync',
      authorized_by_id: id(2),
    },
  },
  IntegrationReauthorizationRequired: {
    stream: streams.integration(id(6)),
    data: { integration_id: id(6), authorized_by_id: id(2), owner_id: id(7) },
  },
  IntegrationAuthorized: {
    stream: streams.integration(id(6)),
    data: { integration_id: id(6), authorized_by_id: id(7), previous_authorized_by_id: id(2) },
  },
  IntegrationRemoved: {
    stream: streams.integration(id(6)),
    data: { integration_id: id(6), account_id: id(1) },
  },
  TicketTagAdded: { stream: streams.ticket(id(8)), data: { ticket_id: id(8), tag: 'portal' } },
  PasswordResetRequested: {
    stream: streams.user(id(9)),
    data: { user_id: id(9), reset_id: id(10) },
  },
  PasswordResetCompleted: {
    stream: streams.user(id(9)),
    data: { user_id: id(9), reset_id: id(10) },
  },
};

const pathsOf = (result: E.Either<{ issues: ReadonlyArray<{ path: string }> }, unknown>) =>
  E.isLeft(result) ? [...new Set(result.left.issues.map((i) => i.path))] : [];

describe('the configuration events and the events R6 adds', () => {
  it.each(Object.entries(examples))('round-trips %s through its codec', (type, { data }) => {
    const stored = JSON.parse(JSON.stringify({ type, data, metadata }));
    expect(decodeEvent(stored)).toEqual(E.right({ event: { type, data }, metadata }));
  });

  it.each(Object.entries(examples))(
    'files %s under the category of its stream',
    (type, { stream }) => expect(eventDefinition(type)?.category).toBe(categoryOf(stream)),
  );

  it('names streams `<category>-<id>`', () => {
    expect(streams.template(id(3))).toBe(`template-${id(3)}`);
    expect(streams.trigger(id(4))).toBe(`trigger-${id(4)}`);
    expect(streams.macro(id(5))).toBe(`macro-${id(5)}`);
    expect(idOf(streams.integration(id(6)))).toBe(id(6));
  });
});

describe('R6.5 a trigger event refuses what no trigger can be', () => {
  const created = examples.TriggerCreated!.data as Record<string, unknown>;

  it('an unknown condition field, operator or event, by path', () =>
    expect(
      pathsOf(
        decodeEventData('TriggerCreated', {
          ...created,
          event: 'ticket_deleted',
          conditions: {
            all: [{ field: 'priority', operator: 'matches', value: 'x' }],
            any: [],
          },
        }),
      ).sort(),
    ).toEqual(['data.conditions.all.0.field', 'data.conditions.all.0.operator', 'data.event']));

  it('an action with a bad template id', () =>
    expect(
      pathsOf(
        decodeEventData('TriggerCreated', {
          ...created,
          actions: [{ type: 'email_requester', template_id: 'welcome' }],
        }),
      ),
    ).toContain('data.actions.0.template_id'));

  it('a position below 1', () =>
    expect(pathsOf(decodeEventData('TriggerCreated', { ...created, position: 0 }))).toEqual([
      'data.position',
    ]));
});

describe('R4.5 an integration event', () => {
  it('names who authorised it', () =>
    expect(
      pathsOf(
        decodeEventData('IntegrationCreated', {
          integration_id: id(6),
          account_id: id(1),
          name: 'Billing sync',
        }),
      ),
    ).toEqual(['data.authorized_by_id']));
});

describe('R6.8 no secret enters the log', () => {
  it('a password reset event keeps no token or password, even when given one', () => {
    const decoded = decodeEventData('PasswordResetRequested', {
      user_id: id(9),
      reset_id: id(10),
      token: 'secret-token',
      password: 'hunter2',
    });
    expect(JSON.stringify(decoded)).not.toMatch(/secret-token|hunter2/);
  });
});
