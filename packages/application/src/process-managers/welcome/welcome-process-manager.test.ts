import * as E from 'fp-ts/Either';
import { userDecider } from '@helpdesk/domain';
import { streams, type Role, type UserSource, type Uuid } from '@helpdesk/events';
import { createMemoryEventStore, type EventStore } from '@helpdesk/event-store';
import { handleCommand } from '../../command/handle-command';
import { sequentialIds } from '../../testing';
import { contextOf, type Caller } from '../../use-cases/caller';
import { createUser } from '../../use-cases/create-user';
import { toProcessEvent, type ProcessEvent } from '../process-event';
import { startProcessManager } from '../process-manager';
import { eventually, memoryCheckpoints, openDeskOn, quietLogger, succeed } from '../testing';
import { welcomeEmailId } from './welcome-email';
import { welcomeProcessManager } from './welcome-process-manager';
import { changeTemplate, createTemplate, memoryOutbox } from './welcome.fixtures';

const portalUrl = 'https://help.acme.example/portal';

const setUp = async () => {
  const store: EventStore = createMemoryEventStore();
  const desk = await openDeskOn(store, { ids: sequentialIds() });
  const mail = memoryOutbox();
  const logger = quietLogger();
  const manager = welcomeProcessManager({ eventStore: store, outbox: mail.outbox, logger });

  /** the process over the whole log so far, as after a restart from no checkpoint */
  const runOverLog = async () => {
    const recorded = await store.readAll()();
    if (E.isLeft(recorded)) throw new Error('the memory store failed');
    const events: ProcessEvent[] = recorded.right
      .filter((r) => r.streamName.startsWith('user-'))
      .map((r) => {
        const decoded = toProcessEvent(r);
        if (E.isLeft(decoded)) throw new Error(decoded.left.message);
        return decoded.right;
      });
    const handled = await manager.handle(events)();
    if (E.isLeft(handled)) throw new Error(JSON.stringify(handled.left));
    return events;
  };

  const welcomeOn = async (templateId: Uuid | null = null) => {
    const chosen = templateId ?? (await createTemplate(desk));
    await desk.changeSettings({ welcomeEmail: { enabled: true, templateId: chosen }, portalUrl });
    return chosen;
  };

  const user = async (
    name: string,
    options: { role?: Role; source?: UserSource; email?: string } = {},
  ): Promise<Uuid> => {
    const source = options.source ?? 'manual';
    // the system creates users from email and the portal (R6.1); people create the others
    const caller: Caller =
      source === 'email' || source === 'portal'
        ? {
            ...desk.owner(),
            actor: { type: 'system' },
            channel: source === 'email' ? 'email' : 'web',
          }
        : desk.owner();
    const created = await succeed(
      createUser(desk.deps, caller, {
        profile: { name },
        role: options.role ?? 'end-user',
        source,
        emails: [options.email ?? `${name.toLowerCase()}@acme.example`],
      }),
    );
    if (!created.state.exists) throw new Error('no user');
    return created.state.id;
  };

  return { store, desk, mail, logger, manager, runOverLog, welcomeOn, user };
};

