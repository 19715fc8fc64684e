export { startMailSender, type MailSender, type MailSenderOptions } from './mail-sender';
export { messageIdOf, sendDue, type SendDueDeps, type SendReport } from './send-due';
export { passwordLinkFor } from './password-link';
export {
  smtpTransport,
  type MailTransport,
  type OutgoingMail,
  type SendFailure,
} from './smtp-transport';
export { startOutboxSender, type OutboxSenderOptions } from './outbox-sender';
