import * as O from 'fp-ts/Option';
import type { ProjectedEvent } from '../runtime/projection';
import { HelpDesk } from '../read-model/testing/help-desk';
import { ok, projected, tableRows } from '../read-model/testing/project';
import type { TestDatabase } from '../testing/test-database';
import { userMergesProjection } from './projection';
import {
  findUserMerge,
  findUserMergeByCorrelation,
  findUserMergeOfSource,
  jobStatusOf,
  type UserMergeView,
} from './queries';

describe('user merges read model', () => {
  const dbs: TestDatabase[] = [];
  const open = async (events: ReadonlyArray<ProjectedEvent>, batchSize?: number) => {
    const db = await projected([userMergesProjection], events, batchSize);
    dbs.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of dbs) await db.dispose();
  });

  const scenario = () => {
    const desk = new HelpDesk();
    const { accountId, ownerId: agent } = desk.openAccount('Acme support');
    const source = desk.createUser(accountId, { name: 'Bob (duplicate)' });
    const target = desk.createUser(accountId, { name: 'Bob' });
    const other = desk.createUser(accountId, { name: 'Dave' });
    for (let i = 0; i < 3; i += 1) desk.openTicket(accountId, { requesterId: source });
    desk.openTicket(accountId, { requesterId: other, collaboratorIds: [source] });
    const started = desk.events.length;
    const { jobId, correlationId } = desk.merge(source, target, agent);
    return { desk, accountId, agent, source, target, other, started, jobId, correlationId };
  };

  const mergeIn = async (db: TestDatabase, accountId: string, jobId: string) => {
    const found = await ok(findUserMerge(db.client, accountId, jobId));
    if (O.isNone(found)) throw new Error(`merge ${jobId} is not in the read model`);
    return found.value;
  };

  describe('R3.6 R3.9 a merge is followed from queued to completed', () => {
    it('is queued once the source is merged, working as tickets move, completed at the end', async () => {
      const { desk, accountId, agent, source, target, started, jobId } = scenario();
      const log = desk.events;
      const at = async (count: number): Promise<UserMergeView> =>
        mergeIn(await open(log.slice(0, count)), accountId, jobId);
      const movedAfter = (n: number) =>
        log.findIndex(
          (e, i) =>
            i >= started &&
            e.event.type === 'RequesterChanged' &&
            log.slice(started, i + 1).filter((x) => x.event.type === 'RequesterChanged').length ===
              n,
        ) + 1;

      expect(await at(started + 1)).toMatchObject({
        status: 'queued',
        progress: 0,
        total: null,
        sourceId: source,
        targetId: target,
        requestedBy: agent,
      });
      expect(jobStatusOf(await at(movedAfter(2)))).toEqual({
        id: jobId,
        status: 'working',
        total: null,
        progress: 2,
      });
      const done = await at(log.length);
      expect(jobStatusOf(done)).toEqual({ id: jobId, status: 'completed', total: 3, progress: 3 });
      expect(done.ccsReplaced).toBe(1);
      expect(done.completedAt).toBe(log[log.length - 1]!.metadata.occurred_at);
    });
  });

  it('finds a merge by its source and by its correlation id, and not from another account', async () => {
    const { desk, accountId, agent, source, target, other, jobId, correlationId } = scenario();
    const second = desk.merge(other, target, agent);
    const db = await open(desk.events, 3);
    expect(O.toNullable(await ok(findUserMergeOfSource(db.client, accountId, source)))?.id).toBe(
      jobId,
    );
    expect(
      O.toNullable(await ok(findUserMergeByCorrelation(db.client, accountId, correlationId)))?.id,
    ).toBe(jobId);
    expect(await mergeIn(db, accountId, second.jobId)).toMatchObject({
      sourceId: other,
      status: 'completed',
      // Dave requested one ticket
      total: 1,
      progress: 1,
    });
    const elsewhere = desk.openAccount('Elsewhere').accountId;
    expect(O.isNone(await ok(findUserMerge(db.client, elsewhere, jobId)))).toBe(true);
  });

  it('folds a log into the same rows whatever the batch boundaries', async () => {
    const { desk, agent, other, target } = scenario();
    desk.merge(other, target, agent);
    const one = await tableRows((await open(desk.events, 1)).client, 'user_merges', 'id');
    expect(await tableRows((await open(desk.events, 7)).client, 'user_merges', 'id')).toEqual(one);
    expect(await tableRows((await open(desk.events, 1000)).client, 'user_merges', 'id')).toEqual(
      one,
    );
    expect(one).toHaveLength(2);
  });
});
