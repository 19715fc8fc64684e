import { accountsProjection } from './accounts';
import { analyticsProjection } from './analytics';
import { integrationsProjection } from './integrations';
import { emailTemplatesProjection } from './email-templates';
import { triggersProjection } from './triggers';
import { macrosProjection } from './macros';
import { organizationsProjection } from './organizations';
import type { Projection } from './runtime/projection';
import { ticketAuditsProjection } from './ticket-audits';
import { ticketsProjection } from './tickets';
import { userMergesProjection } from './user-merges';
import { usersProjection } from './users';

/**
 * Every read model of the application. The order is the order of installation: the analyst views
 * read `tickets`, `organizations` and `user_merges`, so `analytics` comes last.
 */
export const allProjections: ReadonlyArray<Projection> = [
  accountsProjection,
  organizationsProjection,
  usersProjection,
  ticketsProjection,
  ticketAuditsProjection,
  userMergesProjection,
  analyticsProjection,
  integrationsProjection,
  emailTemplatesProjection,
  triggersProjection,
  macrosProjection,
];
