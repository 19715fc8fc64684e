import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { EventStore } from '@helpdesk/event-store';
import { fromStoreError, type AppError } from '../command/app-error';
import type { ReadModelName, ReadModelProgress } from './ports';

/**
 * Waits until the read model has taken in everything recorded so far, and at least the event at
 * `atLeast` (the one the process reacts to). Positions follow commit order, so waiting for the
 * head leaves out nothing committed before: a ticket created just before the event is listed.
 */
export const readModelCaughtUp =
  (
    deps: { readonly eventStore: EventStore; readonly progress: ReadModelProgress },
    name: ReadModelName,
    atLeast: bigint,
  ): TE.TaskEither<AppError, bigint> =>
  async () => {
    const head = await deps.eventStore.headPosition()();
    if (E.isLeft(head)) return E.left(fromStoreError(head.left));
    const position = head.right !== undefined && head.right > atLeast ? head.right : atLeast;
    const waited = await deps.progress.waitFor(name, position)();
    return E.isLeft(waited) ? waited : E.right(position);
  };