describe('R6.2 a user created automatically or by hand gets the welcome email', () => {
  it('queues it, rendered from the chosen template, the password link left for the sender', async () => {
    const { desk, mail, runOverLog, welcomeOn, user } = await setUp();
    const templateId = await welcomeOn();
    const ann = await user('Ann');
    const events = await runOverLog();
    const creation = events.find(
      (e) => e.event.type === 'UserCreated' && e.streamName.endsWith(ann),
    )!;
    expect(mail.emails()).toEqual([
      {
        id: welcomeEmailId(creation.eventId),
        accountId: desk.opened.accountId,
        to: 'ann@acme.example',
        templateId,
        subject: `Welcome to ${portalUrl}, Ann`,
        body: 'Hello Ann,\nyour user name is ann@acme.example.\nSet your password: {{portal.password_link}}',
        ticketId: null,
        userId: ann,
        causationId: creation.eventId,
      },
    ]);
  });

  it.each(['email', 'portal', 'ticket', 'cc'] as const)(
    'queues it for a user created from %s',
    async (source) => {
      const { mail, runOverLog, welcomeOn, user } = await setUp();
      await welcomeOn();
      const bob = await user('Bob', { source });
      await runOverLog();
      expect(mail.emails().map((m) => m.userId)).toEqual([bob]);
    },
  );

  it('R6.2 refused: nothing while the setting is off', async () => {
    const { mail, runOverLog, user, desk } = await setUp();
    await createTemplate(desk);
    await user('Ann');
    await runOverLog();
    expect(mail.emails()).toEqual([]);
  });

  it('R6.2 refused: nothing for users created by an import (create_many)', async () => {
    const { mail, runOverLog, welcomeOn, user } = await setUp();
    await welcomeOn();
    await user('Ann', { source: 'import' });
    await user('Bob', { source: 'import' });
    await runOverLog();
    expect(mail.emails()).toEqual([]);
  });

  it.each(['agent', 'admin'] as const)(
    'R6.2 refused: nothing for an %s (the mail carries portal credentials)',
    async (role) => {
      const { mail, runOverLog, welcomeOn, user } = await setUp();
      await welcomeOn();
      await user('Carl', { role });
      await runOverLog();
      expect(mail.emails()).toEqual([]);
    },
  );

  it('R6.2 refused: nothing for the owner created with the account', async () => {
    const { mail, runOverLog, welcomeOn } = await setUp();
    await welcomeOn();
    await runOverLog();
    expect(mail.emails()).toEqual([]);
  });

  it('R6.2 refused: a template that cannot be rendered queues nothing and says why', async () => {
    const { desk, mail, runOverLog, logger, user } = await setUp();
    const templateId = await createTemplate(desk);
    // no portal URL: {{portal.url}} has no value
    await desk.changeSettings({ welcomeEmail: { enabled: true, templateId } });
    const ann = await user('Ann');
    await runOverLog();
    expect(mail.emails()).toEqual([]);
    expect(logger.errors).toEqual([
      expect.objectContaining({
        message: 'no welcome email could be written',
        details: expect.objectContaining({
          userId: ann,
          reason: expect.stringMatching(/R6\.2.*\{\{portal\.url\}\}/),
        }),
      }),
    ]);
  });

  it('R6.2 refused: a template that does not exist queues nothing and says why', async () => {
    const { mail, runOverLog, logger, welcomeOn, user } = await setUp();
    await welcomeOn('0c000000-0000-4000-8000-0000000000ff');
    await user('Ann');
    await runOverLog();
    expect(mail.emails()).toEqual([]);
    expect(logger.errors.map((e) => e.details?.['reason'])).toEqual([
      'R6.2: the welcome email template 0c000000-0000-4000-8000-0000000000ff does not exist',
    ]);
  });

  it('sends nothing to a user merged or deleted before the mail was written', async () => {
    const { desk, mail, runOverLog, welcomeOn, user } = await setUp();
    await welcomeOn();
    const ann = await user('Ann');
    await succeed(
      handleCommand(
        desk.deps,
        userDecider,
        streams.user(ann),
        {
          type: 'DeleteUser',
          userId: ann,
          isOwner: false,
        },
        contextOf(desk.owner()),
      ),
    );
    await runOverLog();
    expect(mail.emails()).toEqual([]);
  });

  it('R5.3 queues the mail of a user at a .invalid address (the outbox keeps it suppressed)', async () => {
    const { mail, runOverLog, welcomeOn, user } = await setUp();
    await welcomeOn();
    await user('Nobody', { email: 'nobody@customer.invalid' });
    await runOverLog();
    expect(mail.emails().map((m) => m.to)).toEqual(['nobody@customer.invalid']);
  });
});

describe('R6.3 the setting does not touch existing users', () => {
  it('switching it on later sends nothing to users who already exist, however late the process runs', async () => {
    const { mail, runOverLog, welcomeOn, user } = await setUp();
    await user('Ann');
    await welcomeOn();
    const bob = await user('Bob');
    await runOverLog();
    expect(mail.emails().map((m) => m.userId)).toEqual([bob]);
  });

  it('switching it off stops it for users created afterwards, not for those created before', async () => {
    const { desk, mail, runOverLog, welcomeOn, user } = await setUp();
    const templateId = await welcomeOn();
    const ann = await user('Ann');
    await desk.changeSettings({ welcomeEmail: { enabled: false, templateId } });
    await user('Bob');
    await runOverLog();
    expect(mail.emails().map((m) => m.userId)).toEqual([ann]);
  });

  it('writes the mail from the template as it was when the user was created', async () => {
    const { desk, mail, runOverLog, welcomeOn, user } = await setUp();
    const templateId = await welcomeOn();
    await user('Ann');
    await changeTemplate(desk, templateId, 'Changed afterwards');
    await runOverLog();
    expect(mail.emails().map((m) => m.subject)).toEqual([`Welcome to ${portalUrl}, Ann`]);
  });
});

describe('exactly once', () => {
  it('handling the same creations again queues nothing new', async () => {
    const { mail, runOverLog, welcomeOn, user } = await setUp();
    await welcomeOn();
    await user('Ann');
    await runOverLog();
    const first = mail.emails();
    await runOverLog();
    expect(mail.calls()).toBe(2);
    expect(mail.emails()).toEqual(first);
    expect(first).toHaveLength(1);
  });

  it('runs from its checkpoint as the worker runs it', async () => {
    const { store, mail, manager, welcomeOn, user } = await setUp();
    await welcomeOn();
    const running = startProcessManager(
      { store, checkpoints: memoryCheckpoints(), logger: quietLogger(), retryDelayMs: 5 },
      manager,
    );
    const ann = await user('Ann');
    const queued = await eventually('the welcome email', async () =>
      mail.emails().length > 0 ? mail.emails() : undefined,
    );
    await running.stop();
    expect(queued.map((m) => [m.userId, m.body.endsWith('{{portal.password_link}}')])).toEqual([
      [ann, true],
    ]);
  });
});
