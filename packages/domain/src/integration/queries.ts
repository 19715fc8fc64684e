import type { Uuid } from '@helpdesk/events';
import type { CommandActor } from '../shared/facts';
import type { Integration } from './state';

/** Whether the integration works: connected, and under the authorisation of its owner. */
export const isWorking = (integration: Integration): boolean =>
  !integration.removed && integration.status === 'active';

/**
 * R4.5: when ownership moves from `previousOwnerId`, an integration working under that owner's
 * authorisation stops until the new owner authorises it. One already waiting keeps waiting: it is
 * the owner of the moment who authorises it.
 */
export const needsReauthorizationOnTransfer = (
  integration: Integration,
  previousOwnerId: Uuid,
): boolean => isWorking(integration) && integration.authorizedById === previousOwnerId;

/** R4.5: only the account's current owner authorises an integration. */
export const mayAuthorize = (actor: CommandActor, ownerId: Uuid): boolean =>
  actor.type === 'user' && actor.id === ownerId;
