import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { messageIdsIn, type InboundEmail } from '@helpdesk/application';
import { EmailAddress, nullable, type DecodeIssue } from '@helpdesk/events';
import { decodeInput } from '../http/decoding';
import type { ApiError } from '../http/errors';

/**
 * An inbound email as JSON (api.md, `POST /channels/email/inbound`), and the shape a raw RFC 5322
 * message is read into, so that both are decoded by the one codec and refused the same way (400,
 * by field path). The sender's address must be a valid one: it becomes a user's identity (R5.3).
 */
const Party = t.intersection([
  t.type({ address: EmailAddress }),
  t.partial({ name: nullable(t.string) }),
]);

/** `In-Reply-To` and `References`: one header value, or the ids one by one. */
const MessageIds = t.union([t.string, t.array(t.string)]);

export const InboundEmailBody = t.intersection([
  t.type({ from: Party }),
  t.partial({
    /** where it was sent; informative only: the key, token or support address names the account */
    to: t.array(t.union([t.string, t.partial({ address: nullable(t.string) })])),
    subject: nullable(t.string),
    text: nullable(t.string),
    message_id: nullable(t.string),
    in_reply_to: nullable(MessageIds),
    references: nullable(MessageIds),
    /** the `Auto-Submitted` header (RFC 3834): anything but `no` marks a machine's mail */
    auto_submitted: nullable(t.string),
  }),
]);
export type InboundEmailBody = t.TypeOf<typeof InboundEmailBody>;

const idsOf = (value: string | ReadonlyArray<string> | null | undefined): ReadonlyArray<string> =>
  value === null || value === undefined
    ? []
    : (typeof value === 'string' ? [value] : value).flatMap(messageIdsIn);

/** `auto-replied; owner-email=...` -> automatic; `no`, an empty value or none -> a person's mail. */
const isAutomatic = (autoSubmitted: string | null | undefined): boolean => {
  const keyword = (autoSubmitted ?? '').split(';')[0]!.trim().toLowerCase();
  return keyword !== '' && keyword !== 'no';
};

export const inboundEmailOf = (body: InboundEmailBody): InboundEmail => ({
  from: { address: body.from.address, name: body.from.name ?? null },
  subject: body.subject ?? null,
  text: body.text ?? null,
  messageId: body.message_id ?? null,
  inReplyTo: idsOf(body.in_reply_to),
  references: idsOf(body.references),
  automatic: isAutomatic(body.auto_submitted),
});

export const decodeInboundEmail = (body: unknown): E.Either<ApiError, InboundEmail> =>
  pipe(body, decodeInput(InboundEmailBody), E.map(inboundEmailOf));

const firstAddress = (field: AddressObject | AddressObject[] | undefined) => {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const first = list.flatMap((object) => object.value)[0];
  return first === undefined ? undefined : { address: first.address ?? '', name: first.name };
};

const allAddresses = (field: AddressObject | AddressObject[] | undefined) =>
  (field === undefined ? [] : Array.isArray(field) ? field : [field])
    .flatMap((object) => object.value)
    .map((address) => address.address ?? '');

const headerText = (mail: ParsedMail, name: string): string | undefined => {
  const value = mail.headers.get(name);
  return typeof value === 'string' ? value : undefined;
};

/**
 * `Auto-Submitted` as RFC 3834 has it; for mail without it, the marks autoresponders and lists
 * used before it (`X-Autoreply`, `X-Autorespond`, `Precedence: bulk | junk | list | auto_reply`),
 * which RFC 3834 also asks responders to respect, read as `auto-replied`.
 */
const autoSubmittedOf = (mail: ParsedMail): string | null => {
  const given = headerText(mail, 'auto-submitted');
  if (given !== undefined) return given;
  const precedence = headerText(mail, 'precedence')?.trim().toLowerCase();
  const older =
    mail.headers.has('x-autoreply') ||
    mail.headers.has('x-autorespond') ||
    ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence ?? '');
  return older ? 'auto-replied' : null;
};

/** A parsed message in the JSON body's shape: whatever is missing or wrong, the codec names. */
const asBody = (mail: ParsedMail): Record<string, unknown> => ({
  from: firstAddress(mail.from),
  to: allAddresses(mail.to),
  subject: mail.subject ?? null,
  text: mail.text ?? null,
  message_id: mail.messageId ?? null,
  in_reply_to: mail.inReplyTo ?? null,
  references: mail.references ?? null,
  auto_submitted: autoSubmittedOf(mail),
});

/** What the first lines of a message must look like: header fields, `Name: value`. */
const startsWithHeader = (raw: Buffer): boolean =>
  /^[\x21-\x39\x3b-\x7e]+:/.test(raw.subarray(0, 1000).toString('latin1'));

export const notAMessage = (actual: string): DecodeIssue => ({
  path: 'body',
  expected: 'an RFC 5322 message (header fields, a blank line, the body)',
  actual,
});

/**
 * A raw RFC 5322 message read by mailparser (MIME parts, encoded words and charsets decoded; HTML
 * turned into text when there is no text part), then decoded like a JSON body. Attachments are
 * not kept. A text that is no message at all, or a message without a valid sender, is refused.
 */
export const parseRawEmail = (raw: Buffer): TE.TaskEither<ApiError, InboundEmail> => {
  if (raw.length === 0 || !startsWithHeader(raw))
    return TE.left({ kind: 'InvalidInput', issues: [notAMessage('no header fields')] });
  return pipe(
    TE.tryCatch(
      () =>
        simpleParser(raw, {
          skipImageLinks: true,
          skipTextToHtml: true,
          skipTextLinks: true,
        }),
      (error): ApiError => ({
        kind: 'InvalidInput',
        issues: [notAMessage(error instanceof Error ? error.message : 'unreadable')],
      }),
    ),
    TE.chainEitherK((mail) => decodeInboundEmail(asBody(mail))),
  );
};
