/**
 * What an `Authorization` header presents: a bearer token, or Basic `{email}/token:{token}` as
 * Zendesk clients (node-zendesk) send it. Anything else (a password, a malformed header) is
 * `invalid`, which the caller answers with 401 like a missing header.
 */
export type PresentedCredentials =
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'email_token'; readonly email: string; readonly token: string };

/** Tokens are printable ASCII; a longer one is no token of ours. */
const tokenPattern = /^[\x21-\x7e]{1,512}$/;

const basicCredentials = (encoded: string): PresentedCredentials => {
  if (!/^[A-Za-z0-9+/=]{1,2000}$/.test(encoded)) return { kind: 'invalid' };
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return { kind: 'invalid' };
  const user = decoded.slice(0, colon);
  const token = decoded.slice(colon + 1);
  const suffix = '/token';
  if (!user.endsWith(suffix) || !tokenPattern.test(token)) return { kind: 'invalid' };
  return { kind: 'email_token', email: user.slice(0, -suffix.length), token };
};

export const presentedCredentials = (header: string | undefined): PresentedCredentials => {
  if (header === undefined || header.trim() === '') return { kind: 'none' };
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
  if (match === null) return { kind: 'invalid' };
  const scheme = match[1]!.toLowerCase();
  const value = match[2]!;
  if (scheme === 'bearer')
    return tokenPattern.test(value) ? { kind: 'bearer', token: value } : { kind: 'invalid' };
  if (scheme === 'basic') return basicCredentials(value);
  return { kind: 'invalid' };
};
