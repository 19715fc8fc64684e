/**
 * R6.8: the single-use link a mail's `{{portal.password_link}}` becomes: the portal's page where the
 * user sets a password, the token in its query. The portal page posts it to
 * `POST /api/v2/portal/password/reset`.
 */
export const passwordLinkFor = (portalUrl: string, token: string): string =>
  `${portalUrl.replace(/\/+$/, '')}/password/reset?token=${encodeURIComponent(token)}`;
