import { createHash } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { portalDeskSuite } from './portal.fixtures';

const desk = portalDeskSuite();

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Every row of every table the test database holds for this API: read models, credentials, outbox, keys. */
const everyRow = async (): Promise<string[]> => {
  const { sql, schemas } = desk.api;
  const tables = await sql.query<{ table_schema: string; table_name: string }>(
    `SELECT table_schema, table_name FROM information_schema.tables
     WHERE starts_with(table_schema, $1) AND table_type = 'BASE TABLE'`,
    [schemas.readModels],
  );
  const rows: string[] = [];
  for (const { table_schema, table_name } of tables.rows) {
    const found = await sql.query<{ row: string }>(
      `SELECT row_to_json(t)::text AS row FROM "${table_schema}"."${table_name}" t`,
    );
    rows.push(...found.rows.map((r) => `${table_schema}.${table_name} ${r.row}`));
  }
  return rows;
};

const everyEvent = async (): Promise<string[]> => {
  const events = await desk.api.store.readAll({ maxCount: 100_000 })();
  if (E.isLeft(events)) throw new Error('store failed');
  return events.right.map((e) =>
    JSON.stringify({ type: e.type, data: e.data, metadata: e.metadata }),
  );
};

describe('R6.8 after the whole portal flow, no password and no token in clear anywhere', () => {
  it('not in the event log, the read models, the credentials tables, the outbox, or the logs', async () => {
    const { api, agent } = desk;
    const passwords = ['first secret 1', 'second secret 2'];
    const tokens: string[] = [];

    // an agent starts a reset; the sender mints the link; the user sets a password and signs in
    const ann = await desk.endUser();
    expect(
      (await api.request('POST', `/api/v2/users/${ann.id}/password/reset`, { token: agent.token }))
        .status,
    ).toBe(202);
    tokens.push(await desk.mintLink(ann.id));
    expect((await desk.setPassword(tokens[0]!, passwords[0]!)).status).toBe(204);
    const first = await desk.signIn(ann.email, passwords[0]!);
    tokens.push(first.body.token);
    // a wrong password, then the forgot form, a new link, a new password, a new session
    expect((await desk.signIn(ann.email, passwords[1]!)).status).toBe(401);
    expect((await desk.forgot(ann.email)).status).toBe(202);
    tokens.push(await desk.mintLink(ann.id));
    expect((await desk.setPassword(tokens[2]!, passwords[1]!)).status).toBe(204);
    const second = await desk.signIn(ann.email, passwords[1]!);
    tokens.push(second.body.token);
    // the session at work
    const opened = await api.request('POST', '/api/v2/requests', {
      token: tokens[3],
      body: { request: { subject: 'Signed in', comment: { body: 'From the portal' } } },
    });
    expect(opened.status).toBe(201);
    await api.settled();

    const secrets = [...passwords, ...tokens];
    const places = {
      events: await everyEvent(),
      rows: await everyRow(),
      logs: [...api.logLines],
    };
    for (const [place, texts] of Object.entries(places))
      for (const secret of secrets)
        expect([place, texts.filter((text) => text.includes(secret))]).toEqual([place, []]);

    // the scan reads the places that matter: the credentials tables hold the tokens' hashes (the
    // first session's row went when the second link set a new password)
    const rows = places.rows.join('\n');
    for (const token of [tokens[0]!, tokens[2]!, tokens[3]!]) expect(rows).toContain(sha256(token));
    expect(rows).not.toContain(sha256(tokens[1]!));
    expect(places.events.some((e) => e.includes('PasswordResetCompleted'))).toBe(true);
    expect(places.logs.some((line) => line.includes('/portal/password/reset'))).toBe(true);
    // and the passwords are scrypt hashes
    expect(rows).toMatch(/"algorithm":"scrypt","salt":"[A-Za-z0-9+/=]+","cost":32768/);
  });
});
