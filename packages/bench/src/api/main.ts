import autocannon from 'autocannon';
import { cpuSecondsOf, databaseCpuSeconds } from '../process-cpu';
import { progress } from '../stats';
import { freshDatabase } from '../fresh-database';
import { build, startServe } from './serve';

const operatorToken = 'bench-operator-token';

interface LevelResult {
  readonly connections: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  /** the server's CPU time (all its threads) per request, where /proc tells it */
  readonly serverCpuMsPerRequest: number | null;
  /** the PostgreSQL server's CPU time (all its processes) per request, when it runs on this machine */
  readonly databaseCpuMsPerRequest: number | null;
}

const call = async (base: string, method: string, path: string, token: string, body?: unknown) => {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
};

/** An account, requesters to move tickets between, and tickets: what the load changes. */
const seed = async (base: string, users: number, tickets: number) => {
  const opened = await call(base, 'POST', '/api/v2/accounts', operatorToken, {
    account: {
      name: 'Bench Co',
      plan: 'team',
      owner: { name: 'Olga', email: 'olga@bench.example' },
    },
  });
  const token: string = opened['api_token'].token;
  const userIds: string[] = [];
  for (let i = 0; i < users; i += 1)
    userIds.push(
      (
        await call(base, 'POST', '/api/v2/users', token, {
          user: { name: `Customer ${i}`, email: `customer${i}@bench.example` },
        })
      )['user'].id,
    );
  const ticketIds: string[] = [];
  for (let i = 0; i < tickets; i += 1)
    ticketIds.push(
      (
        await call(base, 'POST', '/api/v2/tickets', token, {
          ticket: { subject: `Ticket ${i}`, requester_id: userIds[i % users] },
        })
      )['ticket'].id,
    );
  return { token, userIds, ticketIds };
};

/** Requester changes: each request gives a ticket a requester other than its current one. */
const runLevel = async (
  base: string,
  data: Awaited<ReturnType<typeof seed>>,
  connections: number,
  seconds: number,
  serverPid: number | undefined,
  databaseUrl: string,
): Promise<LevelResult> => {
  let n = 0;
  const databaseBefore = await databaseCpuSeconds(databaseUrl);
  const cpuBefore = cpuSecondsOf(serverPid);
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    headers: { Authorization: `Bearer ${data.token}`, 'Content-Type': 'application/json' },
    requests: [
      {
        method: 'PUT',
        setupRequest: (request) => {
          // tickets in turn, each given the next requester of the list: every request is a change
          const t = data.ticketIds.length;
          const round = Math.floor(n / t) + 1;
          const ticket = data.ticketIds[n % t]!;
          const requester = data.userIds[(round + (n % t)) % data.userIds.length]!;
          n += 1;
          return {
            ...request,
            path: `/api/v2/tickets/${ticket}`,
            body: JSON.stringify({ ticket: { requester_id: requester } }),
          };
        },
      },
    ],
  });
  const cpuAfter = cpuSecondsOf(serverPid);
  const databaseAfter = await databaseCpuSeconds(databaseUrl);
  const perRequest = (before: number | undefined, after: number | undefined) =>
    before === undefined || after === undefined || result.requests.total === 0
      ? null
      : Number((((after - before) * 1000) / result.requests.total).toFixed(3));
  return {
    connections,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    serverCpuMsPerRequest: perRequest(cpuBefore, cpuAfter),
    databaseCpuMsPerRequest: perRequest(databaseBefore, databaseAfter),
  };
};

/**
 * `pnpm bench api`: the built `helpdesk serve` on a fresh PostgreSQL database (DATABASE_URL, or the
 * local server), driven over HTTP by autocannon with requester changes (PUT /tickets/{id}
 * `{"ticket": {"requester_id"}}`) at 8, 32 and 128 connections. Figures go to stdout, the last
 * line one JSON object.
 */
export const runApiBench = async (args: ReadonlyArray<string>): Promise<void> => {
  const flag = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    return i === -1 ? fallback : Number(args[i + 1]);
  };
  const seconds = flag('seconds', 10);
  // `--levels 32,128`: only those numbers of connections
  const levelsAt = args.indexOf('--levels');
  const levels = levelsAt === -1 ? [8, 32, 128] : (args[levelsAt + 1] ?? '').split(',').map(Number);
  if (levels.length === 0 || levels.some((l) => !Number.isInteger(l) || l < 1))
    throw new Error('--levels takes numbers of connections, such as 8,32,128');
  const server = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
  progress('building (tsc -b services/cli)');
  build();
  const database = await freshDatabase(server, 'api');
  progress('starting helpdesk serve on a fresh PostgreSQL database');
  // `--profile <dir>`: the server writes a CPU profile there when it stops (node --cpu-prof)
  const profile = args.indexOf('--profile');
  const serving = await startServe(
    database.url,
    operatorToken,
    {},
    profile === -1 ? [] : ['--cpu-prof', `--cpu-prof-dir=${args[profile + 1]}`],
  );
  try {
    progress('seeding an account, 200 requesters and 2,000 tickets');
    const data = await seed(serving.base, flag('users', 200), flag('tickets', 2000));
    progress('warming up');
    await runLevel(serving.base, data, 8, 3, undefined, database.url);
    const results: LevelResult[] = [];
    for (const connections of levels) {
      progress(`${connections} connections for ${seconds} s`);
      const level = await runLevel(
        serving.base,
        data,
        connections,
        seconds,
        serving.child.pid,
        database.url,
      );
      results.push(level);
      process.stdout.write(
        `connections ${String(connections).padStart(3)}: ${String(level.requestsPerSecond).padStart(5)} requester changes/s, p50 ${level.p50Ms} ms, p99 ${level.p99Ms} ms, server CPU ${level.serverCpuMsPerRequest ?? '?'} ms/change, database CPU ${level.databaseCpuMsPerRequest ?? '?'} ms/change (${level.requests} requests, ${level.non2xx} non-2xx, ${level.errors} errors)\n`,
      );
    }
    const at32 = results.find((r) => r.connections === 32);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'api',
        operation: 'PUT /api/v2/tickets/{id} requester_id',
        store: 'postgresql',
        seconds,
        results,
        target: { connections: 32, requestsPerSecond: 2000, p99Ms: 50 },
        met:
          at32 !== undefined &&
          at32.requestsPerSecond >= 2000 &&
          at32.p99Ms <= 50 &&
          at32.non2xx === 0,
      })}\n`,
    );
  } finally {
    await serving.stop();
    await database.drop();
  }
};
