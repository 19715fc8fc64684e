import * as E from 'fp-ts/Either';
import type { Outbox, QueuedEmail } from '../../ports/outbox';

/**
 * An outbox in memory for tests: like the real one, it keeps a mail once by its id, however often
 * it is enqueued; `calls` counts the enqueue calls, to tell a repeat from nothing at all.
 */
export const recordingOutbox = () => {
  const kept = new Map<string, QueuedEmail>();
  let calls = 0;
  const outbox: Outbox = {
    enqueue: (emails) => async () => {
      calls += 1;
      for (const email of emails) if (!kept.has(email.id)) kept.set(email.id, email);
      return E.right(undefined);
    },
  };
  return {
    outbox,
    mails: (): ReadonlyArray<QueuedEmail> => [...kept.values()],
    calls: () => calls,
  };
};
