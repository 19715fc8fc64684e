import { ticketDecider, type Conditions } from '@helpdesk/domain';
import { streams } from '@helpdesk/events';
import { handleCommand } from '../../command/handle-command';
import { uuidGenerator } from '../../ports/id-generator';
import { knownUserOf } from '../../use-cases/lookups';
import { updateAccount } from '../../use-cases/account-changes';
import { mail, ticketOf } from '../../use-cases/inbound-email/inbound-email.fixtures';
import { receiveInboundEmail } from '../../use-cases/inbound-email/receive-inbound-email';
import { createTicket } from '../../use-cases/tickets';
import { updateTicket } from '../../use-cases/update-ticket';
import { changeTrigger } from '../../use-cases/automation/triggers';
import { mergeContext } from '../merge/carry-out';
import { succeed } from '../testing';
import { ann, openDesk, subjectIs } from './trigger-process.fixtures';
import { triggerMailId } from './trigger-mail';

describe('R6.5 the seed’s rule: subject is [Portal credentials] -> email the requester the credentials', () => {
  it('queues the mail for the requester, its link left for the sender to mint; another subject sends nothing', async () => {
    const d = await openDesk();
    const templateId = await d.template();
    const triggerId = await d.trigger(subjectIs('[Portal credentials]'), [
      { type: 'email_requester', templateId },
    ]);
    const requester = await ann(d);
    const asked = await d.ticket(requester, '[Portal credentials]');
    await d.ticket(requester, 'Printer on fire');
    await d.process();
    const user = await succeed(knownUserOf(d.store, d.desk.opened.accountId, requester));
    expect(d.mail.mails()).toEqual([
      {
        id: triggerMailId(asked.event.id, triggerId, templateId),
        accountId: d.desk.opened.accountId,
        to: expect.stringMatching(/^ann-.*@example\.com$/),
        templateId,
        subject: `Access to ticket ${asked.id}`,
        body: 'Hello Ann, set a password: {{portal.password_link}}',
        ticketId: asked.id,
        userId: user.id,
        causationId: asked.event.id,
      },
    ]);
  });

  it('queues nothing twice, and changes the ticket once, when a change is handled again (a replay after a crash)', async () => {
    const d = await openDesk();
    const templateId = await d.template('Hello {{user.name}}');
    await d.trigger(subjectIs('[Portal credentials]'), [
      { type: 'email_requester', templateId },
      { type: 'add_tag', tag: 'portal' },
      { type: 'set_status', status: 'pending' },
    ]);
    const asked = await d.ticket(await ann(d), '[Portal credentials]');
    const recorded = await d.newTicketEvents();
    await d.handle(recorded);
    // meanwhile an agent takes the ticket up: the replay must not set it back to pending
    await succeed(updateTicket(d.desk.deps, d.caller(), asked.id, { status: 'open' }));
    await d.handle(recorded);
    expect(d.mail.mails()).toHaveLength(1);
    expect(d.mail.calls()).toBe(2);
    const stream = await d.ticketStream(asked.id);
    expect(stream.map((e) => e.type)).toEqual([
      'TicketCreated',
      'TicketTagAdded',
      'TicketStatusChanged',
      'TicketStatusChanged',
    ]);
    expect(await d.state(asked.id)).toMatchObject({ status: 'open' });
    expect(stream[1]!.metadata).toMatchObject({
      actor: { type: 'system', id: null },
      correlation_id: (asked.event.metadata as { correlation_id: string }).correlation_id,
      causation_id: asked.event.id,
      via: { channel: 'api', rel: 'trigger' },
    });
  });
});

describe('R6.5 one change is one append, however many events it records', () => {
  it('a ticket opened with its first comment, then changed in two fields at once, runs each event’s triggers once', async () => {
    const d = await openDesk();
    const templateId = await d.template('Hi {{user.name}}');
    const anyTicket: Conditions = {
      all: [{ field: 'status', operator: 'is_not', value: 'closed' }],
      any: [],
    };
    const created = await d.trigger(anyTicket, [{ type: 'email_requester', templateId }]);
    const updated = await d.trigger(anyTicket, [{ type: 'email_requester', templateId }], {
      event: 'ticket_updated',
    });
    const requester = await ann(d);
    const opened = await succeed(
      createTicket(d.desk.deps, d.caller(), {
        subject: 'Printer',
        requesterId: requester,
        comment: { body: 'It smokes', public: true },
      }),
    );
    const ticketId = opened.state.exists ? opened.state.id : '';
    const changed = await succeed(
      updateTicket(d.desk.deps, d.caller(), ticketId, {
        subject: 'Printer on fire',
        status: 'open',
      }),
    );
    expect(opened.events.map((e) => e.type)).toEqual(['TicketCreated', 'CommentAdded']);
    expect(changed.ticket.events.map((e) => e.type)).toEqual([
      'TicketSubjectChanged',
      'TicketStatusChanged',
    ]);
    await d.process();
    expect(d.mail.mails().map((m) => m.id)).toEqual([
      triggerMailId(opened.events[0]!.id, created, templateId),
      triggerMailId(changed.ticket.events[0]!.id, updated, templateId),
    ]);
  });
});

