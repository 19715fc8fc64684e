import * as E from 'fp-ts/Either';
import type { Checkpoint } from './checkpoints';
import type { CorruptEvent } from './projected-event';

export type WaitError =
  | { readonly kind: 'UnknownProjection'; readonly name: string }
  | { readonly kind: 'ProjectionFailed'; readonly name: string; readonly failure?: CorruptEvent }
  | { readonly kind: 'ProjectionStopped'; readonly name: string }
  | { readonly kind: 'TimedOut'; readonly name: string; readonly checkpoint: Checkpoint };

interface Waiter {
  readonly position: bigint;
  readonly settle: (outcome: E.Either<WaitError, Checkpoint>) => void;
}

export interface WaitFor {
  readonly name: string;
  readonly checkpoint: Checkpoint;
  readonly failed: boolean;
  readonly failure?: CorruptEvent;
}

/** Callers parked until a projection's checkpoint reaches a position, each with its own deadline. */
export const positionWaiters = () => {
  const byName = new Map<string, Set<Waiter>>();

  const settleAll = (
    name: string,
    outcome: (waiter: Waiter) => E.Either<WaitError, Checkpoint> | undefined,
  ) => {
    for (const waiter of byName.get(name) ?? []) {
      const settled = outcome(waiter);
      if (settled !== undefined) waiter.settle(settled);
    }
  };

  return {
    wait: (
      target: WaitFor,
      position: bigint,
      timeoutMs: number,
      checkpointNow: () => Checkpoint,
    ): Promise<E.Either<WaitError, Checkpoint>> => {
      const { name, checkpoint } = target;
      if (target.failed)
        return Promise.resolve(E.left({ kind: 'ProjectionFailed', name, failure: target.failure }));
      if (checkpoint !== undefined && checkpoint >= position)
        return Promise.resolve(E.right(checkpoint));
      return new Promise((resolve) => {
        const waiters = byName.get(name) ?? new Set<Waiter>();
        byName.set(name, waiters);
        const waiter: Waiter = {
          position,
          settle: (outcome) => {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve(outcome);
          },
        };
        const timer = setTimeout(
          () => waiter.settle(E.left({ kind: 'TimedOut', name, checkpoint: checkpointNow() })),
          timeoutMs,
        );
        waiters.add(waiter);
      });
    },
    reached: (name: string, checkpoint: Checkpoint) =>
      settleAll(name, (waiter) =>
        checkpoint !== undefined && checkpoint >= waiter.position ? E.right(checkpoint) : undefined,
      ),
    fail: (name: string, failure?: CorruptEvent) =>
      settleAll(name, () => E.left({ kind: 'ProjectionFailed', name, failure })),
    stopAll: () => {
      for (const name of byName.keys())
        settleAll(name, () => E.left({ kind: 'ProjectionStopped', name }));
    },
  };
};
