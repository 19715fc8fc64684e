import { isUndeliverableAddress } from '@helpdesk/events';

/** Where a mail of the outbox stands (api.md, `GET /api/v2/outbound_emails`). */
export type OutboxStatus = 'queued' | 'sent' | 'suppressed' | 'failed';

export type Delivery =
  | { readonly status: 'queued' }
  | { readonly status: 'suppressed'; readonly rule: 'R5.3'; readonly reason: string };

/**
 * R5.3: a user without a real address has one at the reserved `.invalid` domain, and is never
 * sent mail; the mail is kept in the outbox as `suppressed` so that nobody wonders where it went.
 */
export const deliveryTo = (address: string): Delivery =>
  isUndeliverableAddress(address)
    ? {
        status: 'suppressed',
        rule: 'R5.3',
        reason: 'addresses at the .invalid domain are never sent mail',
      }
    : { status: 'queued' };

export const isSuppressed = (address: string): boolean =>
  deliveryTo(address).status === 'suppressed';
