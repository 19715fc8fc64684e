import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { accountDecider, redactedSecret, ticketDecider } from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import { handleCommand } from '../../command/handle-command';
import { loadStream } from '../../command/load-stream';
import { contextOf } from '../caller';
import { createTicket } from '../tickets';
import { failure, forbidden, notFound, openDesk, refusedWith, run } from '../use-case.fixtures';
import { changeEmailTemplate, createEmailTemplate, removeEmailTemplate } from './email-templates';
import { changeMacro, createMacro, removeMacro } from './macros';
import { replyWithMacro } from './reply-with-macro';
import { changeTrigger, createTrigger, removeTrigger, type NewTrigger } from './triggers';

type Desk = Awaited<ReturnType<typeof openDesk>>;

const credentials = {
  name: 'Portal credentials',
  subject: 'Your access, {{user.name}}',
  body: 'Set your password: {{portal.password_link}}',
};

const portalTrigger = (templateId: Uuid): NewTrigger => ({
  title: 'Portal credentials',
  event: 'ticket_created',
  conditions: {
    all: [{ field: 'subject', operator: 'is', value: '[Portal credentials]' }],
    any: [],
  },
  actions: [{ type: 'email_requester', templateId }],
  stopProcessing: true,
  active: true,
  position: 1,
});

const unused = { triggersSendingFrom: () => TE.right([]) };

const eventTypes = async (desk: Desk, stream: string) => {
  const read = await desk.deps.eventStore.readStream(stream)();
  return E.isRight(read) ? read.right.map((e) => e.type) : [];
};

const templateOf = async (desk: Desk, content = credentials) =>
  (await run(createEmailTemplate(desk.deps, desk.owner, content))).state!.id;

describe('R6.2 R6.5 email templates, written by admins', () => {
  it('an admin writes one; an agent may not; another account finds nothing', async () => {
    const desk = await openDesk();
    const agent = desk.callerAs(await desk.addUser('Al', 'agent'), 'agent');
    expect(await failure(createEmailTemplate(desk.deps, agent, credentials))).toEqual(forbidden);
    const templateId = await templateOf(desk);
    const changed = await run(
      changeEmailTemplate(desk.deps, desk.owner, templateId, { name: 'Credentials' }),
    );
    expect(changed.state).toMatchObject({ name: 'Credentials', body: credentials.body });
    const stranger = { ...desk.owner, accountId: '00000000-0000-4000-8000-000000000009' };
    expect(
      await failure(changeEmailTemplate(desk.deps, stranger, templateId, { name: 'Mine' })),
    ).toEqual(notFound);
  });

  it('R6.2 refuses a snippet nobody can fill, and R6.8 one asking for a password', async () => {
    const desk = await openDesk();
    expect(
      await failure(
        createEmailTemplate(desk.deps, desk.owner, { ...credentials, body: 'Hi {{user.age}}' }),
      ),
    ).toEqual(refusedWith('R6.2'));
    expect(
      await failure(
        createEmailTemplate(desk.deps, desk.owner, { ...credentials, body: '{{user.password}}' }),
      ),
    ).toEqual(refusedWith('R6.8'));
    expect(desk.appends.filter((a) => a.streamName.startsWith('template-'))).toEqual([]);
  });

  it('R6.5 refuses removing a template a trigger mails from, R6.2 one the welcome email uses', async () => {
    const desk = await openDesk();
    const used = await templateOf(desk);
    const triggerId = (await run(createTrigger(desk.deps, desk.owner, portalTrigger(used)))).state!
      .id;
    const usage = { triggersSendingFrom: () => TE.right([triggerId]) };
    expect(
      await failure(removeEmailTemplate({ ...desk.deps, templateUsage: usage }, desk.owner, used)),
    ).toEqual(refusedWith('R6.5'));

    const welcome = await templateOf(desk);
    await run(
      handleCommand(
        desk.deps,
        accountDecider,
        streams.account(desk.opened.accountId),
        {
          type: 'ChangeSettings',
          accountId: desk.opened.accountId,
          actor: desk.owner.actor,
          settings: { welcomeEmail: { enabled: false, templateId: welcome } },
        },
        contextOf(desk.owner),
      ),
    );
    const deps = { ...desk.deps, templateUsage: unused };
    expect(await failure(removeEmailTemplate(deps, desk.owner, welcome))).toEqual(
      refusedWith('R6.2'),
    );
    expect(await eventTypes(desk, streams.template(welcome))).toEqual(['EmailTemplateCreated']);

    const free = await templateOf(desk);
    await run(removeEmailTemplate(deps, desk.owner, free));
    const again = await run(removeEmailTemplate(deps, desk.owner, free));
    expect(again.events).toEqual([]);
    expect(await eventTypes(desk, streams.template(free))).toEqual([
      'EmailTemplateCreated',
      'EmailTemplateRemoved',
    ]);
  });
});

