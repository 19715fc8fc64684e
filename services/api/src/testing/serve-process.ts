import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';

/** The workspace's root, from this file (services/api/src/testing). */
export const workspaceRoot = join(__dirname, '..', '..', '..', '..');
export const helpdeskBin = join(workspaceRoot, 'services', 'cli', 'dist', 'main.js');

/**
 * Builds what `helpdesk serve` runs (the cli and every package it uses) with `tsc -b`, which does
 * nothing when the outputs are up to date: the test runs the code of this checkout.
 */
export const buildServe = (): void => {
  // two test files building at once would write the same outputs: one builds, the other waits
  const lock = join(workspaceRoot, 'services', 'cli', '.build-lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) break; // a lock left by a killed run
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    const tsc = require.resolve('typescript/bin/tsc', { paths: [workspaceRoot] });
    const built = spawnSync(process.execPath, [tsc, '-b', join(workspaceRoot, 'services', 'cli')], {
      cwd: workspaceRoot,
      encoding: 'utf8',
    });
    if (built.status !== 0 || !existsSync(helpdeskBin))
      throw new Error(`tsc -b services/cli failed:\n${built.stdout}${built.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
};

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });

/** A database of its own on the server `url` names, dropped by the returned function. */
export const freshDatabase = async (
  url: string,
  prefix: string,
): Promise<{ readonly url: string; readonly drop: () => Promise<void> }> => {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Pool({ connectionString: url, max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    drop: async () => {
      const pool = new Pool({ connectionString: url, max: 1 });
      await pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await pool.end();
    },
  };
};

export interface ServeProcess {
  readonly base: string;
  readonly child: ChildProcess;
  /** every JSON line it logged so far */
  readonly lines: ReadonlyArray<Record<string, unknown>>;
  /** SIGTERM, then waits for the exit code */
  readonly stop: () => Promise<number | null>;
}

export interface ServeOptions {
  readonly operatorToken: string;
  /** PostgreSQL for the events and read models; the embedded store in a temporary folder when absent */
  readonly databaseUrl?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** arguments after `serve` (`--smtp-port N`) */
  readonly args?: ReadonlyArray<string>;
  readonly startTimeoutMs?: number;
}

/**
 * Starts the built `helpdesk serve` as a child process on a free port and waits for its
 * `listening` line. Its environment carries only what it needs (PATH, HOME and the settings).
 */
export const startServe = async (options: ServeOptions): Promise<ServeProcess> => {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'helpdesk-serve-'));
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    HELPDESK_DATA_DIR: dataDir,
    HELPDESK_OPERATOR_TOKEN: options.operatorToken,
    ...(options.databaseUrl === undefined ? {} : { DATABASE_URL: options.databaseUrl }),
    ...options.env,
  };
  const child = spawn(process.execPath, [helpdeskBin, 'serve', ...(options.args ?? [])], {
    cwd: dataDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  let pending = '';
  const listening = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`helpdesk serve did not start: ${stderr}`)),
      options.startTimeoutMs ?? 60_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      for (const line of complete) {
        if (line.trim() === '') continue;
        try {
          const parsed = JSON.parse(line) as Record<string, unknown>;
          lines.push(parsed);
          if (parsed['msg'] === 'listening') {
            clearTimeout(timer);
            resolve();
          }
        } catch {
          lines.push({ unparsed: line });
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`helpdesk serve exited with ${code}: ${stderr}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    const code = await exited;
    await rm(dataDir, { recursive: true, force: true });
    return code;
  };
  try {
    await listening;
  } catch (error) {
    await stop();
    throw error;
  }
  return { base: `http://127.0.0.1:${port}`, child, lines, stop };
};
