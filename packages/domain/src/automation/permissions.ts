import type { CommandActor } from '../shared/facts';

/**
 * Settled here (api.md puts email templates, triggers and macros under the account's
 * configuration): admins write them; agents apply macros (R6.6) but do not write them. Neither
 * the system nor a platform operator configures an account for its admins.
 */
export const mayConfigure = (actor: CommandActor): boolean =>
  actor.type === 'user' && actor.role === 'admin';
