import {
  createEmailTemplate,
  createTicket,
  createTrigger,
  eventually,
  recordingOutbox,
  updateTicket,
  type NewTrigger,
} from '@helpdesk/application';
import type { Uuid } from '@helpdesk/events';
import { openHarness, type Harness } from '../testing/harness';

const engine = process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite';

interface AuditRow {
  readonly event_type: string;
  readonly rel: string | null;
  readonly actor_type: string;
  readonly causation_id: string | null;
}

describe(`R6.5 R3.6 ticket triggers, through the worker on ${engine}`, () => {
  let h: Harness;
  const mail = recordingOutbox();
  beforeAll(async () => {
    h = await openHarness({ processes: ['ticket_triggers', 'user_merges'], outbox: mail.outbox });
    await h.desk.changeSettings({ portalUrl: 'https://help.acme.example' });
  });
  afterAll(async () => {
    await h.dispose();
  });

  const template = async (body: string) =>
    (
      await h.succeed(
        createEmailTemplate(h.desk.deps, h.desk.owner(), {
          name: 'Credentials',
          subject: 'Your access to {{portal.url}}',
          body,
        }),
      )
    ).state!.id;

  const trigger = async (definition: Omit<NewTrigger, 'title' | 'active' | 'position'>) =>
    (
      await h.succeed(
        createTrigger(h.desk.deps, h.desk.owner(), {
          title: 'Rule',
          active: true,
          position: 1,
          ...definition,
        }),
      )
    ).state!.id;

  const ticket = async (requesterId: Uuid, subject: string) => {
    const created = await h.succeed(
      createTicket(h.desk.deps, h.desk.owner(), { subject, requesterId }),
    );
    if (!created.state.exists) throw new Error('no ticket');
    return { id: created.state.id, eventId: created.events[0]!.id };
  };

  const auditsOf = async (ticketId: Uuid) => {
    await h.caughtUp('ticket_audits');
    return h.sql<AuditRow>(
      `SELECT event_type, rel, actor_type, causation_id FROM ticket_audits
       WHERE ticket_id = $1 ORDER BY global_position`,
      [ticketId],
    );
  };

  const triggered = (ticketId: Uuid, count: number) =>
    eventually(`the triggers' changes of ${ticketId}`, async () => {
      const rows = (await auditsOf(ticketId)).filter((r) => r.rel === 'trigger');
      return rows.length >= count ? rows : undefined;
    });

  it('R6.5 the seed’s rule: a [Portal credentials] ticket mails its requester and is tagged and set pending by the system', async () => {
    const templateId = await template('Hello {{user.name}}: {{portal.password_link}}');
    await trigger({
      event: 'ticket_created',
      conditions: {
        all: [{ field: 'subject', operator: 'is', value: '[Portal credentials]' }],
        any: [],
      },
      actions: [
        { type: 'email_requester', templateId },
        { type: 'add_tag', tag: 'portal' },
        { type: 'set_status', status: 'pending' },
      ],
      stopProcessing: true,
    });
    const ann = await h.desk.endUser('Ann', { emails: ['ann@customer.example'] });
    const asked = await ticket(ann, '[Portal credentials]');
    const other = await ticket(ann, 'Printer on fire');
    expect(await triggered(asked.id, 2)).toEqual([
      {
        event_type: 'TicketTagAdded',
        rel: 'trigger',
        actor_type: 'system',
        causation_id: asked.eventId,
      },
      {
        event_type: 'TicketStatusChanged',
        rel: 'trigger',
        actor_type: 'system',
        causation_id: asked.eventId,
      },
    ]);
    expect(mail.mails()).toEqual([
      expect.objectContaining({
        to: 'ann@customer.example',
        subject: 'Your access to https://help.acme.example',
        body: 'Hello Ann: {{portal.password_link}}',
        ticketId: asked.id,
        causationId: asked.eventId,
      }),
    ]);
    expect((await auditsOf(other.id)).map((r) => r.event_type)).toEqual(['TicketCreated']);
  });

  it('R3.6 a merge moves tickets to the target without setting off triggers; a manual change does', async () => {
    const before = mail.mails().length;
    const source = await h.desk.endUser('Bob (duplicate)', { emails: ['bob@old.example'] });
    const target = await h.desk.endUser('Bob', { emails: ['bob@new.example'] });
    const templateId = await template('Hi {{user.name}}');
    await trigger({
      event: 'ticket_updated',
      conditions: { all: [{ field: 'requester_id', operator: 'is', value: target }], any: [] },
      actions: [
        { type: 'add_tag', tag: 'for_bob' },
        { type: 'email_requester', templateId },
      ],
      stopProcessing: false,
    });
    const merged = await ticket(source, 'Order 1');
    const carol = await h.desk.endUser('Carol', { emails: ['carol@customer.example'] });
    const manual = await ticket(carol, 'Order 2');
    const requested = await h.succeed(h.merge(source, target));
    await h.completed(requested.merged.id);
    await h.succeed(
      updateTicket(h.desk.deps, h.desk.owner(), manual.id, {
        requester: { kind: 'user', userId: target },
      }),
    );
    await triggered(manual.id, 1);
    // the process handles the log in order: once the manual change is done, the merge's is too
    expect((await auditsOf(merged.id)).map((r) => [r.event_type, r.rel])).toEqual([
      ['TicketCreated', null],
      ['RequesterChanged', 'merge'],
    ]);
    expect(
      mail
        .mails()
        .slice(before)
        .map((m) => [m.ticketId, m.to]),
    ).toEqual([[manual.id, 'bob@new.example']]);
  });

  /** the last ticket event recorded so far: the last the trigger process has to handle */
  const lastTicketEvent = async (): Promise<bigint> => {
    await h.caughtUp('ticket_audits');
    const [row] = await h.sql<{ position: string }>(
      'SELECT max(global_position)::text AS position FROM ticket_audits',
    );
    return BigInt(row?.position ?? '0');
  };

  /** once the trigger process has handled every ticket event, its own appends included */
  const triggersDone = async (): Promise<void> => {
    const last = await lastTicketEvent();
    await eventually('the trigger process to handle every ticket event', async () => {
      const rows = await h.sql<{ position: string }>(
        `SELECT position::text AS position FROM ${h.db.schema}_pm.process_checkpoints
         WHERE name = 'ticket_triggers'`,
      );
      return rows[0] !== undefined && BigInt(rows[0].position) >= last ? true : undefined;
    });
    if ((await lastTicketEvent()) > last) await triggersDone();
  };

  it('R6.5 exactly once: the process replayed from the start of the log queues and changes nothing twice', async () => {
    const triggerRows = async () =>
      h.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ticket_audits WHERE rel = 'trigger'`);
    // nothing is under way, so nothing writes the checkpoint again once it is gone
    await triggersDone();
    await h.caughtUp('ticket_audits');
    const changes = await triggerRows();
    const queued = mail.mails();
    const calls = mail.calls();
    await h.sql(`DELETE FROM ${h.db.schema}_pm.process_checkpoints WHERE name = 'ticket_triggers'`);
    await h.restart();
    await triggersDone();
    expect(mail.calls()).toBeGreaterThan(calls);
    expect(mail.mails()).toEqual(queued);
    await h.caughtUp('ticket_audits');
    expect(await triggerRows()).toEqual(changes);
  });
});
