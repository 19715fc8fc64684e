export {
  hashApiToken,
  issueApiToken,
  listApiTokens,
  newApiToken,
  revokeApiToken,
  type IssuedApiToken,
  type ListedApiToken,
  type TokenDeps,
} from './api-tokens';
export { authenticateApiToken, type Authenticated } from './authenticate';
export { authenticatePortalSession, type PortalAuthenticated } from './authenticate-portal-session';
export {
  decoyPasswordHash,
  hashPortalPassword,
  scryptParameters,
  verifyPortalPassword,
} from './portal-passwords';
export { newResetToken, passwordResetLinks, resetLinkLifetimeMs } from './reset-links';
