import * as E from 'fp-ts/Either';
import type { AppendRequest } from '../port';
import type { AppendOutcome } from './append-call';
import { groupCommit } from './group-commit';

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

/** A fake `append_events` that records each call and answers when the test lets it. */
const recordingCall = () => {
  const calls: string[][] = [];
  const pending: Array<() => void> = [];
  const call = (requests: ReadonlyArray<AppendRequest>) => {
    calls.push(requests.map((r) => r.streamName));
    return new Promise<ReadonlyArray<AppendOutcome>>((resolve) =>
      pending.push(() =>
        resolve(
          requests.map((_, n) => E.right({ nextExpectedRevision: 0n, position: BigInt(n + 1) })),
        ),
      ),
    );
  };
  const answerAll = () => pending.splice(0).forEach((answer) => answer());
  return { call, calls, answerAll };
};

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('sends the appends queued in one turn as one call, and each caller gets its own outcome', async () => {
    const fake = recordingCall();
    const committer = groupCommit(fake.call, { maxEventsPerCall: 100, maxCallsInFlight: 1 });
    const outcomes = ['a', 'b', 'c'].map((stream) => committer.append(request(stream)));
    await nextTurn();
    expect(fake.calls).toEqual([['a', 'b', 'c']]);
    fake.answerAll();
    expect((await Promise.all(outcomes)).map((o) => E.isRight(o) && o.right.position)).toEqual([
      1n,
      2n,
      3n,
    ]);
  });

  it('queues what arrives while a call is in flight into the next call', async () => {
    const fake = recordingCall();
    const committer = groupCommit(fake.call, { maxEventsPerCall: 100, maxCallsInFlight: 1 });
    void committer.append(request('a'));
    await nextTurn();
    void committer.append(request('b'));
    void committer.append(request('c'));
    await nextTurn();
    expect(fake.calls).toEqual([['a']]);
    fake.answerAll();
    await nextTurn();
    await nextTurn();
    expect(fake.calls).toEqual([['a'], ['b', 'c']]);
  });

  it('keeps a stream out of a call while another call holds it, so its appends stay in order', async () => {
    const fake = recordingCall();
    const committer = groupCommit(fake.call, { maxEventsPerCall: 100, maxCallsInFlight: 2 });
    void committer.append(request('a'));
    void committer.append(request('a'));
    void committer.append(request('b'));
    await nextTurn();
    // the second append to "a" waits although a second call could start
    expect(fake.calls).toEqual([['a', 'b']]);
    void committer.append(request('c'));
    await nextTurn();
    expect(fake.calls).toEqual([['a', 'b'], ['c']]);
    fake.answerAll();
    await nextTurn();
    await nextTurn();
    expect(fake.calls).toEqual([['a', 'b'], ['c'], ['a']]);
  });

  it('cuts calls at maxEventsPerCall but sends a larger single request alone', async () => {
    const fake = recordingCall();
    const committer = groupCommit(fake.call, { maxEventsPerCall: 3, maxCallsInFlight: 3 });
    ['a', 'b', 'c', 'd'].forEach((stream) => void committer.append(request(stream, 2)));
    void committer.append(request('big', 5));
    await nextTurn();
    expect(fake.calls).toEqual([['a'], ['b'], ['c']]);
    fake.answerAll();
    await nextTurn();
    await nextTurn();
    expect(fake.calls.slice(3)).toEqual([['d'], ['big']]);
  });

  it('answers every caller with a store error when the call itself fails', async () => {
    const committer = groupCommit(() => Promise.reject(new Error('connection lost')), {
      maxEventsPerCall: 10,
      maxCallsInFlight: 1,
    });
    const outcomes = await Promise.all([
      committer.append(request('a')),
      committer.append(request('b')),
    ]);
    expect(outcomes.map((o) => E.isLeft(o) && o.left.kind)).toEqual([
      'StoreUnavailable',
      'StoreUnavailable',
    ]);
  });

  it('drains: resolves once every append handed in has its outcome', async () => {
    const fake = recordingCall();
    const committer = groupCommit(fake.call, { maxEventsPerCall: 10, maxCallsInFlight: 1 });
    let settled = 0;
    void committer.append(request('a')).then(() => (settled += 1));
    void committer.append(request('a')).then(() => (settled += 1));
    let drained = false;
    const draining = committer.drain().then(() => (drained = true));
    await nextTurn();
    fake.answerAll();
    await nextTurn();
    await nextTurn();
    expect(drained).toBe(false);
    fake.answerAll();
    await draining;
    expect(settled).toBe(2);
    await expect(committer.drain()).resolves.toBeUndefined();
  });
});