describe('R6.5 triggers, set up by admins', () => {
  it('mail only from a live template of the account', async () => {
    const desk = await openDesk();
    const other = await openDesk('team', 'ffffffff');
    const theirs = await templateOf(other);
    expect(await failure(createTrigger(desk.deps, desk.owner, portalTrigger(theirs)))).toEqual(
      refusedWith('R6.5'),
    );
    const removed = await templateOf(desk);
    await run(removeEmailTemplate({ ...desk.deps, templateUsage: unused }, desk.owner, removed));
    expect(await failure(createTrigger(desk.deps, desk.owner, portalTrigger(removed)))).toEqual(
      refusedWith('R6.5'),
    );
    const live = await templateOf(desk);
    const created = await run(createTrigger(desk.deps, desk.owner, portalTrigger(live)));
    expect(created.state).toMatchObject({ active: true, position: 1, removed: false });
  });

  it('a change names only what changes: definition, active flag and position in one append', async () => {
    const desk = await openDesk();
    const templateId = await templateOf(desk);
    const triggerId = (await run(createTrigger(desk.deps, desk.owner, portalTrigger(templateId))))
      .state!.id;
    const changed = await run(
      changeTrigger(desk.deps, desk.owner, triggerId, {
        title: 'Credentials',
        active: false,
        position: 4,
      }),
    );
    expect(changed.events.map((e) => e.type)).toEqual([
      'TriggerChanged',
      'TriggerDeactivated',
      'TriggerRepositioned',
    ]);
    expect(changed.state).toMatchObject({
      title: 'Credentials',
      active: false,
      position: 4,
      actions: [{ type: 'email_requester', templateId }],
    });
    const repeated = await run(
      changeTrigger(desk.deps, desk.owner, triggerId, { title: 'Credentials', active: false }),
    );
    expect(repeated.events).toEqual([]);
  });

  it('an agent may not change one, nor anyone touch another account’s; a removed one is gone', async () => {
    const desk = await openDesk();
    const templateId = await templateOf(desk);
    const triggerId = (await run(createTrigger(desk.deps, desk.owner, portalTrigger(templateId))))
      .state!.id;
    const agent = desk.callerAs(await desk.addUser('Al', 'agent'), 'agent');
    expect(await failure(changeTrigger(desk.deps, agent, triggerId, { active: false }))).toEqual(
      forbidden,
    );
    const stranger = { ...desk.owner, accountId: '00000000-0000-4000-8000-000000000009' };
    expect(await failure(removeTrigger(desk.deps, stranger, triggerId))).toEqual(notFound);
    await run(removeTrigger(desk.deps, desk.owner, triggerId));
    expect(await failure(changeTrigger(desk.deps, desk.owner, triggerId, { position: 2 }))).toEqual(
      notFound,
    );
    expect(await eventTypes(desk, streams.trigger(triggerId))).toEqual([
      'TriggerCreated',
      'TriggerRemoved',
    ]);
  });
});

