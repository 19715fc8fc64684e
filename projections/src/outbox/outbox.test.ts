import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { fixedClock, type QueuedEmail } from '@helpdesk/application';
import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import { sqlOutboxDelivery, type ClaimedEmail } from './delivery';
import { pgOutbox } from './enqueue';
import { listOutboundEmails } from './outbound-emails';
import { installOutbox } from './schema';

const accountId = '0a000000-0000-4000-8000-000000000001';
const otherAccountId = '0a000000-0000-4000-8000-000000000002';
const idOf = (n: number) => `0e000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const tokenOf = (n: number) => `0f000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const mail = (n: number, overrides: Partial<QueuedEmail> = {}): QueuedEmail => ({
  id: idOf(n),
  accountId,
  to: `user${n}@example.com`,
  templateId: null,
  subject: `Mail ${n}`,
  body: 'Set your password at {{portal.password_link}}',
  ticketId: null,
  userId: '0d000000-0000-4000-8000-000000000001',
  causationId: `event-${n}`,
  ...overrides,
});

const ok = async <A>(task: TE.TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
  return result.right;
};

const at = (iso: string) => new Date(iso);
const start = '2026-11-21T10:00:00.000Z';

describe('the mail outbox', () => {
  let db: TestDatabase;
  let schema: string;
  let n = 0;
  /** a schema of its own per test, named after the test schema so that disposing drops it */
  const freshOutbox = async () => {
    const name = `${db.schema}_outbox${++n}`;
    await installOutbox(db.client, name);
    const clock = fixedClock(start);
    return {
      clock,
      outbox: pgOutbox(db.client, { schema: name, clock }),
      delivery: sqlOutboxDelivery(db.client, name),
      list: (account = accountId, request = {}) =>
        ok(listOutboundEmails(db.client, account, request, name)),
      rows: async () =>
        (
          await db.client.query<{ id: string; status: string; attempts: number }>(
            `SELECT id::text AS id, status, attempts FROM ${name}.emails ORDER BY seq`,
          )
        ).rows,
    };
  };
  beforeAll(async () => {
    db = await openTestDatabase();
    schema = `${db.schema}_outbox`;
    await installOutbox(db.client, schema);
    await installOutbox(db.client, schema); // installing twice changes nothing
  });
  afterAll(() => db.dispose());

  describe('exactly once: a mail is queued once however often it is enqueued', () => {
    it('keeps one row for an id enqueued twice in one call and again later', async () => {
      const { outbox, list } = await freshOutbox();
      await ok(outbox.enqueue([mail(1), mail(1)]));
      await ok(outbox.enqueue([mail(1, { subject: 'changed' }), mail(2)]));
      const page = await list();
      expect(page.items.map((m) => [m.id, m.subject])).toEqual([
        [idOf(1), 'Mail 1'],
        [idOf(2), 'Mail 2'],
      ]);
    });

    it('does not queue again a mail already sent', async () => {
      const { outbox, delivery, list } = await freshOutbox();
      await ok(outbox.enqueue([mail(1)]));
      const [claimed] = await ok(
        delivery.claimDue({
          now: at(start),
          leaseUntil: at('2026-11-21T10:05:00.000Z'),
          limit: 10,
          claimToken: tokenOf(1),
        }),
      );
      expect(await ok(delivery.markSent(claimed!, at(start)))).toBe(true);
      await ok(outbox.enqueue([mail(1)]));
      expect((await list()).items).toEqual([
        expect.objectContaining({ id: idOf(1), status: 'sent', sentAt: start, attempts: 1 }),
      ]);
    });

    it('enqueues nothing for an empty list', async () => {
      const { outbox, list } = await freshOutbox();
      await ok(outbox.enqueue([]));
      expect((await list()).items).toEqual([]);
    });
  });

  describe('R5.3 addresses at the .invalid domain are never sent mail', () => {
    it('keeps such a mail as suppressed, and no sender ever claims it', async () => {
      const { outbox, delivery, list } = await freshOutbox();
      await ok(outbox.enqueue([mail(1, { to: 'nobody@customer.INVALID' }), mail(2)]));
      expect((await list()).items.map((m) => [m.to, m.status])).toEqual([
        ['nobody@customer.INVALID', 'suppressed'],
        ['user2@example.com', 'queued'],
      ]);
      const claimed = await ok(
        delivery.claimDue({
          now: at('2027-01-01T00:00:00.000Z'),
          leaseUntil: at('2027-01-01T00:05:00.000Z'),
          limit: 10,
          claimToken: tokenOf(1),
        }),
      );
      expect(claimed.map((m) => m.id)).toEqual([idOf(2)]);
    });
  });

  describe('the listing', () => {
    it("pages through the account's mails, oldest first, and shows no other account's", async () => {
      const { outbox, list } = await freshOutbox();
      await ok(outbox.enqueue([mail(1), mail(2, { accountId: otherAccountId }), mail(3), mail(4)]));
      const first = await list(accountId, { size: 2 });
      expect(first.items.map((m) => m.id)).toEqual([idOf(1), idOf(3)]);
      expect(first.hasMore).toBe(true);
      const second = await list(accountId, { size: 2, after: first.after! });
      expect(second.items.map((m) => m.id)).toEqual([idOf(4)]);
      expect(second.hasMore).toBe(false);
      expect((await list(otherAccountId)).items.map((m) => m.id)).toEqual([idOf(2)]);
    });

    it('keeps the body as enqueued: the password link is a placeholder, never a link', async () => {
      const { outbox, list } = await freshOutbox();
      await ok(outbox.enqueue([mail(1)]));
      expect((await list()).items[0]).toMatchObject({
        body: 'Set your password at {{portal.password_link}}',
        createdAt: start,
        status: 'queued',
        attempts: 0,
        lastError: null,
        sentAt: null,
      });
    });
  });

  describe('claims', () => {
    const claim = (
      delivery: ReturnType<typeof sqlOutboxDelivery>,
      now: string,
      token: number,
      limit = 10,
    ) =>
      ok(
        delivery.claimDue({
          now: at(now),
          leaseUntil: new Date(at(now).getTime() + 5 * 60_000),
          limit,
          claimToken: tokenOf(token),
        }),
      );

    it('two senders claiming at once never hold the same mail', async () => {
      const { outbox, delivery } = await freshOutbox();
      await ok(outbox.enqueue(Array.from({ length: 40 }, (_, i) => mail(i + 1))));
      const rounds: ClaimedEmail[][] = [];
      for (let round = 0; round < 3; round++)
        rounds.push(
          ...(await Promise.all([
            claim(delivery, start, round * 2 + 1, 7),
            claim(delivery, start, round * 2 + 2, 7),
          ]).then((both) => both.map((c) => [...c]))),
        );
      const ids = rounds.flat().map((m) => m.id);
      // six claims of seven take all forty, none twice
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('holds a claimed mail until its lease ends, then lets another sender take it', async () => {
      const { outbox, delivery } = await freshOutbox();
      await ok(outbox.enqueue([mail(1)]));
      expect((await claim(delivery, start, 1)).map((m) => m.attempts)).toEqual([1]);
      expect(await claim(delivery, '2026-11-21T10:04:59.000Z', 2)).toEqual([]);
      // the first sender died: after its lease, the mail is tried again, as a second attempt
      expect((await claim(delivery, '2026-11-21T10:05:00.000Z', 3)).map((m) => m.attempts)).toEqual(
        [2],
      );
    });

    it('a retry waits until it is due; only the claim holder schedules it', async () => {
      const { outbox, delivery, list } = await freshOutbox();
      await ok(outbox.enqueue([mail(1)]));
      const [held] = await claim(delivery, start, 1);
      expect(
        await ok(delivery.retryLater({ ...held!, claimToken: tokenOf(9) }, at(start), 'x')),
      ).toBe(false);
      expect(
        await ok(delivery.retryLater(held!, at('2026-11-21T10:00:30.000Z'), '421 try later')),
      ).toBe(true);
      expect(await claim(delivery, '2026-11-21T10:00:29.000Z', 2)).toEqual([]);
      expect((await list()).items[0]).toMatchObject({
        status: 'queued',
        lastError: '421 try later',
      });
      const [again] = await claim(delivery, '2026-11-21T10:00:30.000Z', 3);
      expect(again).toMatchObject({ id: idOf(1), attempts: 2 });
      expect(await ok(delivery.markFailed(again!, '550 no such user'))).toBe(true);
      expect((await list()).items[0]).toMatchObject({
        status: 'failed',
        attempts: 2,
        lastError: '550 no such user',
      });
      expect(await claim(delivery, '2027-01-01T00:00:00.000Z', 4)).toEqual([]);
    });

    it('a released mail is claimable again at once, its attempt not counted', async () => {
      const { outbox, delivery, rows } = await freshOutbox();
      await ok(outbox.enqueue([mail(1)]));
      const [held] = await claim(delivery, start, 1);
      expect(await ok(delivery.release(held!))).toBe(true);
      expect(await rows()).toEqual([{ id: idOf(1), status: 'queued', attempts: 0 }]);
      expect((await claim(delivery, start, 2)).map((m) => m.attempts)).toEqual([1]);
    });

    it('a mail is marked sent once', async () => {
      const { outbox, delivery } = await freshOutbox();
      await ok(outbox.enqueue([mail(1)]));
      const [held] = await claim(delivery, start, 1);
      expect(await ok(delivery.markSent(held!, at(start)))).toBe(true);
      expect(await ok(delivery.markSent(held!, at(start)))).toBe(false);
      expect(await ok(delivery.markFailed(held!, 'late'))).toBe(false);
    });
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => pgOutbox(db.client, { schema: 'x; DROP TABLE y' })).toThrow(/identifier/);
    expect(() => sqlOutboxDelivery(db.client, 'x"y')).toThrow(/identifier/);
  });

  it('reports an unreachable table as a failure value, not a throw', async () => {
    const outbox = pgOutbox(db.client, { schema: `${schema}_missing` });
    const result = await outbox.enqueue([mail(1)])();
    expect(E.isLeft(result) && result.left.kind).toBe('StoreUnavailable');
  });
});
