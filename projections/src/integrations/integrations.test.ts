import * as O from 'fp-ts/Option';
import { EventLog } from '../read-model/testing/event-log';
import { ok, projected } from '../read-model/testing/project';
import type { TestDatabase } from '../testing/test-database';
import { integrationsProjection } from './projection';
import { findIntegration, integrationIdsOf, listIntegrations } from './queries';

describe('integrations read model', () => {
  let db: TestDatabase;
  afterAll(() => db?.dispose());

  it('R4.5 follows each integration: who authorised it, and whether it waits for the new owner', async () => {
    const log = new EventLog();
    const accountId = log.id();
    const owner = log.id();
    const next = log.id();
    const [crm, chat, gone] = [log.id(), log.id(), log.id()];
    const create = (id: string, name: string) =>
      log.append(
        `integration-${id}`,
        [
          {
            type: 'IntegrationCreated',
            data: { integration_id: id, account_id: accountId, name, authorized_by_id: owner },
          },
        ],
        { accountId, actorId: owner },
      );
    create(crm, 'CRM');
    create(chat, 'Chat');
    create(gone, 'Old');
    log.append(
      `integration-${gone}`,
      [{ type: 'IntegrationRemoved', data: { integration_id: gone, account_id: accountId } }],
      { accountId, actorId: owner },
    );
    for (const id of [crm, chat])
      log.append(
        `integration-${id}`,
        [
          {
            type: 'IntegrationReauthorizationRequired',
            data: { integration_id: id, authorized_by_id: owner, owner_id: next },
          },
        ],
        { accountId, actorId: null },
      );
    log.append(
      `integration-${crm}`,
      [
        {
          type: 'IntegrationAuthorized',
          data: { integration_id: crm, authorized_by_id: next, previous_authorized_by_id: owner },
        },
      ],
      { accountId, actorId: next },
    );
    db = await projected([integrationsProjection], log.events, 2);

    const page = await ok(listIntegrations(db.client, accountId));
    expect(page.items.map((i) => [i.name, i.status, i.authorizedById, i.version])).toEqual([
      ['CRM', 'active', next, 2n],
      ['Chat', 'reauthorization_required', owner, 1n],
    ]);
    expect(await ok(integrationIdsOf(db.client, accountId))).toEqual([crm, chat]);
    expect(O.isNone(await ok(findIntegration(db.client, accountId, gone)))).toBe(true);
    expect(O.isNone(await ok(findIntegration(db.client, log.id(), crm)))).toBe(true);
  });
});
