import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type {
  EventStore,
  StoreError,
  SubscribeOptions,
  Subscription,
  SubscriptionMessage,
} from '../port';
import type { ChangeSignal } from './change-notifier';

/** What a catch-up subscription reads from: any adapter's own `readAll` and `headPosition`. */
export type CatchUpSource = Pick<EventStore, 'readAll' | 'headPosition'>;

export interface CatchUpOptions extends SubscribeOptions {
  /** events read per `readAll` call; 500 when absent */
  readonly pageSize?: number;
  /** also look for new events this often without a wake-up (a NOTIFY can be lost); never when absent */
  readonly pollIntervalMs?: number;
  /** first pause after a failed read, doubled up to `maxRetryDelayMs` (100 ms and 5 s when absent) */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** told of each failed read; the subscription keeps retrying until it is closed */
  readonly onError?: (error: StoreError) => void;
  /** called once when the subscription ends, however it ends */
  readonly onClose?: () => void;
}

const closedMark: unique symbol = Symbol('closed');

/** Resolves after `ms`, or at once when the signal aborts; leaves no timer behind. */
const pause = (signal: AbortSignal, ms: number | undefined, wake?: (resume: () => void) => void) =>
  new Promise<void>((resolve) => {
    const done = () => {
      if (timer !== undefined) clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = ms === undefined ? undefined : setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    if (signal.aborted) done();
    wake?.(done);
  });

/**
 * A catch-up-then-live subscription built from `readAll` pages and a wake-up signal. It keeps a
 * cursor (the last delivered position) and only ever reads strictly after it, so each event is
 * delivered once and in order however appends interleave with reading. `caught_up` follows once
 * the cursor has reached the head seen at the start, or a page came back short.
 */
export const catchUpSubscription = (
  source: CatchUpSource,
  changes: ChangeSignal,
  options: CatchUpOptions = {},
): Subscription => {
  const pageSize = options.pageSize ?? 500;
  const retryDelayMs = options.retryDelayMs ?? 100;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 5000;
  const controller = new AbortController();
  const { signal } = controller;

  // set by every change; a change during a read means that read may have missed events
  let changed = false;
  let wakeUp: (() => void) | undefined;
  const stopListening = changes.onChange(() => {
    changed = true;
    wakeUp?.();
  });

  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    controller.abort();
    stopListening();
    options.onClose?.();
  };

  // asks the source for a fresh task each time, so that a retry is a new round trip
  const untilDone = async <A>(
    task: () => TE.TaskEither<StoreError, A>,
  ): Promise<A | typeof closedMark> => {
    let delay = retryDelayMs;
    while (!signal.aborted) {
      const result = await task()();
      if (E.isRight(result)) return result.right;
      options.onError?.(result.left);
      await pause(signal, delay);
      delay = Math.min(delay * 2, maxRetryDelayMs);
    }
    return closedMark;
  };

  async function* messages(): AsyncGenerator<SubscriptionMessage, void, undefined> {
    try {
      const head = await untilDone(() => source.headPosition());
      if (head === closedMark) return;
      let cursor = options.after;
      const reachedHead = () => head === undefined || (cursor !== undefined && cursor >= head);
      let caughtUp = reachedHead();
      if (caughtUp) yield { kind: 'caught_up' };
      while (!signal.aborted) {
        changed = false;
        const after = cursor;
        const page = await untilDone(() =>
          source.readAll({ after, maxCount: pageSize, filter: options.filter }),
        );
        if (page === closedMark) return;
        for (const event of page) {
          if (signal.aborted) return;
          cursor = event.globalPosition;
          yield { kind: 'event', event };
        }
        const short = page.length < pageSize;
        if (!caughtUp && (short || reachedHead())) {
          caughtUp = true;
          if (signal.aborted) return;
          yield { kind: 'caught_up' };
        }
        if (short && !changed && !signal.aborted)
          await pause(signal, options.pollIntervalMs, (resume) => {
            wakeUp = resume;
          });
        wakeUp = undefined;
      }
    } finally {
      end();
    }
  }

  const generator = messages();
  return {
    [Symbol.asyncIterator]: () => generator,
    close: async () => {
      controller.abort();
      await generator.return(undefined);
      end();
    },
  };
};
