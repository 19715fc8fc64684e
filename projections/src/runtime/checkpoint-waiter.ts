import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { SqlSession } from '@helpdesk/event-store';
import { readCheckpoint, type Checkpoint } from './checkpoints';
import type { WaitError } from './position-waiters';

export interface CheckpointWaiterOptions {
  readonly client: SqlSession;
  readonly schema: string;
  /** how often the stored checkpoint is read; 50 ms when absent */
  readonly pollIntervalMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `waitForPosition` for a process that does not run the projections itself (an API next to a
 * separate worker): it reads the stored checkpoint until it has passed the position. In the
 * process that runs them, the runner's own `waitForPosition` answers without polling.
 */
export const checkpointWaiter = (options: CheckpointWaiterOptions) => ({
  waitForPosition:
    (name: string, position: bigint, timeoutMs: number): TE.TaskEither<WaitError, Checkpoint> =>
    async () => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const record = await readCheckpoint(options.client, options.schema, name);
        if (record === undefined) return E.left({ kind: 'UnknownProjection', name });
        if (record.position !== undefined && record.position >= position)
          return E.right(record.position);
        if (Date.now() >= deadline)
          return E.left({ kind: 'TimedOut', name, checkpoint: record.position });
        await sleep(Math.min(options.pollIntervalMs ?? 50, Math.max(0, deadline - Date.now())));
      }
    },
});
