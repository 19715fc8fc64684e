import * as O from 'fp-ts/Option';
import type { TriggerEvent } from '@helpdesk/events';
import { EventLog } from '../read-model/testing/event-log';
import { ok, projected, projectInto } from '../read-model/testing/project';
import type { TestDatabase } from '../testing/test-database';
import { triggersProjection } from './projection';
import { findTrigger, listTriggers, nextTriggerPosition, triggerIdsSendingFrom } from './queries';

describe('triggers read model', () => {
  let db: TestDatabase;
  afterAll(() => db?.dispose());

  const log = new EventLog();
  const accountId = log.id();
  const admin = log.id();
  const [credentials, welcome] = [log.id(), log.id()];
  const [first, second, gone] = [log.id(), log.id(), log.id()];
  const context = { accountId, actorId: admin };
  const created = (id: string, position: number, templateId: string): TriggerEvent => ({
    type: 'TriggerCreated',
    data: {
      trigger_id: id,
      account_id: accountId,
      title: `Trigger ${position}`,
      event: 'ticket_created',
      conditions: {
        all: [{ field: 'subject', operator: 'contains', value: '[Portal credentials]' }],
        any: [{ field: 'organization_id', operator: 'is', value: null }],
      },
      actions: [
        { type: 'email_requester', template_id: templateId },
        { type: 'add_tag', tag: 'portal' },
      ],
      stop_processing: false,
      active: true,
      position,
    },
  });
  log.append(`trigger-${first}`, [created(first, 1, credentials)], context);
  log.append(`trigger-${second}`, [created(second, 2, credentials)], context);
  log.append(`trigger-${gone}`, [created(gone, 7, welcome)], context);
  log.append(
    `trigger-${second}`,
    [
      {
        type: 'TriggerChanged',
        data: {
          trigger_id: second,
          title: 'Tag only',
          event: 'ticket_updated',
          conditions: { all: [{ field: 'status', operator: 'is_not', value: 'solved' }], any: [] },
          actions: [{ type: 'set_status', status: 'open' }],
          stop_processing: true,
        },
      },
      { type: 'TriggerDeactivated', data: { trigger_id: second } },
      {
        type: 'TriggerRepositioned',
        data: { trigger_id: second, position: 3, previous_position: 2 },
      },
    ],
    context,
  );
  log.append(
    `trigger-${gone}`,
    [{ type: 'TriggerRemoved', data: { trigger_id: gone, account_id: accountId } }],
    context,
  );

  it('R6.5 follows each trigger’s definition, active flag and position; removed ones are left out', async () => {
    db = await projected([triggersProjection], log.events, 2);
    const page = await ok(listTriggers(db.client, accountId));
    expect(page.items).toEqual([
      expect.objectContaining({
        id: first,
        title: 'Trigger 1',
        event: 'ticket_created',
        conditions: {
          all: [{ field: 'subject', operator: 'contains', value: '[Portal credentials]' }],
          any: [{ field: 'organization_id', operator: 'is', value: null }],
        },
        actions: [
          { type: 'email_requester', template_id: credentials },
          { type: 'add_tag', tag: 'portal' },
        ],
        active: true,
        position: 1,
        stopProcessing: false,
        version: 0n,
      }),
      expect.objectContaining({
        id: second,
        title: 'Tag only',
        event: 'ticket_updated',
        actions: [{ type: 'set_status', status: 'open' }],
        active: false,
        position: 3,
        stopProcessing: true,
        version: 3n,
      }),
    ]);
    expect(O.isNone(await ok(findTrigger(db.client, accountId, gone)))).toBe(true);
    expect(O.isNone(await ok(findTrigger(db.client, log.id(), first)))).toBe(true);
  });

  it('R6.5 says which triggers still mail from a template, and where a new trigger goes', async () => {
    expect(await ok(triggerIdsSendingFrom(db.client, accountId, credentials))).toEqual([first]);
    // the removed trigger no longer holds its template
    expect(await ok(triggerIdsSendingFrom(db.client, accountId, welcome))).toEqual([]);
    expect(await ok(nextTriggerPosition(db.client, accountId))).toBe(4);
    expect(await ok(nextTriggerPosition(db.client, log.id()))).toBe(1);
  });

  it('applying older events again (a batch replayed after a crash) changes nothing', async () => {
    const before = await ok(listTriggers(db.client, accountId));
    await projectInto(db, [triggersProjection], log.events.slice(0, 4));
    expect(await ok(listTriggers(db.client, accountId))).toEqual(before);
  });
});