describe('R6.6 macros: admins write them, agents apply them to a reply', () => {
  const openWithTicket = async (portalUrl: string | null = 'https://help.acme.com') => {
    const desk = await openDesk();
    if (portalUrl !== null)
      await run(
        handleCommand(
          desk.deps,
          accountDecider,
          streams.account(desk.opened.accountId),
          {
            type: 'ChangeSettings',
            accountId: desk.opened.accountId,
            actor: desk.owner.actor,
            settings: { portalUrl },
          },
          contextOf(desk.owner),
        ),
      );
    const ann = await desk.addUser('Ann', 'end-user', 'ann@example.com');
    const ticket = await run(
      createTicket(desk.deps, desk.owner, { subject: 'Access', requesterId: ann }),
    );
    const agent = desk.callerAs(await desk.addUser('Al', 'agent'), 'agent');
    const macroId = (
      await run(
        createMacro(desk.deps, desk.owner, {
          title: 'Portal access',
          body: 'Hello {{user.name}}, sign in at {{portal.url}} as {{portal.username}}: {{portal.password_link}}',
          actions: [
            { type: 'set_status', status: 'pending' },
            { type: 'add_tag', tag: 'portal' },
          ],
        }),
      )
    ).state!.id;
    return { desk, ann, ticketId: ticket.state.exists ? ticket.state.id : '', agent, macroId };
  };

  it('an agent applies one: the comment is filled for the requester, the link redacted, the actions follow, in one append', async () => {
    const { desk, ticketId, agent, macroId } = await openWithTicket();
    const replied = await run(
      replyWithMacro(desk.deps, agent, ticketId, macroId, { public: true }),
    );
    expect(replied.comment.body).toBe(
      `Hello Ann, sign in at https://help.acme.com as ann@example.com: ${redactedSecret}`,
    );
    expect(replied.ticket.events.map((e) => e.type)).toEqual([
      'CommentAdded',
      'TicketStatusChanged',
      'TicketTagAdded',
    ]);
    expect(replied.ticket.state).toMatchObject({ status: 'pending', tags: ['portal'] });
  });

  it('an end user may not apply one; an agent may not write one', async () => {
    const { desk, ann, ticketId, agent, macroId } = await openWithTicket();
    const annCaller = desk.callerAs(ann, 'end-user');
    expect(
      await failure(replyWithMacro(desk.deps, annCaller, ticketId, macroId, { public: true })),
    ).toEqual({
      kind: 'DomainRefusal',
      error: expect.objectContaining({ kind: 'Forbidden', rule: 'R6.6' }),
    });
    expect(
      await failure(createMacro(desk.deps, agent, { title: 'Mine', body: 'Hi', actions: [] })),
    ).toEqual(forbidden);
    expect(await failure(changeMacro(desk.deps, agent, macroId, { title: 'Mine' }))).toEqual(
      forbidden,
    );
  });

  it('refuses a macro it cannot fill (no portal address), a closed ticket (R1.5), a removed macro; appends nothing', async () => {
    const unfilled = await openWithTicket(null);
    const before = unfilled.desk.appends.length;
    expect(
      await failure(
        replyWithMacro(unfilled.desk.deps, unfilled.agent, unfilled.ticketId, unfilled.macroId, {
          public: true,
        }),
      ),
    ).toEqual(refusedWith('R6.6'));
    expect(unfilled.desk.appends.length).toBe(before);

    const { desk, ticketId, agent, macroId } = await openWithTicket();
    await run(
      handleCommand(
        desk.deps,
        ticketDecider,
        streams.ticket(ticketId),
        { type: 'ChangeTicketStatus', ticketId, actor: agent.actor, status: 'closed' },
        contextOf(agent),
      ),
    );
    expect(
      await failure(replyWithMacro(desk.deps, agent, ticketId, macroId, { public: false })),
    ).toEqual(refusedWith('R1.5'));
    const ticket = await run(
      loadStream(desk.deps.eventStore, ticketDecider, streams.ticket(ticketId)),
    );
    expect(ticket.state).toMatchObject({ status: 'closed', commentIds: [] });

    await run(removeMacro(desk.deps, desk.owner, macroId));
    expect(
      await failure(replyWithMacro(desk.deps, agent, ticketId, macroId, { public: true })),
    ).toEqual(notFound);
  });
});
