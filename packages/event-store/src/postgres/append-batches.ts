import * as E from 'fp-ts/Either';
import type { AppendRequest } from '../port';
import type { AppendOutcome } from './append-call';
import { failedTo, refusedByServer } from './store-errors';

/** Sends requests whose stream names are all different in one call; rejects if the call fails. */
export type AppendCall = (
  requests: ReadonlyArray<AppendRequest>,
) => Promise<ReadonlyArray<AppendOutcome>>;

/**
 * One call for a batch of different streams, in which one bad request must not sink the others:
 * when the server refuses the whole statement (and so surely rolled it back), each request is sent
 * again on its own. When the connection fails instead, nobody knows whether the call committed, so
 * every request is told so rather than appended twice.
 */
export const callIsolatingFailures =
  (call: AppendCall): AppendCall =>
  async (requests) => {
    try {
      return await call(requests);
    } catch (error) {
      if (requests.length > 1 && refusedByServer(error)) {
        const outcomes: AppendOutcome[] = [];
        for (const request of requests)
          outcomes.push(...(await callIsolatingFailures(call)([request])));
        return outcomes;
      }
      const reason = refusedByServer(error) ? 'append' : 'learn whether the append was recorded';
      return requests.map(() => E.left(failedTo(reason)(error)));
    }
  };

/**
 * Splits requests into calls: a stream named twice goes to a later call (so its second append sees
 * its first), and calls hold at most `maxEventsPerCall` events unless one request alone is larger.
 */
export const planCalls = (
  requests: ReadonlyArray<AppendRequest>,
  maxEventsPerCall: number,
): ReadonlyArray<ReadonlyArray<number>> => {
  const rounds: number[][] = [];
  const seen = new Map<string, number>();
  requests.forEach((request, index) => {
    const round = seen.get(request.streamName) ?? 0;
    seen.set(request.streamName, round + 1);
    (rounds[round] ??= []).push(index);
  });
  const calls: number[][] = [];
  for (const round of rounds) {
    let call: number[] = [];
    let events = 0;
    for (const index of round) {
      const size = requests[index]!.events.length;
      if (call.length > 0 && events + size > maxEventsPerCall) {
        calls.push(call);
        call = [];
        events = 0;
      }
      call.push(index);
      events += size;
    }
    if (call.length > 0) calls.push(call);
  }
  return calls;
};

/** `appendMany`: the planned calls one after the other, outcomes in the order of the requests. */
export const appendInCalls = async (
  call: AppendCall,
  requests: ReadonlyArray<AppendRequest>,
  maxEventsPerCall: number,
): Promise<ReadonlyArray<AppendOutcome>> => {
  const outcomes: AppendOutcome[] = new Array(requests.length);
  for (const indexes of planCalls(requests, maxEventsPerCall)) {
    const results = await callIsolatingFailures(call)(indexes.map((index) => requests[index]!));
    indexes.forEach((index, position) => {
      outcomes[index] = results[position]!;
    });
  }
  return outcomes;
};
