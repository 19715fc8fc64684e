import { spawn } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../api/serve';
import { cpuSecondsOf } from '../process-cpu';
import { progress } from '../stats';
import { variants, type Variant } from './servers';

interface Measured {
  readonly requestsPerSecond: number;
  readonly serverMicrosecondsPerRequest: number;
}

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** One server of `servers.ts` in a child process, as `tsx` runs this bench. */
const startServer = async (variant: Variant) => {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...process.execArgv, join(__dirname, 'serve-variant.ts'), variant, String(port)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the ${variant} server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/api/v2/tickets/5b8c3f3e-1111-4c1a-9e0e-aaaaaaaaaaaa`,
    pid: child.pid,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
};

/** autocannon at 32 connections, at `rate` requests/s in all (unbounded when undefined). */
const drive = async (
  url: string,
  pid: number | undefined,
  seconds: number,
  rate: number | undefined,
): Promise<Measured> => {
  const before = cpuSecondsOf(pid);
  const result = await autocannon({
    url,
    method: 'PUT',
    connections: 32,
    duration: seconds,
    ...(rate === undefined ? {} : { overallRate: rate }),
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer bench' },
    body: JSON.stringify({ ticket: { requester_id: '5b8c3f3e-1111-4c1a-9e0e-bbbbbbbbbbbb' } }),
  });
  const after = cpuSecondsOf(pid);
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    serverMicrosecondsPerRequest:
      before === undefined || after === undefined
        ? Number.NaN
        : Math.round(((after - before) * 1e6) / result.requests.total),
  };
};

/**
 * `pnpm bench http [--rounds 3] [--seconds 8] [--rate 1000]`: what the HTTP stack costs before any
 * of the API's work (`servers.ts`), the three servers measured in turn, round after round so that
 * the machine's drift falls on each alike. Each is driven at 32 connections, once at a fixed rate
 * (the server's CPU per request at the load `pnpm bench api` sees) and once unbounded. The medians
 * over the rounds are printed; the last line is one JSON object.
 */
export const runHttpBench = async (args: ReadonlyArray<string>): Promise<void> => {
  const flag = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    return i === -1 ? fallback : Number(args[i + 1]);
  };
  const rounds = flag('rounds', 3);
  const seconds = flag('seconds', 8);
  const rate = flag('rate', 1000);
  const measured = new Map<Variant, { atRate: Measured[]; unbounded: Measured[] }>(
    variants.map((v) => [v, { atRate: [], unbounded: [] }]),
  );
  for (let round = 1; round <= rounds; round += 1)
    for (const variant of variants) {
      progress(`round ${round}/${rounds}: ${variant}`);
      const server = await startServer(variant);
      try {
        await drive(server.url, server.pid, 2, undefined); // warm-up
        measured.get(variant)!.atRate.push(await drive(server.url, server.pid, seconds, rate));
        measured
          .get(variant)!
          .unbounded.push(await drive(server.url, server.pid, seconds, undefined));
      } finally {
        await server.stop();
      }
    }
  const results = variants.map((variant) => {
    const { atRate, unbounded } = measured.get(variant)!;
    return {
      server: variant,
      microsecondsPerRequestAtRate: median(atRate.map((m) => m.serverMicrosecondsPerRequest)),
      maxRequestsPerSecond: median(unbounded.map((m) => m.requestsPerSecond)),
      microsecondsPerRequestUnbounded: median(unbounded.map((m) => m.serverMicrosecondsPerRequest)),
    };
  });
  for (const r of results)
    process.stdout.write(
      `${r.server.padEnd(15)} at ${rate}/s: ${String(r.microsecondsPerRequestAtRate).padStart(4)} µs of server CPU per request; ` +
        `unbounded: ${String(r.maxRequestsPerSecond).padStart(6)} requests/s, ${r.microsecondsPerRequestUnbounded} µs per request\n`,
    );
  process.stdout.write(
    `${JSON.stringify({ bench: 'http', connections: 32, rate, seconds, rounds, results })}\n`,
  );
};
