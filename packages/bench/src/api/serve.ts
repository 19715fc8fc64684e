import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..', '..', '..');
const helpdesk = join(root, 'services', 'cli', 'dist', 'main.js');

/** `tsc -b services/cli`: the bench measures the code of this checkout, compiled. */
export const build = (): void => {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const built = spawnSync(process.execPath, [tsc, '-b', join(root, 'services', 'cli')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`tsc -b failed:\n${built.stdout}${built.stderr}`);
};

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(),
      );
    });
  });

export interface Serving {
  readonly base: string;
  readonly child: ChildProcess;
  readonly stop: () => Promise<void>;
}

/** The built `helpdesk serve` on `databaseUrl` (events and read models), on a free port. */
export const startServe = async (
  databaseUrl: string,
  operatorToken: string,
  extraEnv: Readonly<Record<string, string>> = {},
  nodeArgs: ReadonlyArray<string> = [],
): Promise<Serving> => {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-api-'));
  // as `pnpm start` runs it: a young generation of 64 MB, where the short-lived objects of each
  // request die (the default, 16 MB, fills four times sooner)
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=64', ...nodeArgs, helpdesk, 'serve'],
    {
      cwd: dataDir,
      env: {
        PATH: process.env['PATH'] ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        EVENT_STORE_URL: databaseUrl,
        HELPDESK_DATA_DIR: dataDir,
        HELPDESK_OPERATOR_TOKEN: operatorToken,
        HELPDESK_LOG_LEVEL: process.env['HELPDESK_LOG_LEVEL'] ?? 'info',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let buffered = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('helpdesk serve did not start')), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      // the request log is read and dropped, as a log shipper would
      if (buffered !== 'done') {
        buffered += chunk.toString('utf8');
        if (buffered.includes('"msg":"listening"')) {
          buffered = 'done';
          clearTimeout(timer);
          resolve();
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`helpdesk serve exited with ${code}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    child,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
