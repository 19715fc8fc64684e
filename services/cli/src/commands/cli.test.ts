import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { buildServe } from '@helpdesk/api/src/testing/serve-process';
import { settingsOf } from '../runtime/settings';
import { parseFlags } from './account-create';

const root = join(__dirname, '..', '..', '..', '..');
const bin = join(root, 'services', 'cli', 'dist', 'main.js');

const helpdesk = (args: ReadonlyArray<string>, dataDir: string) =>
  spawnSync(process.execPath, [bin, ...args], {
    cwd: dataDir,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HELPDESK_DATA_DIR: dataDir },
    timeout: 60_000,
  });

describe('helpdesk account create and migrate, on the embedded store', () => {
  let dataDir: string;
  beforeAll(async () => {
    buildServe();
    dataDir = await mkdtemp(join(tmpdir(), 'helpdesk-cli-'));
  }, 180_000);
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('prints the owner’s token once, as one JSON line on stdout; logs go to stderr', () => {
    const created = helpdesk(
      [
        'account',
        'create',
        '--name',
        'Acme Support',
        '--plan',
        'professional',
        '--owner-name',
        'Olga Owner',
        '--owner-email',
        'olga@acme.example',
      ],
      dataDir,
    );
    expect([created.status, created.stderr]).toEqual([
      0,
      expect.stringContaining('account created'),
    ]);
    const printed = JSON.parse(created.stdout.trim()) as { api_token: { token: string } };
    expect(printed).toMatchObject({
      account_id: expect.any(String),
      owner_id: expect.any(String),
      api_token: { id: expect.any(String), token: expect.stringMatching(/^hd_/) },
    });
    // the token is never logged
    expect(created.stderr).not.toContain(printed.api_token.token);
  }, 60_000);

  it('refuses bad flags by name (exit 2) and creates nothing', () => {
    const refused = helpdesk(
      [
        'account',
        'create',
        '--name',
        '',
        '--plan',
        'gold',
        '--owner-name',
        'X',
        '--owner-email',
        'x',
      ],
      dataDir,
    );
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--plan');
    expect(refused.stderr).toContain('--owner-email');
  });

  it('migrates, idempotently', () => {
    const migrated = helpdesk(['migrate'], dataDir);
    expect([migrated.status, migrated.stdout]).toEqual([
      0,
      expect.stringContaining('"msg":"migrated"'),
    ]);
  }, 60_000);

  it('rebuilds every read model from the log with progress on stderr, or refuses an unknown name', () => {
    const rebuilt = helpdesk(['rebuild', '--all'], dataDir);
    expect([rebuilt.status, rebuilt.stderr]).toEqual([
      0,
      expect.stringContaining('"msg":"progress"'),
    ]);
    const report = JSON.parse(rebuilt.stdout.trim()) as {
      rebuilt: string[];
      events: number;
      position: string | null;
    };
    expect(report.rebuilt).toEqual(expect.arrayContaining(['tickets', 'ticket_audits', 'users']));
    // the account created above: its events were all read again
    expect(report.events).toBeGreaterThan(0);
    expect(report.position).not.toBeNull();

    const one = helpdesk(['rebuild', 'users'], dataDir);
    expect([one.status, (JSON.parse(one.stdout.trim()) as { rebuilt: string[] }).rebuilt]).toEqual([
      0,
      ['users'],
    ]);

    const unknown = helpdesk(['rebuild', 'tickets', 'nope'], dataDir);
    expect([unknown.status, unknown.stdout]).toEqual([2, '']);
    expect(unknown.stderr).toContain('unknown projection "nope"');
    expect(unknown.stderr).toContain('ticket_audits');
  }, 120_000);

  it('will not open the embedded database another live process holds', async () => {
    await writeFile(join(dataDir, 'events', 'helpdesk.pid'), `${process.pid}\n`);
    const refused = helpdesk(['migrate'], dataDir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`in use by process ${process.pid}`);
    await rm(join(dataDir, 'events', 'helpdesk.pid'));
  });
});

describe('flags and settings', () => {
  it('reads --flag value pairs, refuses anything else', () => {
    expect(parseFlags(['--name', 'A', '--plan', 'team'])).toEqual(
      E.right({ name: 'A', plan: 'team' }),
    );
    expect(E.isLeft(parseFlags(['--name']))).toBe(true);
    expect(E.isLeft(parseFlags(['name', 'A']))).toBe(true);
  });

  it('defaults PORT to 3000 and refuses a bad one or a bad schema name by name', () => {
    expect(settingsOf({})).toMatchObject({ port: 3000, readModelSchema: 'read_models' });
    expect(() => settingsOf({ PORT: 'eighty' })).toThrow('PORT');
    expect(() => settingsOf({ HELPDESK_READ_MODEL_SCHEMA: 'Robert"; DROP' })).toThrow(
      'HELPDESK_READ_MODEL_SCHEMA',
    );
  });
});
