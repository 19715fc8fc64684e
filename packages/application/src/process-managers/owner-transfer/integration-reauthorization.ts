import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { Uuid } from '@helpdesk/events';
import { fromStoreError, type AppError } from '../../command/app-error';
import type { CommandDeps } from '../../command/handle-command';
import { requireReauthorizations } from '../../use-cases/integrations';
import type { ProcessLogger } from '../ports';
import { causeOf, systemContext, type ProcessEvent } from '../process-event';
import type { ProcessManager } from '../process-manager';

/** The integrations of an account, as a read model lists them (removed ones may be left out). */
export interface AccountIntegrations {
  readonly idsOf: (accountId: Uuid) => TE.TaskEither<AppError, ReadonlyArray<Uuid>>;
}

export interface IntegrationReauthorizationDeps extends CommandDeps {
  readonly integrations: AccountIntegrations;
  /** resolves once the integrations read model has taken in every event up to `position` */
  readonly caughtUp: (position: bigint) => TE.TaskEither<AppError, void>;
  readonly logger: ProcessLogger;
}

/**
 * R4.5 as a process manager rather than a step of the transfer: it follows the log from its own
 * checkpoint, so a transfer whose process stopped right after `OwnerTransferred` still has its
 * integrations stopped once the service is back. It waits until the integrations read model has
 * taken in everything recorded so far (at least the transfer), so every integration connected
 * before the transfer is listed, then asks each one; the decider stops only those working under the
 * previous owner, so a replayed transfer changes nothing.
 */
export const integrationReauthorizationProcess = (
  deps: IntegrationReauthorizationDeps,
): ProcessManager => {
  const handleTransfer = async (e: ProcessEvent): Promise<E.Either<AppError, void>> => {
    if (e.event.type !== 'OwnerTransferred') return E.right(undefined);
    const { account_id: accountId, previous_owner_id, owner_id } = e.event.data;
    const head = await deps.eventStore.headPosition()();
    if (E.isLeft(head)) return E.left(fromStoreError(head.left));
    const position = head.right !== undefined && head.right > e.position ? head.right : e.position;
    const caughtUp = await deps.caughtUp(position)();
    if (E.isLeft(caughtUp)) return caughtUp;
    const ids = await deps.integrations.idsOf(accountId)();
    if (E.isLeft(ids)) return ids;
    const stopped = await requireReauthorizations(
      deps,
      systemContext(causeOf(e), 'owner_transferred'),
      ids.right,
      { previousOwnerId: previous_owner_id, newOwnerId: owner_id },
    )();
    if (E.isLeft(stopped)) return stopped;
    if (stopped.right > 0)
      deps.logger.info('integrations wait for the new owner', {
        accountId,
        eventId: e.eventId,
        integrations: stopped.right,
      });
    return E.right(undefined);
  };
  return {
    name: 'integration_reauthorizations',
    filter: { streamPrefixes: ['account-'] },
    handle: (events) => async () => {
      for (const e of events) {
        const handled = await handleTransfer(e);
        if (E.isLeft(handled)) return handled;
      }
      return E.right(undefined);
    },
  };
};
