import type { IntegrationEvent } from '@helpdesk/events';
import { mayConfigure } from '../automation/permissions';
import { assertNever } from '../shared/decider';
import {
  accept,
  alreadyExists,
  forbidden,
  notFound,
  nothingToDo,
  type Decision,
} from '../shared/decision';
import type {
  AuthorizeIntegration,
  CreateIntegration,
  IntegrationCommand,
  RequireReauthorization,
} from './commands';
import { mayAuthorize, needsReauthorizationOnTransfer } from './queries';
import type { Integration, IntegrationState } from './state';

type IntegrationDecision = Decision<IntegrationEvent>;

const onlyTheOwner = (): IntegrationDecision =>
  forbidden('R4.5', "only the account's owner authorises an integration");

const createIntegration = (
  cmd: CreateIntegration,
  state: IntegrationState,
): IntegrationDecision => {
  if (state !== null) return alreadyExists('integration');
  if (!mayAuthorize(cmd.actor, cmd.ownerId)) return onlyTheOwner();
  return accept([
    {
      type: 'IntegrationCreated',
      data: {
        integration_id: cmd.integrationId,
        account_id: cmd.accountId,
        name: cmd.name.trim(),
        authorized_by_id: cmd.ownerId,
      },
    },
  ]);
};

/** Decides nothing when there is nothing to stop, so that replaying a transfer is harmless. */
const requireReauthorization = (
  cmd: RequireReauthorization,
  integration: Integration,
): IntegrationDecision =>
  needsReauthorizationOnTransfer(integration, cmd.previousOwnerId)
    ? accept([
        {
          type: 'IntegrationReauthorizationRequired',
          data: {
            integration_id: integration.id,
            authorized_by_id: integration.authorizedById,
            owner_id: cmd.newOwnerId,
          },
        },
      ])
    : nothingToDo();

const authorize = (cmd: AuthorizeIntegration, integration: Integration): IntegrationDecision => {
  if (!mayAuthorize(cmd.actor, cmd.ownerId)) return onlyTheOwner();
  if (integration.status === 'active' && integration.authorizedById === cmd.ownerId)
    return nothingToDo();
  return accept([
    {
      type: 'IntegrationAuthorized',
      data: {
        integration_id: integration.id,
        authorized_by_id: cmd.ownerId,
        previous_authorized_by_id: integration.authorizedById,
      },
    },
  ]);
};

export const decide = (
  command: IntegrationCommand,
  state: IntegrationState,
): IntegrationDecision => {
  if (command.type === 'CreateIntegration') return createIntegration(command, state);
  if (state === null) return notFound('integration');
  if (state.removed) {
    // a transfer replayed after the removal, or a second removal, changes nothing
    if (command.type === 'RequireReauthorization' || command.type === 'RemoveIntegration')
      return nothingToDo();
    return notFound('integration');
  }
  switch (command.type) {
    case 'RequireReauthorization':
      return requireReauthorization(command, state);
    case 'AuthorizeIntegration':
      return authorize(command, state);
    case 'RemoveIntegration':
      // settled here: any admin may disconnect an integration; connecting one is the owner's
      return mayConfigure(command.actor)
        ? accept([
            {
              type: 'IntegrationRemoved',
              data: { integration_id: state.id, account_id: state.accountId },
            },
          ])
        : forbidden(null, 'only admins disconnect integrations');
    default:
      return assertNever(command);
  }
};
