import { assertNever, type ExistingUser } from '@helpdesk/domain';
import type { Caller } from '@helpdesk/application';
import type { Role, Uuid } from '@helpdesk/events';

/** Who a request comes from, once authenticated. */
export interface UserPrincipal {
  readonly kind: 'user';
  readonly accountId: Uuid;
  readonly tokenId: Uuid;
  /** as read from the user's stream for this request */
  readonly user: ExistingUser;
}

export interface OperatorPrincipal {
  readonly kind: 'operator';
}

/** Nobody in particular: the caller of a public route (the portal's sign-in and password forms). */
export interface AnonymousPrincipal {
  readonly kind: 'anonymous';
  /** the client's address, which rate limits count by */
  readonly address: string;
}

export type Principal = UserPrincipal | OperatorPrincipal | AnonymousPrincipal;

export const roleOf = (principal: UserPrincipal): Role => principal.user.role;

/** The application's view of the request's author: every event the request causes carries it. */
export const callerOf = (principal: UserPrincipal, requestId: string): Caller => ({
  accountId: principal.accountId,
  actor: { type: 'user', id: principal.user.id, role: principal.user.role },
  correlationId: requestId,
  causationId: null,
  channel: 'api',
});

/** Idempotency keys and rate limits are counted per caller. */
export const scopeOf = (principal: Principal): string => {
  switch (principal.kind) {
    case 'operator':
      return 'operator';
    case 'anonymous':
      return `anonymous:${principal.address}`;
    case 'user':
      return `${principal.accountId}:${principal.user.id}`;
    default:
      return assertNever(principal);
  }
};
