import * as E from 'fp-ts/Either';
import { ticketsProjection } from '@helpdesk/projections';
import { openHarness, type Harness } from '../testing/harness';

const engine = process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite';

describe(`R3.3 at most 10,000 requested tickets on either side, counted by the read model on ${engine}`, () => {
  let h: Harness;
  beforeAll(async () => {
    // only what R3.3 reads: the tickets read model
    h = await openHarness({ processes: [], projections: [ticketsProjection] });
  });
  afterAll(async () => {
    await h.dispose();
  });

  it('refuses a source or a target with 10,001 requested tickets', async () => {
    const busy = await h.desk.endUser('Busy', { emails: ['busy@example.com'] });
    const other = await h.desk.endUser('Other', { emails: ['other@example.com'] });
    await h.desk.manyTickets(10_001, (i) => ({
      requesterId: busy,
      status: i % 2 === 0 ? 'open' : 'closed',
      archived: i % 5 === 0,
    }));
    const refused = E.left({
      kind: 'DomainRefusal',
      error: expect.objectContaining({ kind: 'RuleViolation', rule: 'R3.3' }),
    });
    expect(await h.merge(busy, other)()).toEqual(refused);
    expect(await h.merge(other, busy)()).toEqual(refused);
  }, 120_000);
});
