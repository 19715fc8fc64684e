import type { IssuedApiToken } from '@helpdesk/application';

/** The token's value appears here, in the response that issues it, and nowhere else ever again. */
export const apiTokenJson = (issued: IssuedApiToken) => ({
  id: issued.id,
  token: issued.token,
  user_id: issued.userId,
  created_at: issued.createdAt.toISOString(),
});
