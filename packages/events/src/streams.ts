import { createHash } from 'node:crypto';
import { normalizeEmail } from './primitives';

/** Stream names are `<category>-<id>` (architecture.md, "Events"). */
export const streamCategories = [
  'account',
  'user',
  'organization',
  'ticket',
  'claim',
  'template',
  'trigger',
  'macro',
  'integration',
] as const;
export type StreamCategory = (typeof streamCategories)[number];

/** What a uniqueness claim stream guards; each is unique within one account. */
export const claimKinds = [
  'email',
  'organization_name',
  'organization_domain',
  /** an inbound email's Message-ID, held by the ticket it made or joined (R6.1) */
  'message_id',
] as const;
export type ClaimKind = (typeof claimKinds)[number];

const canonicalClaimValue = (kind: ClaimKind, value: string): string =>
  kind === 'email' ? normalizeEmail(value) : value.trim().toLowerCase();

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

export const streams = {
  account: (accountId: string) => `account-${accountId}`,
  user: (userId: string) => `user-${userId}`,
  organization: (organizationId: string) => `organization-${organizationId}`,
  ticket: (ticketId: string) => `ticket-${ticketId}`,
  /** an email template (R6.2, R6.5) */
  template: (templateId: string) => `template-${templateId}`,
  trigger: (triggerId: string) => `trigger-${triggerId}`,
  macro: (macroId: string) => `macro-${macroId}`,
  integration: (integrationId: string) => `integration-${integrationId}`,
  /**
   * A claim stream holds no personal data in its name: the value is hashed. Appending its first
   * event with "no stream" expected is what makes the claim exclusive on every event store.
   */
  claim: (kind: ClaimKind, accountId: string, value: string) =>
    `claim-${kind}-${accountId}-${sha256(`${kind}:${canonicalClaimValue(kind, value)}`)}`,
} as const;

/** The category of a stream name: the part before the first `-`. */
export const categoryOf = (streamName: string): string => {
  const dash = streamName.indexOf('-');
  return dash === -1 ? streamName : streamName.slice(0, dash);
};

/** The id part of an aggregate stream name (`ticket-<uuid>` -> `<uuid>`). */
export const idOf = (streamName: string): string => {
  const dash = streamName.indexOf('-');
  return dash === -1 ? '' : streamName.slice(dash + 1);
};
