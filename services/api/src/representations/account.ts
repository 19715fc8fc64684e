import type { AccountView } from '@helpdesk/projections';

export const accountJson = (account: AccountView) => ({
  id: account.id,
  name: account.name,
  plan: account.plan,
  owner_id: account.ownerId,
  settings: {
    multiple_organizations: account.settings.multiple_organizations,
    sso: account.settings.sso,
    auto_create_users_from_email: account.settings.auto_create_users_from_email,
    welcome_email: {
      enabled: account.settings.welcome_email.enabled,
      template_id: account.settings.welcome_email.template_id,
    },
    default_organization_id: account.defaultOrganizationId,
    portal_url: account.settings.portal_url,
  },
  created_at: account.createdAt,
  updated_at: account.updatedAt,
});

/** R4.4: billing is the owner's alone; the plan is all there is to bill for now. */
export const subscriptionJson = (account: AccountView) => ({
  account_id: account.id,
  plan: account.plan,
  billing_owner_id: account.ownerId,
  status: 'active' as const,
});
