import * as E from 'fp-ts/Either';
import { partsOf, secretPlaceholders, type PlaceholderName } from './placeholders';
import {
  redactedSecret,
  renderMail,
  type MailTemplate,
  type MailValues,
  type RenderError,
} from './render';

/** A mail as the outbox keeps it: rendered, except for its secret snippets (R6.8). */
export interface OutboxMail {
  /** one line; a secret snippet in it reads as `redactedSecret` (a link never goes in a subject) */
  readonly subject: string;
  /** the plain-text body, each secret snippet left as its placeholder, `{{portal.password_link}}` */
  readonly body: string;
}

const isSecret = (name: string): name is PlaceholderName =>
  (secretPlaceholders as ReadonlyArray<string>).includes(name);

/** Each secret snippet of a text replaced by `valueOf(name)`; the rest kept as written. */
const replaceSecrets = (text: string, valueOf: (name: PlaceholderName) => string): string =>
  partsOf(text)
    .map((part) => {
      if (part.kind === 'text') return part.text;
      return isSecret(part.name) ? valueOf(part.name) : part.source;
    })
    .join('');

/** The pieces of a template between its secret snippets, and the snippet after each piece. */
const splitOnSecrets = (
  text: string,
): ReadonlyArray<{ readonly piece: string; readonly secretAfter: PlaceholderName | null }> => {
  const pieces: { piece: string; secretAfter: PlaceholderName | null }[] = [];
  let piece = '';
  for (const part of partsOf(text)) {
    if (part.kind === 'text') piece += part.text;
    else if (!isSecret(part.name)) piece += part.source;
    else {
      pieces.push({ piece, secretAfter: part.name });
      piece = '';
    }
  }
  pieces.push({ piece, secretAfter: null });
  return pieces;
};

/**
 * Renders a mail for the outbox: every snippet filled, except the secret ones, which stay as their
 * placeholder so that the sender mints the single-use link only when it sends (R6.8) and the link
 * never rests where the mail is kept. Unknown or unfilled snippets are errors, as in `renderMail`.
 */
export const renderForOutbox = (
  template: MailTemplate,
  values: MailValues,
): E.Either<RenderError, OutboxMail> => {
  // one check of the whole template, secrets needing no value
  const checked = renderMail(template, values, { redactSecrets: true });
  if (E.isLeft(checked)) return checked;
  const body: string[] = [];
  for (const { piece, secretAfter } of splitOnSecrets(template.body)) {
    const rendered = renderMail({ subject: '', body: piece }, values, { redactSecrets: true });
    if (E.isLeft(rendered)) return rendered;
    body.push(rendered.right.text);
    if (secretAfter !== null) body.push(`{{${secretAfter}}}`);
  }
  return E.right({ subject: checked.right.subject, body: body.join('') });
};

/** The body as it is sent: each secret snippet with its value (the freshly minted link). */
export const fillSecrets = (
  body: string,
  secrets: Readonly<Partial<Record<PlaceholderName, string>>>,
): string => replaceSecrets(body, (name) => secrets[name] ?? `{{${name}}}`);

/** The body as it is shown (the outbox route, logs): each secret snippet as `redactedSecret`. */
export const redactSecrets = (body: string): string => replaceSecrets(body, () => redactedSecret);

/** Whether a kept body still holds a secret snippet for the sender to fill. */
export const holdsSecrets = (body: string): boolean =>
  partsOf(body).some((part) => part.kind === 'placeholder' && isSecret(part.name));
