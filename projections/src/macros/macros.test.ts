import * as O from 'fp-ts/Option';
import { EventLog } from '../read-model/testing/event-log';
import { ok, projected } from '../read-model/testing/project';
import type { TestDatabase } from '../testing/test-database';
import { macrosProjection } from './projection';
import { findMacro, listMacros } from './queries';

describe('macros read model', () => {
  let db: TestDatabase;
  afterAll(() => db?.dispose());

  it('R6.6 keeps each macro’s reply and actions as last written, and leaves removed ones out', async () => {
    const log = new EventLog();
    const accountId = log.id();
    const admin = log.id();
    const [access, gone] = [log.id(), log.id()];
    const context = { accountId, actorId: admin };
    log.append(
      `macro-${access}`,
      [
        {
          type: 'MacroCreated',
          data: {
            macro_id: access,
            account_id: accountId,
            title: 'Portal access',
            body: 'Your portal: {{portal.url}}',
            actions: [],
          },
        },
      ],
      context,
    );
    log.append(
      `macro-${access}`,
      [
        {
          type: 'MacroChanged',
          data: {
            macro_id: access,
            title: 'Portal access',
            body: 'Set a password: {{portal.password_link}}',
            actions: [
              { type: 'set_status', status: 'pending' },
              { type: 'add_tag', tag: 'portal' },
            ],
          },
        },
      ],
      context,
    );
    log.append(
      `macro-${gone}`,
      [
        {
          type: 'MacroCreated',
          data: { macro_id: gone, account_id: accountId, title: 'Old', body: 'Hi', actions: [] },
        },
        { type: 'MacroRemoved', data: { macro_id: gone, account_id: accountId } },
      ],
      context,
    );
    db = await projected([macrosProjection], log.events);

    const page = await ok(listMacros(db.client, accountId));
    expect(page.items.map((m) => [m.title, m.body, m.actions, m.version])).toEqual([
      [
        'Portal access',
        'Set a password: {{portal.password_link}}',
        [
          { type: 'set_status', status: 'pending' },
          { type: 'add_tag', tag: 'portal' },
        ],
        1n,
      ],
    ]);
    expect(O.isNone(await ok(findMacro(db.client, accountId, gone)))).toBe(true);
    expect(O.isNone(await ok(findMacro(db.client, log.id(), access)))).toBe(true);
  });
});
