import * as E from 'fp-ts/Either';
import { startApi, type ApiHarness } from '../testing/api-harness';
import { servedRoutes } from '../testing/served-routes';
import { seeded } from './random';
import { fuzzRequest, type FuzzRequest, type FuzzTarget } from './requests';
import { closeAgent, send } from './send';

const seed = Number(process.env['FUZZ_SEED'] ?? 20_240_501);
const count = Number(process.env['FUZZ_COUNT'] ?? 5_000);

const describeRequest = (r: FuzzRequest): string =>
  r.kind === 'raw'
    ? `raw ${JSON.stringify(r.bytes.toString('latin1').slice(0, 120))}`
    : `${r.method} ${r.path.slice(0, 200)} ${JSON.stringify(r.headers)} body=${JSON.stringify(r.body?.toString('utf8').slice(0, 200))}`;

/**
 * api.md: never a 5xx for bad input, never a stack trace, and a refused request appends no event.
 * Thousands of random and malformed requests (bodies, headers, paths, methods, huge and deeply
 * nested JSON, bad UTF-8, raw bytes), seeded (FUZZ_SEED) so that a failure can be replayed.
 * Events may still be appended while a refused request runs by the background work of an earlier
 * accepted one (a merge, a transfer's integrations): each event carries its request's correlation
 * id, so every event of the window must belong to an accepted request, never to the refused one.
 */
describe(`fuzz: ${count} random and malformed requests (seed ${seed})`, () => {
  let api: ApiHarness;
  let target: FuzzTarget;
  beforeAll(async () => {
    api = await startApi();
    const account = await api.openAccount('enterprise');
    const other = await api.openAccount('team', 'Other Co');
    const agent = await api.addUser(account, {
      name: 'Al',
      role: 'agent',
      email: 'al@fuzz.example',
    });
    const ann = await api.addUser(account, { name: 'Ann', email: 'ann@fuzz.example' });
    const ticket = await api.openTicket(account, ann.id);
    const routes = servedRoutes(api.app);
    target = {
      routes,
      ids: [
        account.ownerId,
        account.defaultOrganizationId,
        agent.id,
        ann.id,
        ticket,
        other.ownerId,
        other.defaultOrganizationId,
        '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      ],
      tokens: [account.ownerToken, agent.token, ann.token, other.ownerToken, 'hd_forged', ''],
      emails: ['olga@x.example', 'al@fuzz.example', 'ann@fuzz.example', 'nobody@fuzz.example'],
    };
  });
  afterAll(async () => {
    closeAgent();
    await api.close();
  });

  it('answers every one below 500, and no refused request appends an event', async () => {
    const random = seeded(seed);
    const base = new URL(api.base);
    const accepted = new Set<string>();
    const statuses = new Map<string, number>();
    const problems: string[] = [];
    for (let n = 0; n < count && problems.length < 5; n += 1) {
      const request = fuzzRequest(random, target);
      const before = await api.eventCount();
      const answer = await send(base, request);
      const status = answer.status ?? 0;
      const bucket = answer.status === undefined ? 'none' : String(status);
      statuses.set(bucket, (statuses.get(bucket) ?? 0) + 1);
      if (status >= 500 || /\bat .+\.(ts|js):\d+/.test(answer.body))
        problems.push(
          `#${n} ${status} ${answer.body.slice(0, 300)} <- ${describeRequest(request)}`,
        );
      if (status >= 200 && status < 400) {
        if (answer.requestId !== undefined) accepted.add(answer.requestId);
        continue;
      }
      const after = await api.eventCount();
      if (after === before) continue;
      const appended = await api.store.readAll({ after: before, maxCount: 10_000 })();
      const strays = E.isLeft(appended)
        ? ['unreadable']
        : appended.right
            .map((e) => (e.metadata as { correlation_id?: string }).correlation_id ?? '?')
            .filter((correlation) => !accepted.has(correlation));
      if (strays.length > 0)
        problems.push(
          `#${n} ${status} appended ${strays.length} event(s) <- ${describeRequest(request)}`,
        );
    }
    expect(problems).toEqual([]);
    // the run reached deep: successes and every kind of refusal, not only 401s and 404s
    const reached = ['200', '201', '400', '401', '403', '404', '413', '422'].filter(
      (s) => (statuses.get(s) ?? 0) === 0,
    );
    expect({ missing: reached, statuses: Object.fromEntries(statuses) }).toEqual({
      missing: [],
      statuses: expect.anything(),
    });
    if (process.env['FUZZ_REPORT'])
      process.stdout.write(`${JSON.stringify(Object.fromEntries(statuses))}\n`);
    await api.settled();
    const health = await fetch(`${api.base}/healthz`);
    expect(health.status).toBe(200);
  }, 120_000);
});
