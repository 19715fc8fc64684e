import { redactSecrets } from '@helpdesk/domain';
import type { OutboundEmailView } from '@helpdesk/projections';

/**
 * A mail of the outbox (api.md, `GET /api/v2/outbound_emails`). The body is shown as kept, its
 * password snippet redacted: the single-use link exists only in the mail that was sent (R6.8).
 */
export const outboundEmailJson = (email: OutboundEmailView) => ({
  id: email.id,
  to: email.to,
  template_id: email.templateId,
  subject: email.subject,
  body: redactSecrets(email.body),
  status: email.status,
  ticket_id: email.ticketId,
  user_id: email.userId,
  attempts: email.attempts,
  last_error: email.lastError,
  created_at: email.createdAt,
  sent_at: email.sentAt,
});
