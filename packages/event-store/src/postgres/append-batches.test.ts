import * as E from 'fp-ts/Either';
import type { AppendRequest } from '../port';
import { appendInCalls, callIsolatingFailures, planCalls } from './append-batches';
import type { AppendOutcome } from './append-call';

const request = (streamName: string, events = 1): AppendRequest => ({
  streamName,
  expectedRevision: 'any',
  events: Array.from({ length: events }, (_, n) => ({
    id: `${streamName}/${n}`,
    type: 'ThingHappened',
    data: {},
    metadata: {},
  })),
});

const appended: AppendOutcome = E.right({ nextExpectedRevision: 0n, position: 1n });

const serverError = (code: string) => Object.assign(new Error(`server says ${code}`), { code });

describe('planning the calls of appendMany', () => {
  it('puts every stream once in one call', () => {
    expect(planCalls([request('a'), request('b'), request('c')], 100)).toEqual([[0, 1, 2]]);
  });

  it('sends a stream named again in a later call, in the order of the requests', () => {
    expect(planCalls([request('a'), request('b'), request('a'), request('a')], 100)).toEqual([
      [0, 1],
      [2],
      [3],
    ]);
  });

  it('cuts at maxEventsPerCall, never splitting a request', () => {
    expect(planCalls([request('a', 2), request('b', 2), request('c', 5), request('d')], 4)).toEqual(
      [[0, 1], [2], [3]],
    );
  });
});

describe('one bad request does not sink the others', () => {
  it('sends each request alone when the server refused the whole statement', async () => {
    const sent: string[][] = [];
    const call = callIsolatingFailures(async (requests) => {
      sent.push(requests.map((r) => r.streamName));
      if (requests.some((r) => r.streamName === 'bad')) throw serverError('22P02');
      return requests.map(() => appended);
    });
    const outcomes = await call([request('a'), request('bad'), request('c')]);
    expect(sent).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
    expect(outcomes.map((o) => o._tag)).toEqual(['Right', 'Left', 'Right']);
  });

  it('does not send again when the connection failed, since the call may have committed', async () => {
    let calls = 0;
    const call = callIsolatingFailures(async () => {
      calls += 1;
      throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    });
    const outcomes = await call([request('a'), request('b')]);
    expect(calls).toBe(1);
    expect(outcomes).toHaveLength(2);
    outcomes.forEach((outcome) => {
      expect(E.isLeft(outcome) && outcome.left.kind).toBe('StoreUnavailable');
      expect(
        E.isLeft(outcome) && outcome.left.kind === 'StoreUnavailable' && outcome.left.message,
      ).toMatch(/whether the append was recorded/);
    });
  });

  it('appendInCalls answers in the order of the requests across calls', async () => {
    const call = async (requests: ReadonlyArray<AppendRequest>) =>
      requests.map((r) =>
        E.right({
          nextExpectedRevision: BigInt(r.events.length),
          position: BigInt(r.streamName.length),
        }),
      );
    const outcomes = await appendInCalls(call, [request('a'), request('bb'), request('a', 3)], 100);
    expect(outcomes).toEqual([
      E.right({ nextExpectedRevision: 1n, position: 1n }),
      E.right({ nextExpectedRevision: 1n, position: 2n }),
      E.right({ nextExpectedRevision: 3n, position: 1n }),
    ]);
  });
});
