import * as E from 'fp-ts/Either';
import type { EventStore, SqlSession, StoreError } from '@helpdesk/event-store';
import { laterOf, readCheckpoints, type Checkpoint } from './checkpoints';

export interface ProjectionLag {
  readonly name: string;
  readonly checkpoint: Checkpoint;
  readonly head: Checkpoint;
  /**
   * Positions between the checkpoint and the head. The memory and PostgreSQL stores number events
   * one by one, so this is the number of events still to process (of every stream: a checkpoint
   * also passes the events its projection does not read).
   */
  readonly eventsBehind: number;
  /** how long ago the oldest event still to process was recorded; 0 when none is */
  readonly secondsBehind: number;
}

export type LagError =
  StoreError | { readonly kind: 'ReadModelsUnavailable'; readonly message: string };

export interface LagOptions {
  readonly store: Pick<EventStore, 'headPosition' | 'readAll'>;
  readonly client: SqlSession;
  readonly schema: string;
  readonly now?: () => Date;
  /**
   * where the projections running in this process have got to: a projection stores its checkpoint
   * only now and then while no event is for it (see `runProjector`), so it may be further than stored
   */
  readonly reached?: (name: string) => Checkpoint;
}

const behind = (checkpoint: Checkpoint, head: Checkpoint): bigint =>
  head === undefined
    ? 0n
    : checkpoint === undefined
      ? head
      : head > checkpoint
        ? head - checkpoint
        : 0n;

/**
 * Every projection's lag, read from the stored checkpoints: it works from any process, whether
 * or not it runs the projections itself (the API's `/metrics`); one that runs them says how far
 * they have got (`reached`).
 */
export const projectionLag = async (
  options: LagOptions,
): Promise<E.Either<LagError, ReadonlyArray<ProjectionLag>>> => {
  const now = options.now ?? (() => new Date());
  let checkpoints;
  try {
    checkpoints = await readCheckpoints(options.client, options.schema);
  } catch (error) {
    return E.left({
      kind: 'ReadModelsUnavailable',
      message: `could not read the checkpoints: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  const head = await options.store.headPosition()();
  if (E.isLeft(head)) return head;
  // projections at one checkpoint share one read of their oldest unprocessed event
  const recordedAfter = new Map<string, Date | undefined>();
  const lags: ProjectionLag[] = [];
  for (const { name, position: storedPosition } of checkpoints) {
    const position = laterOf(storedPosition, options.reached?.(name));
    const eventsBehind = behind(position, head.right);
    let oldest: Date | undefined;
    if (eventsBehind > 0n) {
      const key = position?.toString() ?? '';
      if (!recordedAfter.has(key)) {
        const next = await options.store.readAll({ after: position, maxCount: 1 })();
        if (E.isLeft(next)) return next;
        recordedAfter.set(key, next.right[0]?.recordedAt);
      }
      oldest = recordedAfter.get(key);
    }
    lags.push({
      name,
      checkpoint: position,
      head: head.right,
      eventsBehind: Number(eventsBehind),
      secondsBehind:
        oldest === undefined ? 0 : Math.max(0, (now().getTime() - oldest.getTime()) / 1000),
    });
  }
  return E.right(lags.sort((a, b) => a.name.localeCompare(b.name)));
};
