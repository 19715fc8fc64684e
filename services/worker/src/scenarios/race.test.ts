import * as E from 'fp-ts/Either';
import { createTicket, eventually, instrumentedStore } from '@helpdesk/application';
import { openHarness, type Harness } from '../testing/harness';

const engine = process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite';

describe(`R3.5 R3.6 a ticket created for the source while its merge is accepted, on ${engine}`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(async () => {
    await h.dispose();
  });

  const requesterOf = async (ticketId: string) => {
    await h.caughtUp('tickets');
    const rows = await h.sql<{ requester_id: string }>(
      'SELECT requester_id FROM tickets WHERE id = $1',
      [ticketId],
    );
    return rows[0]?.requester_id;
  };

  it('is rewritten when its facts were read before UserMerged and it was appended after', async () => {
    const source = await h.desk.endUser('Bob (duplicate)', { emails: ['bob@old.example'] });
    const target = await h.desk.endUser('Bob', { emails: ['bob@new.example'] });
    let mergedAt: bigint | undefined;
    // the merge is accepted between the ticket's look-up of its requester and its append
    const { store } = instrumentedStore(h.store, {
      beforeAppend: async (call) => {
        if (mergedAt === undefined && call.streamName.startsWith('ticket-'))
          mergedAt = (await h.succeed(h.merge(source, target))).merged.globalPosition;
      },
    });
    const created = await h.succeed(
      createTicket({ ...h.desk.deps, eventStore: store }, h.desk.owner(), {
        subject: 'Raced',
        requesterId: source,
      }),
    );
    expect(created.events[0]!.globalPosition).toBeGreaterThan(mergedAt!);
    const ticketId = created.events[0]!.streamName.slice('ticket-'.length);
    expect(
      await eventually('the raced ticket to be rewritten', async () =>
        (await requesterOf(ticketId)) === target ? target : undefined,
      ),
    ).toBe(target);
  });

  it('of tickets created while the merge is requested, each is refused (R3.5) or rewritten, never left with the source', async () => {
    const source = await h.desk.endUser('Ann (duplicate)', { emails: ['ann@old.example'] });
    const target = await h.desk.endUser('Ann', { emails: ['ann@new.example'] });
    const attempts = Array.from({ length: 30 }, (_, i) =>
      new Promise((resolve) => setTimeout(resolve, i * 3)).then(() =>
        createTicket(h.desk.deps, h.desk.owner(), {
          subject: `Ticket ${i}`,
          requesterId: source,
        })(),
      ),
    );
    const requested = new Promise((resolve) => setTimeout(resolve, 40)).then(() =>
      h.succeed(h.merge(source, target)),
    );
    const [results, merge] = await Promise.all([Promise.all(attempts), requested]);
    const created = results.flatMap((r) => (E.isRight(r) ? [r.right.events[0]!] : []));
    const refused = results.filter(E.isLeft);
    for (const refusal of refused)
      expect(refusal).toEqual(
        E.left({ kind: 'DomainRefusal', error: expect.objectContaining({ rule: 'R3.5' }) }),
      );
    expect(created.length + refused.length).toBe(30);
    await h.completed(merge.merged.id);
    for (const event of created) {
      const ticketId = event.streamName.slice('ticket-'.length);
      await eventually(`ticket ${ticketId} to be rewritten`, async () =>
        (await requesterOf(ticketId)) === target ? true : undefined,
      );
    }
    const left = await h.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM tickets WHERE requester_id = $1',
      [source],
    );
    expect(left[0]!.n).toBe(0);
  });
});
