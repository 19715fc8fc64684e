/** What the merge process manager's tests share: a desk on a memory store and the ports read from the log. */
import * as E from 'fp-ts/Either';
import { decodeEvent, streams, type Uuid } from '@helpdesk/events';
import { createMemoryEventStore, type EventStore, type RecordedEvent } from '@helpdesk/event-store';
import { sequentialIds } from '../../testing';
import { requestMerge } from '../../use-cases/request-merge';
import type { ProcessEvent } from '../process-event';
import { startProcessManager } from '../process-manager';
import {
  alwaysCaughtUp,
  eventually,
  logSnapshots,
  logTally,
  memoryCheckpoints,
  memoryRegistry,
  openDeskOn,
  quietLogger,
  succeed,
} from '../testing';
import { mergeProcessManager, type MergeProcessDeps } from './merge-process-manager';

export const readStream = async (
  store: EventStore,
  name: string,
): Promise<ReadonlyArray<RecordedEvent>> => {
  const result = await store.readStream(name)();
  return E.isRight(result) ? result.right : [];
};

export const allEvents = async (store: EventStore): Promise<ReadonlyArray<ProcessEvent>> => {
  const result = await store.readAll()();
  if (E.isLeft(result)) throw new Error('the log cannot be read');
  return result.right.flatMap((recorded) => {
    const decoded = decodeEvent(recorded);
    return E.isRight(decoded)
      ? [
          {
            ...decoded.right,
            eventId: recorded.id,
            streamName: recorded.streamName,
            position: recorded.globalPosition,
          },
        ]
      : [];
  });
};

export const setUpMerge = async (
  options: { readonly store?: EventStore; readonly asOf?: () => bigint | undefined } = {},
) => {
  const store = options.store ?? createMemoryEventStore();
  const desk = await openDeskOn(store, { ids: sequentialIds() });
  const logger = quietLogger();
  const registry = memoryRegistry();
  const checkpoints = memoryCheckpoints();
  const deps: MergeProcessDeps = {
    ...desk.deps,
    snapshots: logSnapshots(store, options.asOf === undefined ? {} : { asOf: options.asOf }),
    pageSize: 2,
    logger,
    progress: alwaysCaughtUp,
    tally: logTally(store),
    registry,
  };
  const manager = mergeProcessManager(deps);

  const merge = async (sourceId: Uuid, targetId: Uuid) =>
    (
      await succeed(
        requestMerge(
          desk.deps,
          { countRequested: () => async () => E.right(0) },
          desk.owner(),
          sourceId,
          targetId,
        ),
      )
    ).merged;

  /** runs the process manager until the sources' merges are recorded as completed, and `until` holds */
  const carryOut = async (
    sourceIds: ReadonlyArray<Uuid>,
    until: () => Promise<boolean> = async () => true,
  ) => {
    const running = startProcessManager({ store, checkpoints, logger, retryDelayMs: 5 }, manager);
    try {
      for (const sourceId of sourceIds)
        await eventually(`the merge of ${sourceId}`, async () => {
          const events = await readStream(store, streams.user(sourceId));
          return events.some((e) => e.type === 'UserMergeCompleted') ? true : undefined;
        });
      await eventually('the process to settle', async () => ((await until()) ? true : undefined));
    } finally {
      await running.stop();
    }
  };

  const ticketEvents = async (ticketId: Uuid) => readStream(store, streams.ticket(ticketId));

  return {
    store,
    desk,
    deps,
    logger,
    registry,
    checkpoints,
    manager,
    merge,
    carryOut,
    ticketEvents,
  };
};
