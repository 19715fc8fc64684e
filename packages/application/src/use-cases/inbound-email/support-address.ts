import type { Uuid } from '@helpdesk/events';

/**
 * Settled here: each account receives mail at `support+<account id>@<mail domain>`
 * (`HELPDESK_MAIL_DOMAIN`, `localhost` by default). The account is in the address itself, so the
 * SMTP listener knows whose mail it is at `RCPT TO`, before reading the message, with no lookup
 * table to keep; a help desk may forward its public address (`help@acme.com`) to it.
 */
export const defaultMailDomain = 'localhost';

export const supportAddressOf = (accountId: Uuid, mailDomain: string): string =>
  `support+${accountId}@${mailDomain.trim().toLowerCase()}`;

const supportLocalPart =
  /^support\+([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The account a support address names, or null for any other address. */
export const accountOfSupportAddress = (address: string, mailDomain: string): Uuid | null => {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf('@');
  if (at === -1) return null;
  if (trimmed.slice(at + 1).toLowerCase() !== mailDomain.trim().toLowerCase()) return null;
  const match = supportLocalPart.exec(trimmed.slice(0, at));
  return match === null ? null : match[1]!.toLowerCase();
};
