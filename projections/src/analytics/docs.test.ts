import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allProjections } from '../all-projections';
import { HelpDesk } from '../read-model/testing/help-desk';
import { projected } from '../read-model/testing/project';
import type { TestDatabase } from '../testing/test-database';

const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'analytics.md'), 'utf8');

/** Every statement of the page's SQL examples, but the `SET search_path` a reader starts with. */
const examples = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)]
  .flatMap((match) => match[1]!.split(/;\s*\n/))
  .map((statement) => statement.trim().replace(/;$/, ''))
  .filter((statement) => statement !== '' && !statement.startsWith('SET '));

const parameterCount = (statement: string): number =>
  Math.max(0, ...[...statement.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));

describe('docs/analytics.md', () => {
  let db: TestDatabase;
  let params: string[];

  beforeAll(async () => {
    const desk = new HelpDesk();
    const { accountId, ownerId } = desk.openAccount('Acme support');
    const alice = desk.createUser(accountId, { name: 'Alice' });
    const bob = desk.createUser(accountId, { name: 'Bob' });
    const ticket = desk.openTicket(accountId, { requesterId: alice });
    desk.changeRequester(ticket, bob, ownerId);
    db = await projected(allProjections, desk.events);
    params = [accountId, ticket];
  });
  afterAll(() => db.dispose());

  it('has examples', () => expect(examples.length).toBeGreaterThan(10));

  it.each(examples.map((statement) => [statement.split('\n')[0], statement]))(
    'runs the example %s',
    async (_, statement) => {
      await expect(
        db.client.query(statement!, params.slice(0, parameterCount(statement!))),
      ).resolves.toBeDefined();
    },
  );
});
