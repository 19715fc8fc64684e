import type { UserEvent } from '@helpdesk/events';
import { accept, nothingToDo, refuse, type Decision } from '../shared/decision';
import type { KnownAccount } from '../shared/facts';
import type { CompleteMerge, MergeInto } from './commands';
import type { ExistingUser } from './state';

/** R3.3: beyond this many requested tickets, either user is too big to merge. */
export const maxRequestedTicketsToMerge = 10_000;

const usesSingleSignOn = (account: KnownAccount): boolean =>
  account.sso === 'jwt' || account.sso === 'saml';

/** R3.2: an unverified user can only be told apart by an email identity or an X handle. */
export const isIdentifiable = (
  verified: boolean,
  hasEmail: boolean,
  hasXHandle: boolean,
): boolean => verified || hasEmail || hasXHandle;

/** Decided on the source's stream; the target absorbs the source afterwards (`absorb.ts`). */
export const mergeInto = (cmd: MergeInto, source: ExistingUser): Decision<UserEvent> => {
  const { target, actor, account } = cmd;
  if (actor.type !== 'user' || actor.role === 'end-user')
    return refuse('R3.1', 'only an agent or an admin can merge users');
  if (target.id === source.id) return refuse('R3.1', 'a user cannot be merged into itself');
  if (source.role !== 'end-user' || target.role !== 'end-user')
    return refuse('R3.1', 'only end users can be merged');
  if (target.status === 'merged')
    return refuse('R3.5', 'the target was itself merged into another user');
  if (target.status !== 'active') return refuse('R3.1', 'the target must be an active user');
  if (target.accountId !== source.accountId || account.id !== source.accountId)
    return refuse('R3.1', 'both users must belong to the same account');
  const sourceHas = (type: string) => source.identities.some((i) => i.type === type);
  if (!isIdentifiable(source.verified, sourceHas('email'), sourceHas('twitter')))
    return refuse('R3.2', 'the unverified source has neither an email nor an X handle');
  if (!isIdentifiable(target.verified, target.hasEmail, target.hasXHandle))
    return refuse('R3.2', 'the unverified target has neither an email nor an X handle');
  if (cmd.sourceRequestedTicketCount > maxRequestedTicketsToMerge)
    return refuse('R3.3', `the source requested more than ${maxRequestedTicketsToMerge} tickets`);
  if (target.requestedTicketCount > maxRequestedTicketsToMerge)
    return refuse('R3.3', `the target requested more than ${maxRequestedTicketsToMerge} tickets`);
  if (
    usesSingleSignOn(account) &&
    (source.profile.externalId !== null || target.externalId !== null)
  )
    return refuse('R3.4', 'with single sign-on, users with an external id cannot be merged');
  return accept([
    {
      type: 'UserMerged',
      data: { user_id: source.id, account_id: source.accountId, target_id: target.id },
    },
  ]);
};

/** R3.9: recorded once, when every ticket of the source has moved; a repeat does nothing. */
export const completeMerge = (cmd: CompleteMerge, source: ExistingUser): Decision<UserEvent> => {
  if (source.status !== 'merged' || source.mergedIntoId === null)
    return refuse('R3.9', 'only a merged user has a merge to complete');
  if (source.mergeCompleted) return nothingToDo();
  return accept([
    {
      type: 'UserMergeCompleted',
      data: {
        user_id: source.id,
        target_id: source.mergedIntoId,
        tickets_rewritten: cmd.ticketsRewritten,
        ccs_replaced: cmd.ccsReplaced,
      },
    },
  ]);
};
