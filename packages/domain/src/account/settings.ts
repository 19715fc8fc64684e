import * as t from 'io-ts';
import { Uuid, nullable, type AccountSettings } from '@helpdesk/events';

/** The account settings as the domain reads them (camelCase); events carry the snake_case form. */
export const Settings = t.strict(
  {
    /** R2.1 */
    multipleOrganizations: t.boolean,
    /** R3.4 */
    sso: t.keyof({ none: null, jwt: null, saml: null }),
    /** R6.1 */
    autoCreateUsersFromEmail: t.boolean,
    /** R6.2 */
    welcomeEmail: t.strict({ enabled: t.boolean, templateId: nullable(Uuid) }),
    portalUrl: nullable(t.string),
  },
  'Settings',
);
export type Settings = t.TypeOf<typeof Settings>;

/** Only the settings a command changes; the others keep their value. */
export const SettingsChanges = t.exact(t.partial(Settings.type.props), 'SettingsChanges');
export type SettingsChanges = t.TypeOf<typeof SettingsChanges>;

/** A new account starts with every optional behaviour off. */
export const defaultSettings: Settings = {
  multipleOrganizations: false,
  sso: 'none',
  autoCreateUsersFromEmail: false,
  welcomeEmail: { enabled: false, templateId: null },
  portalUrl: null,
};

export const applySettingsChanges = (settings: Settings, changes: SettingsChanges): Settings => ({
  ...settings,
  ...changes,
});

export const sameSettings = (a: Settings, b: Settings): boolean =>
  a.multipleOrganizations === b.multipleOrganizations &&
  a.sso === b.sso &&
  a.autoCreateUsersFromEmail === b.autoCreateUsersFromEmail &&
  a.welcomeEmail.enabled === b.welcomeEmail.enabled &&
  a.welcomeEmail.templateId === b.welcomeEmail.templateId &&
  a.portalUrl === b.portalUrl;

export const toEventSettings = (settings: Settings): AccountSettings => ({
  multiple_organizations: settings.multipleOrganizations,
  sso: settings.sso,
  auto_create_users_from_email: settings.autoCreateUsersFromEmail,
  welcome_email: {
    enabled: settings.welcomeEmail.enabled,
    template_id: settings.welcomeEmail.templateId,
  },
  portal_url: settings.portalUrl,
});

export const fromEventSettings = (settings: AccountSettings): Settings => ({
  multipleOrganizations: settings.multiple_organizations,
  sso: settings.sso,
  autoCreateUsersFromEmail: settings.auto_create_users_from_email,
  welcomeEmail: {
    enabled: settings.welcome_email.enabled,
    templateId: settings.welcome_email.template_id,
  },
  portalUrl: settings.portal_url,
});
