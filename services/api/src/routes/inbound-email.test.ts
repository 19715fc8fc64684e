import { startApi, type ApiHarness, type OpenedAccount } from '../testing/api-harness';

/** A MIME multipart message with encoded words in its headers and a quoted-printable text part. */
const multipartMail = (messageId: string) =>
  [
    'From: =?UTF-8?B?SMOpbMOobmUgRHVwb250?= <helene@initech.example>',
    'To: support@acme.example',
    'Subject: =?UTF-8?Q?Imprimante_bloqu=C3=A9e?=',
    `Message-ID: <${messageId}>`,
    'Date: Sat, 21 Nov 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    "L'imprimante du 2e =C3=A9tage est bloqu=C3=A9e.",
    '--b1',
    'Content-Type: text/html; charset=UTF-8',
    '',
    '<p>L&#39;imprimante du 2e &eacute;tage est bloqu&eacute;e.</p>',
    '--b1--',
    '',
  ].join('\r\n');

describe('POST /api/v2/channels/email/inbound', () => {
  let api: ApiHarness;
  let account: OpenedAccount;
  let key: string;
  let n = 0;
  const fresh = (prefix: string) => `${prefix}-${++n}`;

  const post = (body: unknown, headers: Record<string, string> = { 'X-Inbound-Key': key }) =>
    api.request('POST', '/api/v2/channels/email/inbound', { body, headers });
  const postRaw = (raw: string, headers: Record<string, string> = { 'X-Inbound-Key': key }) =>
    api.request('POST', '/api/v2/channels/email/inbound', {
      raw,
      headers: { 'Content-Type': 'message/rfc822', ...headers },
    });
  const settings = (values: Record<string, unknown>, to: OpenedAccount = account) =>
    api.request('PUT', '/api/v2/account', {
      token: to.ownerToken,
      body: { account: { settings: values } },
    });

  beforeAll(async () => {
    api = await startApi();
    account = await api.openAccount('enterprise');
    const channel = await api.request('GET', '/api/v2/channels/email', {
      token: account.ownerToken,
    });
    key = channel.body.email_channel.inbound_key;
    expect((await settings({ auto_create_users_from_email: true })).status).toBe(200);
  });
  afterAll(() => api.close());

  describe('GET /channels/email and the inbound key', () => {
    it('shows admins the support address and the same key each time; agents get 403', async () => {
      const again = await api.request('GET', '/api/v2/channels/email', {
        token: account.ownerToken,
      });
      expect(again.status).toBe(200);
      expect(again.body.email_channel).toMatchObject({
        support_address: `support+${account.accountId}@localhost`,
        inbound_url: '/api/v2/channels/email/inbound',
        inbound_key: key,
      });
      expect(key).toMatch(/^hdin_[A-Za-z0-9_-]{43}$/);
      const agent = await api.addUser(account, { name: 'Al', role: 'agent' });
      const refused = await api.request('GET', '/api/v2/channels/email', { token: agent.token });
      expect(refused.status).toBe(403);
    });

    it('a rotated key replaces the old one at once', async () => {
      const other = await api.openAccount('team', 'Rotating Co');
      const first = await api.request('GET', '/api/v2/channels/email', {
        token: other.ownerToken,
      });
      const rotated = await api.request('POST', '/api/v2/channels/email/inbound_key', {
        token: other.ownerToken,
      });
      expect(rotated.status).toBe(201);
      const [oldKey, newKey] = [
        first.body.email_channel.inbound_key,
        rotated.body.email_channel.inbound_key,
      ];
      expect(newKey).not.toBe(oldKey);
      const mail = { from: { address: 'nobody@x.example' }, subject: 's', message_id: fresh('r') };
      const before = await api.eventCount();
      expect((await post(mail, { 'X-Inbound-Key': oldKey })).status).toBe(401);
      // the new key names the other account, where unknown senders are refused (R6.1)
      const withNew = await post(mail, { 'X-Inbound-Key': newKey });
      expect([withNew.status, withNew.body.details.from[0].rule]).toEqual([422, 'R6.1']);
      expect(await api.eventCount()).toBe(before);
    });

    it('keeps the key out of the event log and the logs', async () => {
      const events = await api.request('GET', '/api/v2/events?limit=1000', {
        token: account.ownerToken,
      });
      const log = JSON.stringify(await api.store.readAll()(), (_, v: unknown) =>
        typeof v === 'bigint' ? String(v) : v,
      );
      const everything = log + api.logLines.join('\n');
      expect(everything).not.toContain(key);
      expect(events.text).not.toContain(key);
    });
  });

  describe('who may post', () => {
    it('nobody without the key or a token (401), nor with a wrong key; agents get 403', async () => {
      const agent = await api.addUser(account, { name: 'Agent', role: 'agent' });
      const before = await api.eventCount();
      const mail = { from: { address: 'carl@initech.example' }, message_id: fresh('w') };
      expect((await post(mail, {})).status).toBe(401);
      expect((await post(mail, { 'X-Inbound-Key': 'hdin_wrong' })).status).toBe(401);
      expect((await post(mail, { Authorization: `Bearer ${agent.token}` })).status).toBe(403);
      expect(await api.eventCount()).toBe(before);
    });

    it('an admin’s token posts mail too', async () => {
      const answer = await post(
        { from: { address: `${fresh('ann')}@acme.example` }, text: 'Hi', message_id: fresh('a') },
        { Authorization: `Bearer ${account.ownerToken}` },
      );
      expect(answer.status).toBe(201);
    });
  });

  describe('R6.1 and R6.4: the sender', () => {
    it('an unknown sender is created (R6.1); the 201 has the ticket, channel email', async () => {
      const answer = await post({
        from: { address: 'carl@initech.example', name: 'Carl' },
        to: ['support@acme.example'],
        subject: 'Printer',
        text: 'It jams',
        message_id: '<c1@initech.example>',
      });
      expect(answer.status).toBe(201);
      expect(answer.body.inbound_email).toEqual({
        message_id: 'c1@initech.example',
        outcome: 'ticket_created',
        user_created: true,
        comment_id: expect.any(String),
      });
      expect(answer.body.ticket).toMatchObject({ subject: 'Printer', via: { channel: 'email' } });
      expect(answer.headers.get('etag')).toBe(`"${answer.body.ticket.version}"`);
      const requester = await api.request(
        'GET',
        `/api/v2/users/${answer.body.ticket.requester_id}`,
        {
          token: account.ownerToken,
        },
      );
      expect(requester.body.user).toMatchObject({
        name: 'Carl',
        email: 'carl@initech.example',
        role: 'end-user',
        organization_id: account.defaultOrganizationId,
      });
      // R2.3: the requester's default organization
      expect(answer.body.ticket.organization_id).toBe(account.defaultOrganizationId);
    });

    it('R6.4 on the Enterprise plan the organization listing the domain; R2.3 the ticket gets it', async () => {
      const organization = await api.request('POST', '/api/v2/organizations', {
        token: account.ownerToken,
        body: { organization: { name: 'Globex', domain_names: ['globex.example'] } },
      });
      expect(organization.status).toBe(201);
      const answer = await post({
        from: { address: 'Gina@GLOBEX.example' },
        subject: 'Access',
        text: 'Please',
        message_id: fresh('g'),
      });
      expect(answer.status).toBe(201);
      expect(answer.body.ticket.organization_id).toBe(organization.body.organization.id);
    });

    it('R6.4 on the Team plan a listed domain still joins the default organization', async () => {
      const team = await api.openAccount('team', 'Team Co');
      await settings({ auto_create_users_from_email: true }, team);
      const keyOfTeam = (
        await api.request('GET', '/api/v2/channels/email', { token: team.ownerToken })
      ).body.email_channel.inbound_key;
      await api.request('POST', '/api/v2/organizations', {
        token: team.ownerToken,
        body: { organization: { name: 'Hooli', domain_names: ['hooli.example'] } },
      });
      const answer = await post(
        { from: { address: 'hank@hooli.example' }, text: 'Hi', message_id: fresh('h') },
        { 'X-Inbound-Key': keyOfTeam },
      );
      expect(answer.status).toBe(201);
      expect(answer.body.ticket.organization_id).toBe(team.defaultOrganizationId);
    });

    it('R6.1 with the setting off an unknown sender is refused (422 naming R6.1), nothing appended', async () => {
      const off = await api.openAccount('team', 'Closed Co');
      const keyOfOff = (
        await api.request('GET', '/api/v2/channels/email', { token: off.ownerToken })
      ).body.email_channel.inbound_key;
      const before = await api.eventCount();
      const answer = await post(
        { from: { address: 'dora@x.example' }, text: 'Hi', message_id: fresh('d') },
        { 'X-Inbound-Key': keyOfOff },
      );
      expect([answer.status, answer.body.error, answer.body.details.from[0].rule]).toEqual([
        422,
        'RecordInvalid',
        'R6.1',
      ]);
      expect(await api.eventCount()).toBe(before);
    });
  });

  describe('one ticket per Message-ID', () => {
    it('delivered twice in sequence: 201, then 200 with the same ticket and nothing appended', async () => {
      const mail = { from: { address: 'eve@e.example' }, text: 'Once', message_id: fresh('once') };
      const first = await post(mail);
      const before = await api.eventCount();
      const second = await post(mail);
      expect([first.status, second.status]).toEqual([201, 200]);
      expect(second.body.inbound_email).toMatchObject({
        outcome: 'already_received',
        user_created: false,
      });
      expect(second.body.ticket.id).toBe(first.body.ticket.id);
      expect(await api.eventCount()).toBe(before);
    });

    it('delivered eight times at once: one 201, seven 200, one ticket', async () => {
      const mail = { from: { address: 'fay@f.example' }, text: 'Often', message_id: fresh('many') };
      const answers = await Promise.all(Array.from({ length: 8 }, () => post(mail)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.body.ticket.id)).size).toBe(1);
      const requested = await api.request(
        'GET',
        `/api/v2/users/${answers[0]!.body.ticket.requester_id}/tickets/requested`,
        { token: account.ownerToken },
      );
      expect(requested.body.tickets).toHaveLength(1);
    });
  });

  it('a reply (In-Reply-To) becomes a public comment by the sender on the ticket: 200', async () => {
    const first = await post({
      from: { address: 'ida@i.example' },
      subject: 'Question',
      text: 'First',
      message_id: 'q1@i.example',
    });
    const reply = await post({
      from: { address: 'ida@i.example' },
      subject: 'Re: Question',
      text: 'More details',
      message_id: 'q2@i.example',
      in_reply_to: '<q1@i.example>',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.inbound_email).toMatchObject({ outcome: 'comment_added' });
    expect(reply.body.ticket.id).toBe(first.body.ticket.id);
    await api.settled();
    const audits = await api.request('GET', `/api/v2/tickets/${first.body.ticket.id}/audits`, {
      token: account.ownerToken,
    });
    const comments = audits.body.audits.flatMap((audit: { author_id: string; events: unknown[] }) =>
      audit.events
        .filter((e) => (e as { type: string }).type === 'Comment')
        .map((e) => ({ author_id: audit.author_id, ...(e as object) })),
    );
    expect(comments).toEqual([
      expect.objectContaining({ author_id: first.body.ticket.requester_id, body: 'First' }),
      expect.objectContaining({
        author_id: first.body.ticket.requester_id,
        body: 'More details',
        public: true,
      }),
    ]);
  });

  describe('R6.5 mail loops: automatic mail is recorded, marked so that no trigger answers it', () => {
    const rawMail = (messageId: string, header: string) =>
      [
        'From: Out Of Office <ooo@initech.example>',
        'To: support@acme.example',
        'Subject: Absent until Monday',
        `Message-ID: <${messageId}>`,
        header,
        '',
        'I am away.',
        '',
      ].join('\r\n');
    const relOf = async (ticketId: string) => {
      await api.settled();
      const audits = await api.request('GET', `/api/v2/tickets/${ticketId}/audits`, {
        token: account.ownerToken,
      });
      // every audit of the ticket (its creation, its first comment) says the same
      return [
        ...new Set(
          audits.body.audits.map(
            (audit: { via: { source: { rel: string | null } } }) => audit.via.source.rel,
          ),
        ),
      ];
    };

    it('Auto-Submitted (RFC 3834) or an older mark makes its ticket with via rel automatic_mail', async () => {
      for (const header of [
        'Auto-Submitted: auto-replied',
        'Precedence: bulk',
        'X-Autoreply: yes',
      ]) {
        const answer = await postRaw(rawMail(`${fresh('ooo')}@initech.example`, header));
        expect([header, answer.status]).toEqual([header, 201]);
        expect(await relOf(answer.body.ticket.id)).toEqual(['automatic_mail']);
      }
      const json = await post({
        from: { address: 'robot@initech.example' },
        subject: 'Delivery report',
        message_id: `${fresh('json')}@initech.example`,
        auto_submitted: 'auto-generated; owner-email="ops@initech.example"',
      });
      expect(json.status).toBe(201);
      expect(await relOf(json.body.ticket.id)).toEqual(['automatic_mail']);
    });

    it('Auto-Submitted: no, empty, or none, is a person’s mail; a value that is not text is refused (400)', async () => {
      const no = await postRaw(rawMail(`${fresh('no')}@initech.example`, 'Auto-Submitted: No'));
      expect(await relOf(no.body.ticket.id)).toEqual([null]);
      for (const autoSubmitted of ['no', '']) {
        const json = await post({
          from: { address: 'person@initech.example' },
          subject: 'Hello',
          message_id: `${fresh('json')}@initech.example`,
          auto_submitted: autoSubmitted,
        });
        expect([autoSubmitted, await relOf(json.body.ticket.id)]).toEqual([autoSubmitted, [null]]);
      }
      const before = await api.eventCount();
      const wrong = await post({ from: { address: 'person@initech.example' }, auto_submitted: 5 });
      expect([wrong.status, Object.keys(wrong.body.details ?? {})]).toEqual([
        400,
        ['auto_submitted'],
      ]);
      expect(await api.eventCount()).toBe(before);
    });
  });

  describe('raw RFC 5322 messages (message/rfc822)', () => {
    it('reads MIME multipart, encoded words and quoted-printable', async () => {
      const answer = await postRaw(multipartMail('mime-1@initech.example'));
      expect(answer.status).toBe(201);
      expect(answer.body.ticket.subject).toBe('Imprimante bloquée');
      const requester = await api.request(
        'GET',
        `/api/v2/users/${answer.body.ticket.requester_id}`,
        {
          token: account.ownerToken,
        },
      );
      expect(requester.body.user).toMatchObject({
        name: 'Hélène Dupont',
        email: 'helene@initech.example',
      });
      await api.settled();
      const audits = await api.request('GET', `/api/v2/tickets/${answer.body.ticket.id}/audits`, {
        token: account.ownerToken,
      });
      expect(JSON.stringify(audits.body)).toContain("L'imprimante du 2e étage est bloquée.");
      const again = await postRaw(multipartMail('mime-1@initech.example'));
      expect([again.status, again.body.ticket.id]).toEqual([200, answer.body.ticket.id]);
    });

    it('refuses malformed mail with 400 and appends nothing', async () => {
      const before = await api.eventCount();
      const notMail = await postRaw('this is not an email at all');
      expect([notMail.status, notMail.body.error, Object.keys(notMail.body.details)]).toEqual([
        400,
        'InvalidInput',
        ['body'],
      ]);
      const badSender = await postRaw('From: nobody\r\nSubject: hi\r\n\r\nbody\r\n');
      expect([badSender.status, Object.keys(badSender.body.details)]).toEqual([
        400,
        ['from.address'],
      ]);
      const noSender = await postRaw('Subject: hi\r\n\r\nbody\r\n');
      expect([noSender.status, Object.keys(noSender.body.details)]).toEqual([400, ['from']]);
      const badJson = await api.request('POST', '/api/v2/channels/email/inbound', {
        raw: '{"from": ',
        headers: { 'X-Inbound-Key': key, 'Content-Type': 'application/json' },
      });
      expect([badJson.status, badJson.body.error]).toEqual([400, 'InvalidJSON']);
      const wrongTypes = await post({ from: { address: 42 }, subject: ['x'] });
      expect([wrongTypes.status, Object.keys(wrongTypes.body.details).sort()]).toEqual([
        400,
        ['from.address', 'subject'],
      ]);
      expect(await api.eventCount()).toBe(before);
    });

    it('refuses a message over the size limit with 413', async () => {
      const before = await api.eventCount();
      const big = `From: a@b.example\r\nSubject: big\r\n\r\n${'x'.repeat(1024 * 1024 + 10)}`;
      const answer = await postRaw(big);
      expect([answer.status, answer.body.error]).toEqual([413, 'PayloadTooLarge']);
      expect(await api.eventCount()).toBe(before);
    });
  });
});
