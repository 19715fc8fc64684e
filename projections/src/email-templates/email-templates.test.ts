import * as O from 'fp-ts/Option';
import { EventLog } from '../read-model/testing/event-log';
import { ok, projected } from '../read-model/testing/project';
import type { TestDatabase } from '../testing/test-database';
import { emailTemplatesProjection } from './projection';
import { findEmailTemplate, listEmailTemplates } from './queries';

describe('email_templates read model', () => {
  let db: TestDatabase;
  afterAll(() => db?.dispose());

  it('R6.2 R6.5 keeps each template’s latest content, leaves removed ones out, and pages', async () => {
    const log = new EventLog();
    const accountId = log.id();
    const admin = log.id();
    const [welcome, credentials, gone] = [log.id(), log.id(), log.id()];
    const create = (id: string, name: string) =>
      log.append(
        `template-${id}`,
        [
          {
            type: 'EmailTemplateCreated',
            data: {
              template_id: id,
              account_id: accountId,
              name,
              subject: `${name} for {{user.name}}`,
              body: 'Hello {{user.name}}',
            },
          },
        ],
        { accountId, actorId: admin },
      );
    create(welcome, 'Welcome');
    create(credentials, 'Credentials');
    create(gone, 'Old');
    log.append(
      `template-${credentials}`,
      [
        {
          type: 'EmailTemplateChanged',
          data: {
            template_id: credentials,
            name: 'Portal credentials',
            subject: 'Your access',
            body: 'Set a password: {{portal.password_link}}',
          },
        },
      ],
      { accountId, actorId: admin },
    );
    log.append(
      `template-${gone}`,
      [{ type: 'EmailTemplateRemoved', data: { template_id: gone, account_id: accountId } }],
      { accountId, actorId: admin },
    );
    db = await projected([emailTemplatesProjection], log.events, 2);

    const first = await ok(listEmailTemplates(db.client, accountId, { size: 1 }));
    expect(first.items.map((t) => t.name)).toEqual(['Welcome']);
    expect(first.hasMore).toBe(true);
    const rest = await ok(
      listEmailTemplates(db.client, accountId, { size: 5, after: first.after! }),
    );
    expect(rest.items.map((t) => [t.name, t.subject, t.body, t.version])).toEqual([
      ['Portal credentials', 'Your access', 'Set a password: {{portal.password_link}}', 1n],
    ]);
    expect(rest.hasMore).toBe(false);
    expect(O.isNone(await ok(findEmailTemplate(db.client, accountId, gone)))).toBe(true);
    expect(O.isNone(await ok(findEmailTemplate(db.client, log.id(), welcome)))).toBe(true);
    expect(O.toNullable(await ok(findEmailTemplate(db.client, accountId, welcome)))).toMatchObject({
      id: welcome,
      name: 'Welcome',
      version: 0n,
    });
  });
});
