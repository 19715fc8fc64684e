import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { fillSecrets, holdsSecrets, redactSecrets, renderForOutbox } from './outbox-body';
import { mailValues, redactedSecret, renderMail } from './render';

const values = mailValues({
  user: { name: 'Ann Lee', email: 'ann@acme.com' },
  portal: { url: 'https://help.acme.com/portal', username: 'ann@acme.com' },
});
const link = 'https://help.acme.com/portal/password/reset?token=abc123';

const welcome = {
  subject: 'Welcome to {{portal.url}}',
  body: 'Hello {{user.name}},\nset your password at {{ portal.password_link }} and sign in as {{portal.username}}.',
};

/** texts rich in braces and snippet names, where a splitting mistake would show */
const text = fc.string({
  unit: fc.constantFrom(
    '{',
    '}',
    ' ',
    'a',
    '\n',
    'portal.password_link',
    'user.name',
    '{{user.name}}',
  ),
});

const kept = (template: { subject: string; body: string }) => {
  const result = renderForOutbox(template, values);
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

describe('R6.8 the outbox keeps the password snippet as a placeholder, never a link', () => {
  it('fills every other snippet and keeps {{portal.password_link}} for the sender', () =>
    expect(kept(welcome)).toEqual({
      subject: 'Welcome to https://help.acme.com/portal',
      body: 'Hello Ann Lee,\nset your password at {{portal.password_link}} and sign in as ann@acme.com.',
    }));

  it('the sender fills it with the link; the route shows it redacted', () => {
    const body = kept(welcome).body;
    expect(holdsSecrets(body)).toBe(true);
    expect(fillSecrets(body, { 'portal.password_link': link })).toBe(
      `Hello Ann Lee,\nset your password at ${link} and sign in as ann@acme.com.`,
    );
    expect(redactSecrets(body)).toBe(
      `Hello Ann Lee,\nset your password at ${redactedSecret} and sign in as ann@acme.com.`,
    );
  });

  it('sends what renderMail would have sent with the link (property)', () =>
    fc.assert(
      fc.property(text, text, (before, after) => {
        const template = { subject: 's', body: `${before}{{portal.password_link}}${after}` };
        const direct = renderMail(template, { ...values, 'portal.password_link': link });
        const viaOutbox = renderForOutbox(template, values);
        // texts that happen to hold a placeholder of their own are refused by both, alike
        expect(E.isRight(viaOutbox)).toBe(E.isRight(direct));
        if (E.isRight(direct) && E.isRight(viaOutbox))
          expect(fillSecrets(viaOutbox.right.body, { 'portal.password_link': link })).toBe(
            direct.right.text,
          );
      }),
      { numRuns: 1000 },
    ));

  it('a body without the snippet has nothing to fill', () => {
    const body = kept({ subject: 's', body: 'Hi {{user.name}}' }).body;
    expect(holdsSecrets(body)).toBe(false);
    expect(fillSecrets(body, { 'portal.password_link': link })).toBe('Hi Ann Lee');
  });

  it('a secret in the subject reads as redacted: a link never goes in a subject', () =>
    expect(kept({ subject: 'Link: {{portal.password_link}}', body: 'b' }).subject).toBe(
      `Link: ${redactedSecret}`,
    ));

  it('refuses unknown or unfilled snippets, naming them', () =>
    expect(
      renderForOutbox({ subject: 'Re {{ticket.subject}}', body: '{{user.nickname}}' }, values),
    ).toMatchObject({
      _tag: 'Left',
      left: { unknown: ['user.nickname'], missing: ['ticket.subject'] },
    }));
});