describe('R6.5 triggers run in order, active ones only, until one stops the run', () => {
  it('a later trigger sees what an earlier one did; position, not creation, decides the order', async () => {
    const d = await openDesk();
    await d.trigger(
      { all: [{ field: 'status', operator: 'is', value: 'pending' }], any: [] },
      [{ type: 'add_tag', tag: 'seen_pending' }],
      { position: 2 },
    );
    await d.trigger(subjectIs('Refund'), [{ type: 'set_status', status: 'pending' }], {
      position: 1,
    });
    const refund = await d.ticket(await ann(d), 'Refund');
    await d.process();
    expect(await d.state(refund.id)).toMatchObject({ status: 'pending', tags: ['seen_pending'] });
  });

  it('stop_processing ends the run; an inactive trigger never fires', async () => {
    const d = await openDesk();
    await d.trigger(subjectIs('Refund'), [{ type: 'add_tag', tag: 'first' }], {
      position: 1,
      stop: true,
    });
    await d.trigger(subjectIs('Refund'), [{ type: 'add_tag', tag: 'second' }], { position: 2 });
    await d.trigger(subjectIs('Refund'), [{ type: 'add_tag', tag: 'off' }], {
      position: 1,
      active: false,
    });
    const refund = await d.ticket(await ann(d), 'Refund');
    await d.process();
    expect(await d.state(refund.id)).toMatchObject({ tags: ['first'] });
  });

  it('runs the triggers as they were when the ticket changed, however late it is handled', async () => {
    const d = await openDesk();
    const before = await d.trigger(subjectIs('Refund'), [{ type: 'add_tag', tag: 'before' }]);
    const refund = await d.ticket(await ann(d), 'Refund');
    // after the change: a new trigger, and the old one switched off, count only for later changes
    await d.trigger(subjectIs('Refund'), [{ type: 'add_tag', tag: 'after' }]);
    await succeed(changeTrigger(d.desk.deps, d.desk.owner(), before, { active: false }));
    const later = await d.ticket(await ann(d), 'Refund');
    await d.process();
    expect(await d.state(refund.id)).toMatchObject({ tags: ['before'] });
    expect(await d.state(later.id)).toMatchObject({ tags: ['after'] });
  });
});

describe('R6.5 conditions: all and any, is, is_not and contains on subject, status, organization, requester and channel', () => {
  it('fires only when every `all` condition and one `any` condition hold', async () => {
    const d = await openDesk();
    const acme = await d.desk.organization('Acme');
    const vip = await ann(d, [acme]);
    const other = await ann(d);
    await d.trigger(
      {
        all: [
          { field: 'subject', operator: 'contains', value: 'refund' },
          { field: 'status', operator: 'is_not', value: 'solved' },
        ],
        any: [
          { field: 'organization_id', operator: 'is', value: acme },
          { field: 'channel', operator: 'is', value: 'web' },
          { field: 'requester_id', operator: 'is', value: other },
        ],
      },
      [{ type: 'add_tag', tag: 'matched' }],
    );
    const cases = [
      await d.ticket(vip, 'Refund please', { organizationId: acme }), // all + organization
      await d.ticket(await ann(d), 'Need a REFUND', { channel: 'web' }), // all + channel
      await d.ticket(other, 'refund?'), // all + requester
      await d.ticket(await ann(d), 'Refund please'), // all, no `any`
      await d.ticket(vip, 'Invoice', { organizationId: acme }), // `any`, not all
    ];
    await d.process();
    const tags = await Promise.all(
      cases.map(async (c) => ((await d.state(c.id)) as { tags?: string[] }).tags),
    );
    expect(tags).toEqual([['matched'], ['matched'], ['matched'], [], []]);
  });
});

