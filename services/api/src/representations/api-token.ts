import type { IssuedApiToken, ListedApiToken } from '@helpdesk/application';

/** The token's value appears here, in the response that issues it, and nowhere else ever again. */
export const apiTokenJson = (issued: IssuedApiToken) => ({
  id: issued.id,
  token: issued.token,
  user_id: issued.userId,
  created_at: issued.createdAt.toISOString(),
});

/** The same token for a repeat of the request that issued it (Idempotency-Key): its value withheld. */
export const withheldApiTokenJson = (issued: IssuedApiToken) => ({
  ...apiTokenJson(issued),
  token: null,
});

/** A token as listed: no value (it was shown once, when issued), only what names it. */
export const listedApiTokenJson = (token: ListedApiToken) => ({
  id: token.id,
  user_id: token.userId,
  created_at: token.createdAt.toISOString(),
});
