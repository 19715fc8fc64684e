import { inboundMailSettingsOf } from './serve-smtp';

describe('helpdesk serve --smtp-port N and HELPDESK_MAIL_DOMAIN', () => {
  it('starts no listener without the flag; support addresses at localhost by default', () =>
    expect(inboundMailSettingsOf({}, [])).toEqual({
      mailDomain: 'localhost',
      smtpPort: undefined,
      smtpHost: '127.0.0.1',
    }));

  it('reads the port as two words or one, the domain and the host from the environment', () => {
    expect(inboundMailSettingsOf({}, ['--smtp-port', '2525']).smtpPort).toBe(2525);
    expect(inboundMailSettingsOf({}, ['--smtp-port=0']).smtpPort).toBe(0);
    expect(
      inboundMailSettingsOf(
        { HELPDESK_MAIL_DOMAIN: ' Help.Acme.COM ', HELPDESK_SMTP_HOST: '0.0.0.0' },
        [],
      ),
    ).toEqual({ mailDomain: 'help.acme.com', smtpPort: undefined, smtpHost: '0.0.0.0' });
  });

  it.each([
    [['--smtp-port']],
    [['--smtp-port', 'abc']],
    [['--smtp-port=70000']],
    [['--smtp-port', '-1']],
  ])('refuses a bad port by name: %j', (args) =>
    expect(() => inboundMailSettingsOf({}, args)).toThrow(/--smtp-port/),
  );

  it('refuses a mail domain that is not a domain name', () =>
    expect(() => inboundMailSettingsOf({ HELPDESK_MAIL_DOMAIN: 'a b@c' }, [])).toThrow(
      /HELPDESK_MAIL_DOMAIN/,
    ));
});
