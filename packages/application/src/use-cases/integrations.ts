import * as A from 'fp-ts/Array';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import {
  integrationDecider,
  notFound,
  type Decider,
  type IntegrationCommand,
  type IntegrationState,
} from '@helpdesk/domain';
import { streams, type IntegrationEvent, type Uuid } from '@helpdesk/events';
import type { AppError } from '../command/app-error';
import type { CommandContext } from '../command/context';
import { handleCommand, type CommandDeps, type CommandResult } from '../command/handle-command';
import { contextOf, type Caller } from './caller';
import { loadAccount } from './lookups';

/** An integration of another account is not found: integration commands carry no account. */
const integrationsOf = (
  accountId: Uuid,
): Decider<IntegrationCommand, IntegrationEvent, IntegrationState> => ({
  ...integrationDecider,
  decide: (command, state) =>
    state !== null && state.accountId !== accountId
      ? notFound('integration')
      : integrationDecider.decide(command, state),
});

/** R4.5: the owner connects an integration, which works under their authorisation. */
export const connectIntegration = (
  deps: CommandDeps,
  caller: Caller,
  name: string,
  integrationId: Uuid = deps.ids.next(),
): TE.TaskEither<AppError, CommandResult<IntegrationState>> =>
  pipe(
    loadAccount(deps.eventStore, caller.accountId),
    TE.chain((account) =>
      handleCommand(
        deps,
        integrationsOf(caller.accountId),
        streams.integration(integrationId),
        {
          type: 'CreateIntegration',
          integrationId,
          accountId: caller.accountId,
          actor: caller.actor,
          name,
          ownerId: account.ownerId,
        },
        contextOf(caller),
      ),
    ),
  );

/** R4.5: the owner of the moment authorises an integration again after a transfer. */
export const authorizeIntegration = (
  deps: CommandDeps,
  caller: Caller,
  integrationId: Uuid,
): TE.TaskEither<AppError, CommandResult<IntegrationState>> =>
  pipe(
    loadAccount(deps.eventStore, caller.accountId),
    TE.chain((account) =>
      handleCommand(
        deps,
        integrationsOf(caller.accountId),
        streams.integration(integrationId),
        {
          type: 'AuthorizeIntegration',
          integrationId,
          actor: caller.actor,
          ownerId: account.ownerId,
        },
        contextOf(caller),
      ),
    ),
  );

/**
 * R4.5: after a transfer from `previousOwnerId` to `newOwnerId`, each of these integrations that
 * works under the previous owner's authorisation waits for the new owner's. Deciding nothing for
 * the others makes a replayed transfer harmless.
 */
export const requireReauthorizations = (
  deps: CommandDeps,
  context: CommandContext,
  integrationIds: ReadonlyArray<Uuid>,
  transfer: { readonly previousOwnerId: Uuid; readonly newOwnerId: Uuid },
): TE.TaskEither<AppError, number> =>
  pipe(
    [...integrationIds],
    A.map((integrationId) =>
      handleCommand(
        deps,
        integrationsOf(context.accountId),
        streams.integration(integrationId),
        {
          type: 'RequireReauthorization',
          integrationId,
          actor: { type: 'system' },
          ...transfer,
        },
        context,
      ),
    ),
    TE.sequenceSeqArray,
    TE.map((results) => results.filter((r) => r.events.length > 0).length),
  );
