import { createHash } from 'node:crypto';
import { v5 as uuidV5 } from 'uuid';
import type { Uuid } from '@helpdesk/events';

/**
 * An inbound email as the use case receives it, once its edge (HTTP JSON, a raw RFC 5322 message,
 * an SMTP delivery) has decoded it: the sender's address is a valid one (R5.3).
 */
export interface InboundEmail {
  readonly from: { readonly address: string; readonly name: string | null };
  readonly subject: string | null;
  /** the plain-text body */
  readonly text: string | null;
  /** the `Message-ID`; without one, an id is derived from the content (`messageIdOf`) */
  readonly messageId: string | null;
  /** the ids of `In-Reply-To` and of `References`, in the order the headers give them */
  readonly inReplyTo: ReadonlyArray<string>;
  readonly references: ReadonlyArray<string>;
  /**
   * sent by a machine, not a person (RFC 3834: an out-of-office reply, a bounce, a list's mail):
   * recorded like any mail, but it runs no trigger, so that no mail answers it (mail loops)
   */
  readonly automatic: boolean;
}

/** `<abc@host>` -> `abc@host`: the id without its brackets and spaces, as claims compare it. */
export const normalizeMessageId = (id: string): string =>
  id
    .trim()
    .replace(/^<+|>+$/g, '')
    .trim();

/**
 * The message ids of an `In-Reply-To` or `References` header: each `<...>`, or, in a header
 * written without brackets, each word. Comments and stray text are skipped.
 */
export const messageIdsIn = (header: string): ReadonlyArray<string> => {
  const bracketed = [...header.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  const ids = bracketed.length > 0 ? bracketed : header.split(/[\s,]+/);
  return ids.map(normalizeMessageId).filter((id) => id !== '');
};

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The id that makes a delivery the same message as an earlier one. Settled here: a message without
 * a `Message-ID` (real mail servers add one) is identified by its content, so the very same mail
 * delivered twice still makes one ticket.
 */
export const messageIdOf = (email: InboundEmail): string => {
  const given = email.messageId === null ? '' : normalizeMessageId(email.messageId);
  if (given !== '') return given;
  const content = JSON.stringify([
    email.from.address.toLowerCase(),
    email.subject,
    email.text,
    email.inReplyTo,
    email.references,
  ]);
  return `${sha256(content)}@content.helpdesk.invalid`;
};

/** Each id named costs a read: a long thread is looked up by its newest messages only. */
export const maxThreadIds = 20;

/**
 * The messages a reply may answer, most likely first: `In-Reply-To`, then `References` from the
 * newest (last) to the oldest. A message never threads under itself.
 */
export const threadIdsOf = (email: InboundEmail, messageId: string): ReadonlyArray<string> => {
  const ids = [...email.inReplyTo, ...[...email.references].reverse()].map(normalizeMessageId);
  return [...new Set(ids)].filter((id) => id !== '' && id !== messageId).slice(0, maxThreadIds);
};

// a fixed namespace for the ids derived from message ids (any UUID would do; it must never change)
const commentNamespace = '5b0f6d52-58a3-4c8e-9a0e-6b1d1f3b7c21';

/**
 * The id of the comment a message becomes: derived from the message, so that however often it is
 * delivered (or a delivery is cut off and retried) it is one comment (the ticket records a comment
 * id once).
 */
export const commentIdOf = (accountId: Uuid, messageId: string): Uuid =>
  uuidV5(`${accountId}:${messageId.toLowerCase()}`, commentNamespace);

/** Settled here: a mail without a subject or text still makes a ticket, with these in their place. */
export const noSubject = '(no subject)';
export const noText = '(no text)';

const firstLine = (text: string): string =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line !== '') ?? '';

/** The ticket's subject: the mail's, else the first line of its text (cut), else `noSubject`. */
export const subjectOf = (email: InboundEmail): string => {
  const subject = email.subject?.replace(/[\r\n]+/g, ' ').trim() ?? '';
  if (subject !== '') return subject;
  const line = firstLine(email.text ?? '');
  return line === '' ? noSubject : line.slice(0, 120);
};

export const bodyOf = (email: InboundEmail): string => {
  const text = email.text?.trim() ?? '';
  return text === '' ? noText : text;
};

/** The name of a user created from their mail: the display name, else the address's local part. */
export const senderNameOf = (from: InboundEmail['from']): string => {
  const name = from.name?.replace(/[\r\n]+/g, ' ').trim() ?? '';
  if (name !== '') return name;
  const at = from.address.lastIndexOf('@');
  return at > 0 ? from.address.slice(0, at) : from.address;
};
