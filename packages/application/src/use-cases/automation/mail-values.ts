import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { primaryEmailOf, type MailValues } from '@helpdesk/domain';
import type { Uuid } from '@helpdesk/events';
import type { EventStore } from '@helpdesk/event-store';
import type { AppError } from '../../command/app-error';
import { loadAccount, loadUser } from '../lookups';

/** A ticket as a mail about it names it. */
export interface MailTicket {
  readonly id: Uuid;
  readonly subject: string;
  readonly requesterId: Uuid;
}

export interface RequesterMail {
  /** the requester's primary address, or null when they have none to write to */
  readonly to: string | null;
  /** a merged or deleted requester can no longer sign in: nothing is sent to them */
  readonly active: boolean;
  /** what fills the snippets (R6.6); a value that cannot be known is left out, not made up */
  readonly values: MailValues;
}

/**
 * The snippets of a mail to a ticket's requester, read from the streams (names and addresses live
 * only in user streams): the portal user name is the requester's address. The password link is
 * never a value here (R6.8): it is minted when the mail is sent.
 */
export const requesterMail = (
  store: EventStore,
  accountId: Uuid,
  ticket: MailTicket,
): TE.TaskEither<AppError, RequesterMail> =>
  pipe(
    TE.Do,
    TE.apS('account', loadAccount(store, accountId)),
    TE.apS('requester', loadUser(store, accountId, ticket.requesterId)),
    TE.map(({ account, requester }) => {
      const email = primaryEmailOf(requester);
      const portalUrl = account.settings.portalUrl;
      return {
        to: email,
        active: requester.status === 'active',
        values: {
          'user.name': requester.profile.name,
          ...(email === null ? {} : { 'user.email': email, 'portal.username': email }),
          'ticket.id': ticket.id,
          'ticket.subject': ticket.subject,
          ...(portalUrl === null ? {} : { 'portal.url': portalUrl }),
        },
      };
    }),
  );
