import type { Plan, Uuid } from '@helpdesk/events';
import { normalizeDomainName } from '../organization/domain-names';
import type { UserStatus } from '../shared/facts';

/** The domain of an email address, as organizations list it (`Ann@Acme.COM` -> `acme.com`). */
export const domainOfAddress = (address: string): string => {
  const at = address.lastIndexOf('@');
  return at === -1 ? '' : normalizeDomainName(address.slice(at + 1));
};

/** The user an inbound email's address belongs to, if any. */
export interface KnownSender {
  readonly id: Uuid;
  readonly status: UserStatus;
  readonly mergedIntoId: Uuid | null;
}

export type SenderResolution =
  | { readonly kind: 'known'; readonly userId: Uuid }
  | { readonly kind: 'create' }
  | { readonly kind: 'refuse'; readonly rule: 'R6.1'; readonly reason: string };

/**
 * Who an inbound email is from. A known address is its user (R6.3: nothing about them changes);
 * a merged user's mail goes to the user they were merged into, since they can no longer request
 * (R3.5); an unknown address creates an end user only when the account says so (R6.1). A deleted
 * user's addresses were released: they count as unknown.
 */
export const resolveSender = (
  known: KnownSender | null,
  autoCreateUsersFromEmail: boolean,
): SenderResolution => {
  if (known?.status === 'active') return { kind: 'known', userId: known.id };
  if (known?.status === 'merged' && known.mergedIntoId !== null)
    return { kind: 'known', userId: known.mergedIntoId };
  if (autoCreateUsersFromEmail) return { kind: 'create' };
  return {
    kind: 'refuse',
    rule: 'R6.1',
    reason: 'the sender is unknown and users are not created from email',
  };
};

export interface OrganizationWithDomains {
  readonly id: Uuid;
  readonly domainNames: ReadonlyArray<string>;
}

/**
 * R6.4: the organization an automatically created user joins: the one listing the sender's
 * domain, on the Enterprise plan only; otherwise the default ("Unassigned") organization.
 * Settled here: domains match exactly (a subdomain is another domain); organization domains are
 * unique in an account (claims), so at most one matches; should two ever do, the first listed wins.
 */
export const organizationForNewSender = (
  senderAddress: string,
  account: { readonly plan: Plan; readonly defaultOrganizationId: Uuid },
  organizations: ReadonlyArray<OrganizationWithDomains>,
): Uuid => {
  if (account.plan !== 'enterprise') return account.defaultOrganizationId;
  const domain = domainOfAddress(senderAddress);
  const mapped = organizations.find((organization) =>
    organization.domainNames.some((name) => normalizeDomainName(name) === domain),
  );
  return mapped?.id ?? account.defaultOrganizationId;
};
