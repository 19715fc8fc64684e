export {
  completePasswordReset,
  type CompletedPasswordReset,
  type PasswordResetError,
  type ResetLinkRefusal,
} from './complete-password-reset';
export { forgotPortalPassword, type ForgotPasswordOutcome } from './forgot-password';
export {
  isPortalSessionToken,
  newPortalSessionToken,
  openPortalSession,
  portalSessionLifetimeMs,
  portalSessionPrefix,
  type OpenedPortalSession,
  type SessionDeps,
} from './open-portal-session';
export { resetEmailFor, resetEmailId, resetEmailTemplate } from './reset-email';
export {
  startPasswordReset,
  type PortalDeps,
  type StartedPasswordReset,
} from './start-password-reset';