describe('R6.5 ticket updated', () => {
  it('an agent’s change fires ticket_updated triggers, a creation does not; the triggers’ own changes fire nothing', async () => {
    const d = await openDesk();
    await d.trigger(
      { all: [{ field: 'status', operator: 'is_not', value: 'new' }], any: [] },
      [
        { type: 'add_tag', tag: 'touched' },
        { type: 'set_status', status: 'open' },
      ],
      { event: 'ticket_updated' },
    );
    const t = await d.ticket(await ann(d), 'Printer');
    await d.process();
    expect(await d.state(t.id)).toMatchObject({ status: 'new', tags: [] });
    await succeed(updateTicket(d.desk.deps, d.caller(), t.id, { status: 'pending' }));
    await d.process();
    const stream = await d.ticketStream(t.id);
    // one run: the trigger's own status change to open does not set it off again
    expect(
      stream.map((e) => [e.type, (e.metadata as { via: { rel: string | null } }).via.rel]),
    ).toEqual([
      ['TicketCreated', null],
      ['TicketStatusChanged', null],
      ['TicketTagAdded', 'trigger'],
      ['TicketStatusChanged', 'trigger'],
    ]);
  });

  it('R1.5 an action the ticket refuses is left out and logged; the others still run', async () => {
    const d = await openDesk();
    await d.trigger(subjectIs('Spam'), [
      { type: 'set_status', status: 'closed' },
      { type: 'add_tag', tag: 'spam' },
    ]);
    const t = await d.ticket(await ann(d), 'Spam');
    await d.process();
    expect(await d.state(t.id)).toMatchObject({ status: 'closed', tags: [] });
    expect(d.logger.errors).toEqual([
      expect.objectContaining({
        message: 'a trigger action was refused by the ticket',
        details: expect.objectContaining({
          command: 'AddTicketTag',
          error: expect.objectContaining({ rule: 'R1.5' }),
        }),
      }),
    ]);
  });
});

describe('R3.6 a merge’s changes never run triggers', () => {
  it('a requester change with reason merge fires nothing; a manual one fires', async () => {
    const d = await openDesk();
    const templateId = await d.template('Hi {{user.name}}');
    await d.trigger(
      { all: [{ field: 'subject', operator: 'contains', value: 'order' }], any: [] },
      [
        { type: 'add_tag', tag: 'moved' },
        { type: 'email_requester', templateId },
      ],
      { event: 'ticket_updated' },
    );
    const source = await ann(d);
    const target = await ann(d);
    const merged = await d.ticket(source, 'My order');
    const manual = await d.ticket(source, 'My other order');
    const targetFacts = await succeed(knownUserOf(d.store, d.desk.opened.accountId, target));
    await succeed(
      handleCommand(
        d.desk.deps,
        ticketDecider,
        streams.ticket(merged.id),
        {
          type: 'MoveToMergeTarget',
          ticketId: merged.id,
          actor: { type: 'system' },
          sourceId: source,
          target: targetFacts,
        },
        mergeContext({
          mergeId: uuidGenerator.next(),
          accountId: d.desk.opened.accountId,
          sourceId: source,
          targetId: target,
          correlationId: 'merge-1',
          channel: 'api',
          position: 0n,
        }),
      ),
    );
    await succeed(
      updateTicket(d.desk.deps, d.caller(), manual.id, {
        requester: { kind: 'user', userId: target },
      }),
    );
    await d.process();
    expect(await d.state(merged.id)).toMatchObject({ requesterId: target, tags: [] });
    expect(await d.state(manual.id)).toMatchObject({ requesterId: target, tags: ['moved'] });
    expect(d.mail.mails().map((m) => m.ticketId)).toEqual([manual.id]);
  });
});

describe('R6.5 mail loops: what an automatic mail records runs no trigger', () => {
  it('a ticket opened by an out-of-office reply mails no one; the same mail from a person does', async () => {
    const d = await openDesk();
    const templateId = await d.template();
    await d.trigger(subjectIs('Printer'), [{ type: 'email_requester', templateId }]);
    await succeed(
      updateAccount(d.desk.deps, d.desk.owner(), { settings: { autoCreateUsersFromEmail: true } }),
    );
    const delivery = { accountId: d.desk.opened.accountId, correlationId: 'smtp-1' };
    const receive = (messageId: string, automatic: boolean) =>
      succeed(
        receiveInboundEmail(
          d.desk.deps,
          delivery,
          mail({ messageId, subject: 'Printer', automatic }),
        ),
      );
    const outOfOffice = await receive('ooo@initech.example', true);
    const person = await receive('person@initech.example', false);
    await d.process();
    expect(ticketOf(outOfOffice).subject).toBe('Printer');
    expect(d.mail.mails().map((m) => m.ticketId)).toEqual([ticketOf(person).id]);
  });
});

describe('R6.5 a mail that cannot be written is not queued, and says why', () => {
  it('a requester without an address, or a template the account cannot fill, queues nothing', async () => {
    const d = await openDesk();
    const templateId = await d.template('Hi {{user.name}}');
    await d.trigger(subjectIs('Hello'), [{ type: 'email_requester', templateId }]);
    const phoneOnly = await d.desk.endUser('Pat');
    await d.ticket(phoneOnly, 'Hello');
    await d.desk.changeSettings({ portalUrl: null });
    const portal = await d.template('Sign in at {{portal.url}}');
    await d.trigger(subjectIs('Portal'), [{ type: 'email_requester', templateId: portal }]);
    await d.ticket(await ann(d), 'Portal');
    await d.process();
    expect(d.mail.mails()).toEqual([]);
    expect(d.logger.errors.map((e) => e.details?.['reason'])).toEqual([
      'the requester has no email address',
      expect.stringContaining('{{portal.url}}'),
    ]);
  });
});
