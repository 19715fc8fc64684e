import type { Uuid } from '@helpdesk/events';
import type { ExistingUser } from '../user/state';

/** Who is looking at the portal, as R6.9 needs them. */
export interface PortalViewer {
  readonly userId: Uuid;
  /** the organizations of which the viewer is a primary contact */
  readonly primaryContactOf: ReadonlyArray<Uuid>;
}

/**
 * The portal viewer an end user is; none for a user who cannot use the portal: agents and admins
 * (settled here: they work in the agent interface), merged and deleted users (R3.5).
 */
export const portalViewerOf = (user: ExistingUser): PortalViewer | null =>
  user.role === 'end-user' && user.status === 'active'
    ? {
        userId: user.id,
        primaryContactOf: user.memberships
          .filter((m) => m.primaryContact)
          .map((m) => m.organizationId),
      }
    : null;

/**
 * R6.9: in the portal an end user sees the tickets they requested; a primary contact of an
 * organization also sees every ticket of that organization.
 */
export const canSeeInPortal = (
  viewer: PortalViewer,
  ticket: { readonly requesterId: Uuid; readonly organizationId: Uuid | null },
): boolean =>
  ticket.requesterId === viewer.userId ||
  (ticket.organizationId !== null && viewer.primaryContactOf.includes(ticket.organizationId));

/** R6.9 as a read-model query asks it: tickets requested by `requesterId` or in these organizations. */
export const portalTicketFilter = (
  viewer: PortalViewer,
): { readonly requesterId: Uuid; readonly organizationIds: ReadonlyArray<Uuid> } => ({
  requesterId: viewer.userId,
  organizationIds: viewer.primaryContactOf,
});
