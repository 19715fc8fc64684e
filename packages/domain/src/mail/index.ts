export {
  isPlaceholderName,
  linkPlaceholders,
  needsPasswordLink,
  placeholderNames,
  placeholdersIn,
  secretPlaceholders,
  unknownPlaceholdersIn,
  type PlaceholderName,
} from './placeholders';
export {
  mailValues,
  redactedSecret,
  renderMail,
  type MailContext,
  type MailTemplate,
  type MailValues,
  type RenderError,
  type RenderOptions,
  type RenderedMail,
} from './render';
export { snippetsProblem } from './snippets-check';
export {
  fillSecrets,
  holdsSecrets,
  redactSecrets,
  renderForOutbox,
  type OutboxMail,
} from './outbox-body';
export { deliveryTo, isSuppressed, type Delivery, type OutboxStatus } from './recipients';
export { afterFailedAttempt, retryPolicy, type AfterFailure, type RetryPolicy } from './retries';
export {
  creationKindOf,
  settingsAsOf,
  welcomeEmailFor,
  type CreationKind,
  type PositionedAccountEvent,
  type WelcomeEmail,
} from './welcome';
export {
  domainOfAddress,
  organizationForNewSender,
  resolveSender,
  type KnownSender,
  type OrganizationWithDomains,
  type SenderResolution,
} from './inbound';
