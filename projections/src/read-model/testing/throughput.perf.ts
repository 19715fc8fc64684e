import { readFileSync, readdirSync } from 'node:fs';
import { allProjections } from '../../all-projections';
import type { ProjectedEvent } from '../../runtime/projection';
import { openTestDatabase } from '../../testing/test-database';
import { HelpDesk } from './help-desk';

/**
 * How fast each read model applies a log, the log's reading and decoding left out. Not part of
 * the test suite; run it by hand:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
 *     npx jest --testMatch '**\/throughput.perf.ts' projections/src/read-model
 * TICKETS, FOLLOW_UPS and BATCH size the log; ASYNC=1 (`synchronous_commit = off`), NOINDEX=1
 * (secondary indexes built after the load) and UNLOGGED=1 measure what a rebuild could save.
 */

const generate = (tickets: number, followUps: number): ReadonlyArray<ProjectedEvent> => {
  const desk = new HelpDesk();
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(random() * xs.length)]!;
  const accounts = Array.from({ length: 5 }, (_, a) => {
    const { accountId, ownerId } = desk.openAccount(`Desk ${a}`);
    const orgs = Array.from({ length: 20 }, (_, o) =>
      desk.organization(accountId, `Org ${a}-${o}`, [`org${a}-${o}.com`]),
    );
    const users = Array.from({ length: 1000 }, (_, u) =>
      desk.createUser(accountId, { name: `User ${a}-${u}`, organizations: [pick(orgs)] }),
    );
    return { accountId, ownerId, users, tickets: [] as string[] };
  });
  for (let i = 0; i < tickets; i += 1) {
    const account = pick(accounts);
    const requesterId = pick(account.users);
    account.tickets.push(
      desk.openTicket(account.accountId, { requesterId, comment: 'My printer is on fire again.' }),
    );
  }
  const merged = new Set<string>();
  const active = (users: ReadonlyArray<string>) => users.filter((u) => !merged.has(u));
  for (let i = 0; i < followUps; i += 1) {
    const { ownerId: agent, users, tickets: ids } = pick(accounts);
    const ticket = pick(ids);
    const roll = random();
    if (roll < 0.6 || desk.ticketState(ticket).archived)
      desk.comment(ticket, agent, 'We are looking into it, thanks for your patience.');
    else if (roll < 0.8)
      desk.changeStatus(ticket, pick(['open', 'pending', 'solved'] as const), agent);
    else if (roll < 0.9) desk.changeRequester(ticket, pick(active(users.slice(0, 50))), agent);
    else if (roll < 0.95) desk.addCc(ticket, pick(users), agent);
    else if (roll < 0.999) {
      desk.changeStatus(ticket, 'closed', agent);
      desk.archive(ticket);
    } else {
      const [source, target] = [pick(active(users)), pick(active(users))];
      if (source !== target) {
        merged.add(source);
        desk.merge(source, target, agent);
      }
    }
  }
  return desk.events;
};

/** CPU milliseconds used so far by every PostgreSQL process of the machine. */
const postgresCpu = (): number =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .reduce((total, pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) return total;
        const fields = stat.split(') ')[1]!.split(' ');
        return total + (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        return total; // the process ended meanwhile
      }
    }, 0);

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

describe('read model throughput', () => {
  it('applies a realistic log', async () => {
    const events = generate(env('TICKETS', 30_000), env('FOLLOW_UPS', 120_000));
    const batchSize = env('BATCH', 2000);
    const db = await openTestDatabase();
    for (const projection of allProjections) await db.client.exec(projection.schema);
    const secondary = (
      await db.client.query<{ name: string; def: string }>(
        `SELECT indexname AS name, indexdef AS def FROM pg_indexes
         WHERE schemaname = current_schema() AND indexname NOT LIKE '%pkey'`,
      )
    ).rows;
    if (process.env['NOINDEX'])
      for (const { name } of secondary) await db.client.exec(`DROP INDEX ${name}`);
    if (process.env['UNLOGGED'])
      for (const { tables } of allProjections)
        for (const table of tables) await db.client.exec(`ALTER TABLE ${table} SET UNLOGGED`);

    const report: Record<string, { ms: number; pgCpu: number; nodeCpu: number }> = {};
    let total = 0;
    for (const projection of allProjections) {
      const read = events.filter((e) =>
        projection.filter.streamPrefixes.some((prefix) => e.streamName.startsWith(prefix)),
      );
      const [started, pg, node] = [performance.now(), postgresCpu(), process.cpuUsage()];
      for (let i = 0; i < read.length; i += batchSize)
        await db.client.transaction(async (session) => {
          if (process.env['ASYNC']) await session.exec('SET LOCAL synchronous_commit = off');
          await projection.apply(session, read.slice(i, i + batchSize));
        });
      if (process.env['NOINDEX'])
        for (const index of secondary)
          if (projection.tables.some((table) => index.def.includes(` ${table} `)))
            await db.client.exec(index.def);
      const ms = performance.now() - started;
      const nodeCpu = process.cpuUsage(node);
      total += ms;
      report[projection.name] = {
        ms: Math.round(ms),
        pgCpu: postgresCpu() - pg,
        nodeCpu: Math.round((nodeCpu.user + nodeCpu.system) / 1000),
      };
    }
    await db.dispose();
    const eventsPerSecond = Math.round(events.length / (total / 1000));
    console.log(
      JSON.stringify({
        engine: db.engine,
        events: events.length,
        batchSize,
        report,
        eventsPerSecond,
      }),
    );
    expect(eventsPerSecond).toBeGreaterThan(0);
  }, 600_000);
});
