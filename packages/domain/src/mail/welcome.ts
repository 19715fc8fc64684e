import type { AccountEvent, Role, UserSource, Uuid } from '@helpdesk/events';
import { evolve, initialState } from '../account/state';
import type { Settings } from '../account/settings';
import { assertNever } from '../shared/decider';

/** How a new user came to exist, as R6.2 tells them apart. */
export type CreationKind = 'automatic' | 'by_hand' | 'bulk' | 'with_account';

/**
 * R6.2 in the words of `UserSource` (R5.1): by email or the portal the system creates the user
 * automatically; an agent creating them by hand, on a ticket or as a CC creates them by hand; a
 * file or API import is bulk (a directory sync would be too: no such source exists yet). The
 * owner, created with the account, is none of these.
 */
export const creationKindOf = (source: UserSource): CreationKind => {
  switch (source) {
    case 'email':
    case 'portal':
      return 'automatic';
    case 'manual':
    case 'ticket':
    case 'cc':
      return 'by_hand';
    case 'import':
      return 'bulk';
    case 'account':
      return 'with_account';
    default:
      return assertNever(source);
  }
};

export type WelcomeEmail =
  | { readonly send: true; readonly templateId: Uuid }
  | { readonly send: false; readonly reason: string };

const none = (reason: string): WelcomeEmail => ({ send: false, reason });

/**
 * R6.2: whether a user who has just been created gets the welcome email, and from which template.
 * `settings` are the account's settings in force when the user was created (see `settingsAsOf`):
 * R6.3, switching the setting on later sends nothing to users who already exist. Settled here: the
 * welcome email carries portal credentials, so it is for end users only.
 */
export const welcomeEmailFor = (
  user: { readonly role: Role; readonly source: UserSource },
  settings: Pick<Settings, 'welcomeEmail'>,
): WelcomeEmail => {
  const kind = creationKindOf(user.source);
  if (kind === 'bulk') return none('R6.2: users created by an import get no welcome email');
  if (kind === 'with_account') return none('the owner is created with the account');
  if (user.role !== 'end-user') return none('the welcome email is for end users');
  const { enabled, templateId } = settings.welcomeEmail;
  if (!enabled) return none('R6.2: the welcome email is switched off');
  if (templateId === null) return none('R6.2: no welcome email template is chosen');
  return { send: true, templateId };
};

/** An event of the account's stream with its global position in the log. */
export interface PositionedAccountEvent {
  readonly position: bigint;
  readonly event: AccountEvent;
}

/**
 * R6.3: the account's settings as they were just before `position` (the user's creation), so that
 * a process manager running late still applies the settings the user was created under. Null when
 * the account did not exist yet.
 */
export const settingsAsOf = (
  history: ReadonlyArray<PositionedAccountEvent>,
  position: bigint,
): Settings | null =>
  history
    .filter((entry) => entry.position < position)
    .map((entry) => entry.event)
    .reduce(evolve, initialState())?.settings ?? null;
