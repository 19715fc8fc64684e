import * as E from 'fp-ts/Either';
import { createTicket, eventually, updateUser, type Caller } from '@helpdesk/application';
import { streams } from '@helpdesk/events';
import { openHarness, type Harness } from '../testing/harness';

const engine = process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite';

const refusedWith = (rule: string) =>
  E.left({
    kind: 'DomainRefusal',
    error: expect.objectContaining({ kind: 'RuleViolation', rule }),
  });

describe(`R3 merging duplicate end users, through the worker on ${engine}`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({ pageSize: 3 });
  });
  afterAll(async () => {
    await h.dispose();
  });

  const pair = async (prefix: string) => ({
    source: await h.desk.endUser(`${prefix} (duplicate)`, { emails: [`${prefix}@old.example`] }),
    target: await h.desk.endUser(prefix, { emails: [`${prefix}@new.example`] }),
  });

  describe('R3.1 both are active end users of the account, and distinct', () => {
    it('refuses an agent as source, a user merged into itself, and an end user asking', async () => {
      const { source, target } = await pair('r31');
      const agent = await h.desk.endUser('Agent', { emails: ['agent@acme.example'] });
      await h.succeed(updateUser(h.desk.deps, h.desk.owner(), agent, { role: 'agent' }));
      expect(await h.merge(agent, target)()).toEqual(refusedWith('R3.1'));
      expect(await h.merge(source, source)()).toEqual(refusedWith('R3.1'));
      const endUser: Caller = {
        ...h.desk.owner(),
        actor: { type: 'user', id: target, role: 'end-user' },
      };
      expect(await h.merge(source, target, endUser)()).toEqual(refusedWith('R3.1'));
    });

    it('accepts two active end users and answers with the job of the merge', async () => {
      const { source, target } = await pair('r31ok');
      const requested = await h.succeed(h.merge(source, target));
      expect(requested.merged).toMatchObject({
        type: 'UserMerged',
        data: { user_id: source, target_id: target },
      });
      expect(requested.job).toEqual({
        id: requested.merged.id,
        status: 'queued',
        progress: 0,
        total: null,
      });
      expect(await h.completed(requested.merged.id)).toMatchObject({
        id: requested.merged.id,
        status: 'completed',
      });
    });
  });

  describe('R3.2 an unverified user must have an email or an X handle', () => {
    it('refuses an unverified source with neither, accepts one with an X handle only', async () => {
      const target = await h.desk.endUser('Dora', { emails: ['dora@example.com'] });
      const anonymous = await h.desk.endUser('Anonymous');
      expect(await h.merge(anonymous, target)()).toEqual(refusedWith('R3.2'));
      const tweeter = await h.desk.endUser('Tweeter', { xHandle: '@dora_tweets' });
      expect(E.isRight(await h.merge(tweeter, target)())).toBe(true);
    });
  });

  describe('R3.4 with single sign-on, users with an external id cannot be merged', () => {
    it('refuses them, and accepts users without one', async () => {
      const h2 = await openHarness();
      try {
        await h2.desk.changeSettings({ sso: 'saml' });
        const target = await h2.desk.endUser('Eve', { emails: ['eve@example.com'] });
        const external = await h2.desk.endUser('Eve (SSO)', {
          emails: ['eve@sso.example'],
          profile: { externalId: 'ext-42' },
        });
        expect(await h2.merge(external, target)()).toEqual(refusedWith('R3.4'));
        const plain = await h2.desk.endUser('Eve (old)', { emails: ['eve@old.example'] });
        expect(E.isRight(await h2.merge(plain, target)())).toBe(true);
      } finally {
        await h2.dispose();
      }
    });
  });

  describe('R3.5 a merge is irreversible', () => {
    it('refuses to merge the source again, to merge into it, or to make it a requester; it is queued for deletion', async () => {
      const { source, target } = await pair('r35');
      const other = await h.desk.endUser('Other', { emails: ['other@example.com'] });
      const requested = await h.succeed(h.merge(source, target));
      expect(await h.merge(source, other)()).toEqual(refusedWith('R3.5'));
      expect(await h.merge(other, source)()).toEqual(refusedWith('R3.5'));
      const late = await createTicket(h.desk.deps, h.desk.owner(), {
        subject: 'Late',
        requesterId: source,
      })();
      expect(late).toEqual(refusedWith('R3.5'));
      await h.completed(requested.merged.id);
      await h.caughtUp('users');
      const [row] = await h.sql<{
        status: string;
        merged_into_id: string;
        merge_completed: boolean;
      }>('SELECT status, merged_into_id, merge_completed FROM users WHERE id = $1', [source]);
      expect(row).toEqual({ status: 'merged', merged_into_id: target, merge_completed: true });
      expect((await h.readStream(streams.user(source))).at(-1)).toMatchObject({
        type: 'UserMergeCompleted',
      });
    });
  });

  describe('R3.6 R3.7 R3.8 the tickets, the CCs and the profile', () => {
    it('moves every ticket of the source with reason merge and no trigger, replaces it as CC on open tickets, gives the target its emails', async () => {
      const { source, target } = await pair('r36');
      const carl = await h.desk.endUser('Carl', { emails: ['carl@example.com'] });
      const requestedTickets = [
        await h.desk.ticket(source, { status: 'new' }),
        await h.desk.ticket(source, { status: 'solved' }),
        await h.desk.ticket(source, { status: 'closed' }),
        await h.desk.ticket(source, { archived: true }),
        await h.desk.ticket(source, { ccs: [carl] }),
      ];
      const copied = await h.desk.ticket(carl, { ccs: [source] });
      const copiedArchived = await h.desk.ticket(carl, { ccs: [source], archived: true });
      const requested = await h.succeed(h.merge(source, target));
      const correlationId = (requested.merged.metadata as { correlation_id: string })
        .correlation_id;

      const job = await h.completed(requested.merged.id);
      expect(job).toMatchObject({ total: 5, progress: 5, ccsReplaced: 1 });
      await h.caughtUp('tickets');
      await h.caughtUp('ticket_audits');
      const rows = await h.sql<{ id: string; requester_id: string; collaborator_ids: string[] }>(
        'SELECT id, requester_id, collaborator_ids FROM tickets WHERE id = ANY($1::uuid[])',
        [`{${[...requestedTickets, copied, copiedArchived].join(',')}}`],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const id of requestedTickets) expect(byId.get(id)?.requester_id).toBe(target);
      expect(byId.get(copied)?.collaborator_ids).toEqual([target]);
      expect(byId.get(copiedArchived)?.collaborator_ids).toEqual([source]);

      const audits = await h.sql<{
        ticket_id: string;
        rel: string;
        actor_type: string;
        correlation_id: string;
        causation_id: string;
      }>(
        `SELECT ticket_id, rel, actor_type, correlation_id, causation_id FROM ticket_audits
         WHERE event_type = 'RequesterChanged' AND ticket_id = ANY($1::uuid[])`,
        [`{${requestedTickets.join(',')}}`],
      );
      expect(audits).toHaveLength(5);
      for (const audit of audits)
        expect(audit).toMatchObject({
          rel: 'merge',
          actor_type: 'system',
          correlation_id: correlationId,
          causation_id: requested.merged.id,
        });

      await h.caughtUp('users');
      const emails = await h.sql<{ value: string; is_primary: boolean }>(
        "SELECT value, is_primary FROM user_identities WHERE user_id = $1 AND type = 'email' ORDER BY position",
        [target],
      );
      expect(emails).toEqual([
        { value: 'r36@new.example', is_primary: true },
        { value: 'r36@old.example', is_primary: false },
      ]);
    });
  });

  describe('R3.9 the merge completes once, whatever restarts', () => {
    it('a worker restarted after the merge finds nothing left to do', async () => {
      const { source, target } = await pair('r39');
      for (let i = 0; i < 7; i++) await h.desk.ticket(source);
      const requested = await h.succeed(h.merge(source, target));
      await h.completed(requested.merged.id);
      const before = await h.headPosition();
      await h.sql(`DELETE FROM ${h.db.schema}_pm.process_checkpoints`);
      await h.restart();
      await h.caughtUp('tickets');
      // the process reads the whole log again: every merge it had taken on decides nothing anew
      const merges = h.worker().processes.find((p) => p.name === 'user_merges')!;
      await eventually('the merge process to read the log again', async () =>
        (merges.position() ?? 0n) >= before ? true : undefined,
      );
      expect(await h.headPosition()).toBe(before);
    });
  });
});
