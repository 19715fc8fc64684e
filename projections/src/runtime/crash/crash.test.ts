import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';

/**
 * Done-when of issue 4: a process rebuilding every real read model from a log of 100,000 events
 * is SIGKILLed at random moments, at least ten times, and restarted each time; the read models it
 * ends with equal, row for row, those of a rebuild that was never interrupted. The store and the
 * read models live on the PostgreSQL server of DATABASE_URL, or else in one PGlite folder.
 */

const projectionsRoot = resolve(__dirname, '..', '..', '..');
const childScript = join(__dirname, 'crash-child.ts');
const events = 100_000;
const batchSize = 4000;
const killsWanted = 10;

const url = process.env['DATABASE_URL'];
const onServer = url !== undefined && url !== '';
const prefix = `crash_${process.pid}_${Date.now().toString(36)}`;
const pgliteDir = onServer ? '' : mkdtempSync(join(tmpdir(), 'helpdesk-crash-'));

const childEnv = {
  ...process.env,
  TSX_TSCONFIG_PATH: join(projectionsRoot, 'src', 'runtime', 'testing', 'tsconfig.source.json'),
  CRASH_DATABASE_URL: onServer ? url : '',
  CRASH_STORE_SCHEMA: `${prefix}_es`,
  CRASH_PGLITE_DIR: pgliteDir,
};

interface Run {
  readonly lines: ReadonlyArray<string>;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/**
 * Runs the child; it is SIGKILLed `killAtStart` ms after it starts, or after the delay `onLine`
 * returns for a line it printed.
 */
const runChild = (
  args: ReadonlyArray<string>,
  onLine: (line: string) => number | undefined = () => undefined,
  killAtStart?: number,
): Promise<Run> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, ...args], {
      cwd: projectionsRoot,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let stderr = '';
    let killScheduled = killAtStart !== undefined;
    if (killAtStart !== undefined) setTimeout(() => child.kill('SIGKILL'), killAtStart);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const delay = killScheduled ? undefined : onLine(line);
      if (delay === undefined) return;
      killScheduled = true;
      setTimeout(() => child.kill('SIGKILL'), delay);
    });
    child.on('error', fail);
    child.on('close', (code, signal) => done({ lines, code, signal, stderr }));
  });

const mustSucceed = (run: Run): Run => {
  if (run.code !== 0) throw new Error(`child failed (${run.code ?? run.signal}): ${run.stderr}`);
  return run;
};

const randomInt = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));

/**
 * Where to kill this run: at a random moment from its start (startup, install, first batch), a
 * batch or two in (while the next batch's transaction runs), or during the swap, each after a
 * random delay, so kills land before, inside and between transactions. A run killed during the
 * swap leaves the next run only the swap to finish, which ends that rebuild: so the swap is killed
 * only by the last kill a rebuild needs (half the time then), else no rebuild would gather ten.
 */
const killPlan = (
  lastKill: boolean,
): {
  readonly atStart?: number;
  readonly onLine: (line: string) => number | undefined;
} => {
  const roll = Math.random();
  if (roll < 0.1) return { atStart: randomInt(0, 3000), onLine: () => undefined };
  if (!lastKill || roll < 0.55) {
    let batches = randomInt(1, 2);
    return {
      onLine: (line) =>
        line.startsWith('progress building') && --batches === 0 ? randomInt(0, 60) : undefined,
    };
  }
  return {
    onLine: (line) => (line.startsWith('progress swapping') ? randomInt(0, 20) : undefined),
  };
};

describe('a rebuild killed at random moments', () => {
  afterAll(async () => {
    if (!onServer) return rmSync(pgliteDir, { recursive: true, force: true });
    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ nspname: string }>(
      'SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)',
      [prefix],
    );
    for (const { nspname } of rows) await client.query(`DROP SCHEMA ${nspname} CASCADE`);
    await client.end();
  });

  it(
    `ends, after ${killsWanted} SIGKILLs or more, with read models equal row for row to an uninterrupted rebuild`,
    async () => {
      const prepared = mustSucceed(
        await runChild(['prepare', String(events), `${prefix}_ref`, String(batchSize)]),
      );
      expect(prepared.lines[0]).toBe(`seeded ${events}`);
      expect(prepared.lines.at(-1)).toBe(`done ${events}`);

      // kills count within one rebuild: a rebuild that completes starts the count again
      const crashed = `${prefix}_crash`;
      let kills = 0;
      const history: string[] = [];
      for (let attempt = 0; kills < killsWanted && attempt < killsWanted * 6; attempt++) {
        const plan = killPlan(kills === killsWanted - 1);
        const run = await runChild(
          ['rebuild', crashed, String(batchSize)],
          plan.onLine,
          plan.atStart,
        );
        const finished = run.lines.at(-1)?.startsWith('done') === true;
        history.push(`${run.signal ?? run.code} after "${run.lines.at(-1) ?? ''}"`);
        if (finished) kills = 0;
        else if (run.signal === 'SIGKILL') kills += 1;
        else mustSucceed(run);
      }
      if (kills < killsWanted)
        throw new Error(`${kills} kills in one rebuild: ${history.join('; ')}`);

      const last = mustSucceed(await runChild(['rebuild', crashed, String(batchSize)]));
      expect(last.lines.at(-1)).toBe(`done ${events}`);
      const compared = mustSucceed(await runChild(['compare', crashed, `${prefix}_ref`]));
      const { rows, differences } = JSON.parse(compared.lines.at(-1)!) as {
        rows: number;
        differences: string[];
      };
      expect(differences).toEqual([]);
      expect(rows).toBeGreaterThan(events);
    },
    10 * 60_000,
  );
});
