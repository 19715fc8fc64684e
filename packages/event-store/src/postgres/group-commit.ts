import * as E from 'fp-ts/Either';
import type { AppendRequest } from '../port';
import type { AppendOutcome } from './append-call';
import type { AppendCall } from './append-batches';
import { failedTo } from './store-errors';

export interface GroupCommitOptions {
  /** the most events one call carries (a single larger request still goes alone) */
  readonly maxEventsPerCall: number;
  /** calls sent before the first comes back: a second one hides a round trip behind a commit */
  readonly maxCallsInFlight: number;
}

export interface GroupCommit {
  append(request: AppendRequest): Promise<AppendOutcome>;
  /** resolves once every append handed in so far has its outcome */
  drain(): Promise<void>;
}

interface Waiting {
  readonly request: AppendRequest;
  readonly resolve: (outcome: AppendOutcome) => void;
}

/**
 * Group commit: appends from concurrent callers wait in one queue, and whatever is queued when a
 * call slot is free goes out as one call (one statement, one commit). Each caller still gets its
 * own outcome, because the call checks every stream's expected revision on its own.
 *
 * A stream never sits in two calls at once: its next append waits for the call in flight, so one
 * caller's appends to one stream are recorded in the order they were made.
 */
export const groupCommit = (call: AppendCall, options: GroupCommitOptions): GroupCommit => {
  let queue: Waiting[] = [];
  const streamsInFlight = new Set<string>();
  let callsInFlight = 0;
  let scheduled = false;
  let whenIdle: Array<() => void> = [];

  const takeCall = (): Waiting[] => {
    const taken: Waiting[] = [];
    const left: Waiting[] = [];
    const streams = new Set<string>();
    let events = 0;
    let full = false;
    for (const waiting of queue) {
      const { streamName, events: toAppend } = waiting.request;
      full ||= taken.length > 0 && events + toAppend.length > options.maxEventsPerCall;
      if (full || streams.has(streamName) || streamsInFlight.has(streamName)) {
        left.push(waiting);
        continue;
      }
      taken.push(waiting);
      streams.add(streamName);
      events += toAppend.length;
    }
    queue = left;
    return taken;
  };

  const settle = (taken: ReadonlyArray<Waiting>, outcomes: ReadonlyArray<AppendOutcome>) =>
    taken.forEach((waiting, index) =>
      waiting.resolve(outcomes[index] ?? E.left(failedTo('append')('no outcome came back'))),
    );

  const send = (taken: ReadonlyArray<Waiting>) => {
    callsInFlight += 1;
    taken.forEach(({ request }) => streamsInFlight.add(request.streamName));
    call(taken.map(({ request }) => request))
      .then(
        (outcomes) => settle(taken, outcomes),
        (error: unknown) =>
          settle(
            taken,
            taken.map(() => E.left(failedTo('append')(error))),
          ),
      )
      .finally(() => {
        callsInFlight -= 1;
        taken.forEach(({ request }) => streamsInFlight.delete(request.streamName));
        schedule();
        if (callsInFlight === 0 && queue.length === 0) {
          const waiters = whenIdle;
          whenIdle = [];
          waiters.forEach((resume) => resume());
        }
      });
  };

  const flush = () => {
    scheduled = false;
    while (callsInFlight < options.maxCallsInFlight) {
      const taken = takeCall();
      if (taken.length === 0) return;
      send(taken);
    }
  };

  // on the next turn of the event loop, so callers resumed by the last call can queue their next appends first
  const schedule = () => {
    if (scheduled || queue.length === 0 || callsInFlight >= options.maxCallsInFlight) return;
    scheduled = true;
    setImmediate(flush);
  };

  return {
    append: (request) =>
      new Promise((resolve) => {
        queue.push({ request, resolve });
        schedule();
      }),
    drain: () =>
      callsInFlight === 0 && queue.length === 0
        ? Promise.resolve()
        : new Promise((resume) => whenIdle.push(resume)),
  };
};
