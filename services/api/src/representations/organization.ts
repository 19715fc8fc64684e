import type { MembershipView, OrganizationView } from '@helpdesk/projections';

export const organizationJson = (organization: OrganizationView) => ({
  id: organization.id,
  name: organization.name,
  domain_names: organization.domainNames,
  created_at: organization.createdAt,
  updated_at: organization.updatedAt,
});

export const membershipJson = (membership: MembershipView) => ({
  id: membership.id,
  user_id: membership.userId,
  organization_id: membership.organizationId,
  default: membership.isDefault,
  primary_contact: membership.primaryContact,
  created_at: membership.createdAt,
});
