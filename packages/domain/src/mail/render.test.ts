import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import {
  needsPasswordLink,
  placeholderNames,
  placeholdersIn,
  unknownPlaceholdersIn,
} from './placeholders';
import { mailValues, redactedSecret, renderMail, type MailValues } from './render';

const resetLink = 'https://help.acme.com/portal/password/reset?token=abc123';

const values: MailValues = mailValues({
  user: { name: 'Ann Lee', email: 'ann@acme.com' },
  ticket: { id: '42', subject: '[Portal credentials]' },
  portal: {
    url: 'https://help.acme.com/portal',
    username: 'ann@acme.com',
    passwordLink: resetLink,
  },
});

const credentials = {
  subject: 'Your access to {{ portal.url }}',
  body: [
    'Hello {{user.name}},',
    'URL: {{portal.url}}',
    'User name: {{portal.username}}',
    'Password: set it at {{portal.password_link}}',
  ].join('\n'),
};

const rendered = (template: { subject: string; body: string }, v: MailValues = values) => {
  const result = renderMail(template, v);
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

describe('R6.2 a template carries the portal-credential snippets', () => {
  it('fills every known placeholder, with or without spaces inside the braces', () => {
    const mail = rendered(credentials);
    expect(mail.subject).toBe('Your access to https://help.acme.com/portal');
    expect(mail.text).toBe(
      [
        'Hello Ann Lee,',
        'URL: https://help.acme.com/portal',
        'User name: ann@acme.com',
        `Password: set it at ${resetLink}`,
      ].join('\n'),
    );
  });

  it('knows the seven snippets of api.md', () => {
    const all = placeholderNames.map((n) => `{{${n}}}`).join(' ');
    expect(E.isRight(renderMail({ subject: 's', body: all }, values))).toBe(true);
    expect(placeholdersIn(all)).toEqual(placeholderNames);
  });

  it('reports unknown placeholders instead of dropping them', () => {
    const result = renderMail(
      { subject: 'Hi {{user.nickname}}', body: 'Your {{ticket.priority}} ticket {{ticket.id}}' },
      values,
    );
    expect(result).toMatchObject({
      _tag: 'Left',
      left: { kind: 'RenderError', unknown: ['user.nickname', 'ticket.priority'], missing: [] },
    });
    expect(E.isLeft(result) && result.left.message).toMatch(/\{\{user\.nickname\}\}/);
  });

  it('reports a known placeholder this mail has no value for', () =>
    expect(
      renderMail(
        { subject: 'About {{ticket.subject}}', body: 'Hi {{user.name}}' },
        { 'user.name': 'Ann' },
      ),
    ).toMatchObject({ _tag: 'Left', left: { unknown: [], missing: ['ticket.subject'] } }));

  it('leaves text without placeholders, and single braces, as written', () =>
    expect(rendered({ subject: 'Hi', body: 'a {b} {{ c' }).text).toBe('a {b} {{ c'));

  it('lists the placeholders of several texts once each, and the unknown ones', () => {
    expect(placeholdersIn('{{user.name}} {{x}}', '{{ user.name }}')).toEqual(['user.name', 'x']);
    expect(unknownPlaceholdersIn('{{user.name}} {{x}}')).toEqual(['x']);
  });
});

describe('R6.8 the password snippet is a single-use link, never a password', () => {
  it('needs a link to be issued only when a template asks for one', () => {
    expect(needsPasswordLink(credentials.subject, credentials.body)).toBe(true);
    expect(needsPasswordLink('Hello {{user.name}}')).toBe(false);
  });

  it('redacts the link wherever the mail is kept rather than sent, and needs no value then', () => {
    const { 'portal.password_link': _link, ...withoutLink } = values;
    const result = renderMail(credentials, withoutLink, { redactSecrets: true });
    expect(E.isRight(result) && result.right.text).toContain(redactedSecret);
    expect(JSON.stringify(result)).not.toContain('token=');
  });

  it('refuses a link that is not http(s)', () =>
    expect(
      renderMail(credentials, { ...values, 'portal.password_link': 'javascript:alert(1)' }),
    ).toMatchObject({ _tag: 'Left', left: { unsafeLinks: ['portal.password_link'] } }));
});

describe('escaping', () => {
  const hostile = {
    ...values,
    'user.name': '<script>alert("x")</script> & Co',
    'ticket.subject': 'Hi\r\nBcc: eve@evil.test',
  };

  it('escapes values and text in the HTML part, and makes links anchors', () => {
    const mail = rendered({ subject: 's', body: '<b>{{user.name}}</b>\n{{portal.url}}' }, hostile);
    expect(mail.html).toBe(
      '&lt;b&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co&lt;/b&gt;<br>\n' +
        '<a href="https://help.acme.com/portal">https://help.acme.com/portal</a>',
    );
  });

  it('keeps the subject on one line, so that a value cannot add a header', () =>
    expect(rendered({ subject: 'Re: {{ticket.subject}}', body: 'b' }, hostile).subject).toBe(
      'Re: Hi Bcc: eve@evil.test',
    ));

  it('never lets a value inject markup into the HTML part (property)', () =>
    fc.assert(
      fc.property(fc.string(), (name) => {
        const mail = rendered(
          { subject: 's', body: '{{user.name}}' },
          { ...values, 'user.name': name },
        );
        // the only markup is the `<br>` of line breaks
        expect(mail.html.replace(/<br>/g, '')).not.toMatch(/[<>"']/);
        expect(mail.text).toBe(name);
      }),
    ));
});
