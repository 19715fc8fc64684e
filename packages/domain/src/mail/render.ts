import * as E from 'fp-ts/Either';
import {
  isPlaceholderName,
  linkPlaceholders,
  partsOf,
  placeholdersIn,
  secretPlaceholders,
  type PlaceholderName,
} from './placeholders';

/** What fills the placeholders; a placeholder without a value cannot be rendered. */
export type MailValues = Partial<Readonly<Record<PlaceholderName, string>>>;

/** The people and things a mail is about, in the domain's words. */
export interface MailContext {
  readonly user?: { readonly name: string; readonly email: string };
  readonly ticket?: { readonly id: string; readonly subject: string };
  readonly portal?: {
    readonly url: string;
    readonly username: string;
    /** R6.8: the single-use link where the user sets a password, never a password */
    readonly passwordLink?: string;
  };
}

export const mailValues = ({ user, ticket, portal }: MailContext): MailValues => ({
  ...(user && { 'user.name': user.name, 'user.email': user.email }),
  ...(ticket && { 'ticket.id': ticket.id, 'ticket.subject': ticket.subject }),
  ...(portal && { 'portal.url': portal.url, 'portal.username': portal.username }),
  ...(portal?.passwordLink !== undefined && { 'portal.password_link': portal.passwordLink }),
});

export interface MailTemplate {
  readonly subject: string;
  readonly body: string;
}

export interface RenderedMail {
  /** one line: line breaks in values would start new headers */
  readonly subject: string;
  /** the plain-text part: the template's body with its values as they are */
  readonly text: string;
  /** the HTML part: text and values escaped, links as anchors, line breaks as `<br>` */
  readonly html: string;
}

/** Why a template could not be rendered; every offending placeholder is named. */
export interface RenderError {
  readonly kind: 'RenderError';
  readonly message: string;
  /** placeholders no value can fill */
  readonly unknown: ReadonlyArray<string>;
  /** known placeholders this mail has no value for */
  readonly missing: ReadonlyArray<PlaceholderName>;
  /** link placeholders whose value is not an http(s) URL */
  readonly unsafeLinks: ReadonlyArray<PlaceholderName>;
}

/** What a secret snippet reads as wherever the mail is kept rather than sent (R6.8). */
export const redactedSecret = '[single-use link, sent by email only]';

export interface RenderOptions {
  /** render secret snippets as `redactedSecret`; they then need no value */
  readonly redactSecrets?: boolean;
}

const escapeHtml = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const isHttpUrl = (s: string): boolean => /^https?:\/\/[^\s<>"']+$/i.test(s.trim());

const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ').trim();

const htmlLines = (s: string): string => escapeHtml(s).replace(/\r?\n/g, '<br>\n');

const valueOf = (name: PlaceholderName, values: MailValues, options: RenderOptions) =>
  options.redactSecrets && secretPlaceholders.includes(name) ? redactedSecret : values[name];

const problemsOf = (
  template: MailTemplate,
  values: MailValues,
  options: RenderOptions,
): RenderError | undefined => {
  const names = placeholdersIn(template.subject, template.body);
  const unknown = names.filter((name) => !isPlaceholderName(name));
  const known = names.filter(isPlaceholderName);
  const missing = known.filter((name) => valueOf(name, values, options) === undefined);
  const unsafeLinks = known.filter((name) => {
    const value = valueOf(name, values, options);
    return (
      linkPlaceholders.includes(name) &&
      value !== undefined &&
      value !== redactedSecret &&
      !isHttpUrl(value)
    );
  });
  if (unknown.length + missing.length + unsafeLinks.length === 0) return undefined;
  const list = (what: string, xs: ReadonlyArray<string>) =>
    xs.length === 0 ? [] : [`${what}: ${xs.map((n) => `{{${n}}}`).join(', ')}`];
  return {
    kind: 'RenderError',
    message: [
      ...list('unknown placeholders', unknown),
      ...list('no value for', missing),
      ...list('not an http(s) link', unsafeLinks),
    ].join('; '),
    unknown,
    missing,
    unsafeLinks,
  };
};

/** Fills one text; `write` turns literal text and values into the output format. */
const fill = (
  text: string,
  lookup: (name: PlaceholderName) => string,
  write: {
    readonly text: (s: string) => string;
    readonly value: (name: PlaceholderName, s: string) => string;
  },
): string =>
  partsOf(text)
    .map((part) =>
      part.kind === 'text'
        ? write.text(part.text)
        : // problemsOf has checked that every placeholder is known and has a value
          write.value(part.name as PlaceholderName, lookup(part.name as PlaceholderName)),
    )
    .join('');

/**
 * Renders a template with its values, or says which placeholders it could not fill: an unknown
 * or unfilled snippet is an error, never a silent gap in a mail.
 */
export const renderMail = (
  template: MailTemplate,
  values: MailValues,
  options: RenderOptions = {},
): E.Either<RenderError, RenderedMail> => {
  const problem = problemsOf(template, values, options);
  if (problem) return E.left(problem);
  const lookup = (name: PlaceholderName) => valueOf(name, values, options) ?? '';
  const asIs = (s: string) => s;
  const htmlValue = (name: PlaceholderName, value: string) =>
    linkPlaceholders.includes(name) && value !== redactedSecret
      ? `<a href="${escapeHtml(value.trim())}">${escapeHtml(value.trim())}</a>`
      : htmlLines(value);
  return E.right({
    subject: oneLine(fill(template.subject, lookup, { text: asIs, value: (_, v) => v })),
    text: fill(template.body, lookup, { text: asIs, value: (_, v) => v }),
    html: fill(template.body, lookup, { text: htmlLines, value: htmlValue }),
  });
};
