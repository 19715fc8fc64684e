import fc from 'fast-check';
import { fold } from '../shared/decider';
import { userDecider } from '../user/decider';
import {
  acme,
  annId,
  bobId,
  deleted,
  globex,
  id,
  joined,
  merged,
  userCreated,
} from '../user/fixtures';
import type { ExistingUser } from '../user/state';
import {
  canSeeInPortal,
  portalTicketFilter,
  portalViewerOf,
  type PortalViewer,
} from './visibility';

const ann: PortalViewer = { userId: annId, primaryContactOf: [] };
const annPrimaryOfAcme: PortalViewer = { userId: annId, primaryContactOf: [acme] };

describe('R6.9 in the portal an end user sees their own tickets', () => {
  it('sees a ticket they requested, in any organization or none', () => {
    expect(canSeeInPortal(ann, { requesterId: annId, organizationId: acme })).toBe(true);
    expect(canSeeInPortal(ann, { requesterId: annId, organizationId: null })).toBe(true);
  });

  it("does not see a colleague's ticket without being a primary contact", () =>
    expect(canSeeInPortal(ann, { requesterId: bobId, organizationId: acme })).toBe(false));
});

describe('R6.9 a primary contact also sees all tickets of that organization', () => {
  it("sees a colleague's ticket in the organization", () =>
    expect(canSeeInPortal(annPrimaryOfAcme, { requesterId: bobId, organizationId: acme })).toBe(
      true,
    ));

  it("does not see another organization's tickets, or tickets without one", () => {
    expect(canSeeInPortal(annPrimaryOfAcme, { requesterId: bobId, organizationId: globex })).toBe(
      false,
    );
    expect(canSeeInPortal(annPrimaryOfAcme, { requesterId: bobId, organizationId: null })).toBe(
      false,
    );
  });

  it('reads primary contacts from the user: only the memberships flagged so', () => {
    const user = fold(userDecider, [
      userCreated(),
      joined(id(60), acme, true),
      joined(id(61), globex, false),
    ]) as ExistingUser;
    expect(portalViewerOf(user)).toEqual(annPrimaryOfAcme);
    expect(portalTicketFilter(portalViewerOf(user)!)).toEqual({
      requesterId: annId,
      organizationIds: [acme],
    });
  });

  it('the read-model filter and the predicate agree (property)', () =>
    fc.assert(
      fc.property(
        fc.subarray([acme, globex, id(103)]),
        fc.constantFrom(annId, bobId),
        fc.constantFrom(acme, globex, id(103), null),
        (primaryContactOf, requesterId, organizationId) => {
          const viewer = { userId: annId, primaryContactOf };
          const filter = portalTicketFilter(viewer);
          const byFilter =
            requesterId === filter.requesterId ||
            (organizationId !== null && filter.organizationIds.includes(organizationId));
          expect(canSeeInPortal(viewer, { requesterId, organizationId })).toBe(byFilter);
        },
      ),
    ));
});

describe('who uses the portal', () => {
  it('agents and admins do not (settled)', () =>
    expect(
      portalViewerOf(fold(userDecider, [userCreated({ role: 'agent' })]) as ExistingUser),
    ).toBeNull());

  it('R3.5 merged and deleted users do not', () => {
    expect(portalViewerOf(fold(userDecider, [userCreated(), merged()]) as ExistingUser)).toBeNull();
    expect(
      portalViewerOf(fold(userDecider, [userCreated(), deleted()]) as ExistingUser),
    ).toBeNull();
  });
});
