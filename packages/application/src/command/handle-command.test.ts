import * as E from 'fp-ts/Either';
import { claimDecider } from '@helpdesk/domain';
import { streams } from '@helpdesk/events';
import { handleCommand, type HandleOptions } from './handle-command';
import {
  account,
  ann,
  bob,
  carl,
  claim,
  claimed,
  context,
  metadataOf,
  released,
  setup,
  stream,
  testDecider,
  valueOf,
} from './handle-command.fixtures';

describe('handling a command', () => {
  it('appends the decided events with ids, and metadata built from the context', async () => {
    const { deps, appends, eventsOf } = setup();
    const result = await handleCommand(deps, claimDecider, stream, claim(ann), context)();
    expect(E.isRight(result)).toBe(true);
    const [stored] = await eventsOf();
    expect(stored).toMatchObject({
      id: 'eeeeeeee-0000-4000-8000-000000000001',
      type: 'ValueClaimed',
      revision: 0n,
      data: claimed(ann).data,
      metadata: metadataOf(),
    });
    expect(valueOf(result)).toEqual({
      events: [stored],
      state: { holderId: ann },
      nextExpectedRevision: 0n,
      position: stored!.globalPosition,
    });
    expect(appends).toEqual([{ streamName: stream, expectedRevision: 'no_stream', eventCount: 1 }]);
  });

  it('appends after the revision it read, several events at once', async () => {
    const { deps, appends, write } = setup();
    await write(stream, claimed(ann));
    const result = await handleCommand(
      deps,
      testDecider,
      stream,
      { type: 'Reassign', to: bob },
      context,
    )();
    const value = valueOf(result);
    expect(value).toMatchObject({ state: { holderId: bob }, nextExpectedRevision: 2n });
    expect(E.isRight(result) && result.right.events.map((e) => [e.type, e.revision])).toEqual([
      ['ValueReleased', 1n],
      ['ValueClaimed', 2n],
    ]);
    expect(appends[0]?.expectedRevision).toBe(0n);
  });

  it('appends nothing when the decider refuses, and returns its DomainError', async () => {
    const { deps, appends, write, eventsOf } = setup();
    await write(stream, claimed(ann));
    const result = await handleCommand(deps, claimDecider, stream, claim(bob), context)();
    expect(result).toEqual(
      E.left({
        kind: 'DomainRefusal',
        error: expect.objectContaining({ kind: 'RuleViolation', rule: 'R5.2' }),
      }),
    );
    expect(appends).toEqual([]);
    expect(await eventsOf()).toHaveLength(1);
  });

  it('succeeds without appending when the command decides nothing', async () => {
    const { deps, appends, write, eventsOf } = setup();
    await write(stream, claimed(ann));
    const [existing] = await eventsOf();
    const again = await handleCommand(deps, claimDecider, stream, claim(ann), context)();
    expect(again).toEqual(
      E.right({
        events: [],
        state: { holderId: ann },
        nextExpectedRevision: 0n,
        position: existing!.globalPosition,
      }),
    );
    const missing = streams.claim('email', account, 'nobody@example.com');
    const release = {
      type: 'ReleaseValue',
      accountId: account,
      kind: 'email',
      holderId: ann,
    } as const;
    const nothing = await handleCommand(deps, claimDecider, missing, release, context)();
    expect(nothing).toEqual(
      E.right({
        events: [],
        state: { holderId: null },
        nextExpectedRevision: 'no_stream',
        position: undefined,
      }),
    );
    expect(appends).toEqual([]);
  });
});

describe('R5.2 a conflicting writer makes the handler decide again', () => {
  it('reloads after a conflict and decides against what the other writer appended', async () => {
    let raced = false;
    const { deps, appends, write, eventsOf } = setup({
      beforeAppend: async () => {
        if (!raced) await write(stream, claimed(bob));
        raced = true;
      },
    });
    const result = await handleCommand(deps, claimDecider, stream, claim(ann), context)();
    expect(result).toEqual(
      E.left({ kind: 'DomainRefusal', error: expect.objectContaining({ rule: 'R5.2' }) }),
    );
    expect(appends).toHaveLength(1);
    expect((await eventsOf()).map((e) => e.data)).toEqual([claimed(bob).data]);
  });

  it('appends after the other writer when the command still applies', async () => {
    let raced = false;
    const { deps, appends, write, eventsOf } = setup({
      beforeAppend: async () => {
        if (!raced) await write(stream, claimed(bob));
        raced = true;
      },
    });
    const result = await handleCommand(
      deps,
      testDecider,
      stream,
      { type: 'Reassign', to: carl },
      context,
    )();
    expect(valueOf(result)).toMatchObject({ state: { holderId: carl }, nextExpectedRevision: 2n });
    expect(appends.map((a) => a.expectedRevision)).toEqual(['no_stream', 0n]);
    expect((await eventsOf()).map((e) => e.data)).toEqual([
      claimed(bob).data,
      released(bob).data,
      claimed(carl).data,
    ]);
  });

  it('gives up with a ConcurrencyConflict after a bounded number of attempts', async () => {
    let n = 0;
    const { deps, appends, write, eventsOf } = setup({
      beforeAppend: () => write(stream, claimed([ann, bob][n++ % 2]!)),
    });
    const result = await handleCommand(
      deps,
      testDecider,
      stream,
      { type: 'Reassign', to: carl },
      context,
      {
        maxAttempts: 3,
      },
    )();
    expect(result).toEqual(
      E.left({ kind: 'ConcurrencyConflict', streamName: stream, attempts: 3 }),
    );
    expect(appends).toHaveLength(3);
    expect(
      (await eventsOf()).every((e) => (e.data as { holder_id: string }).holder_id !== carl),
    ).toBe(true);
  });
});

describe('a pinned revision (If-Match)', () => {
  const pinned = (expectedRevision: HandleOptions['expectedRevision']) => ({ expectedRevision });

  it('fails at once with StaleVersion when the stream has moved on, appending nothing', async () => {
    const { deps, appends, write } = setup();
    await write(stream, claimed(ann), released(ann));
    const result = await handleCommand(
      deps,
      claimDecider,
      stream,
      claim(bob),
      context,
      pinned(0n),
    )();
    expect(result).toEqual(
      E.left({ kind: 'StaleVersion', streamName: stream, expected: 0n, actual: 1n }),
    );
    const missing = await handleCommand(
      deps,
      claimDecider,
      streams.claim('email', account, 'new@example.com'),
      claim(bob),
      context,
      pinned(0n),
    )();
    expect(missing).toMatchObject(
      E.left({ kind: 'StaleVersion', expected: 0n, actual: 'no_stream' }),
    );
    expect(appends).toEqual([]);
  });

  it('appends with the pinned revision when it is current', async () => {
    const { deps, appends, write } = setup();
    await write(stream, claimed(ann), released(ann));
    const result = await handleCommand(
      deps,
      claimDecider,
      stream,
      claim(bob),
      context,
      pinned(1n),
    )();
    expect(valueOf(result)).toMatchObject({ nextExpectedRevision: 2n, state: { holderId: bob } });
    expect(appends.map((a) => a.expectedRevision)).toEqual([1n]);
  });

  it('does not retry when another writer gets in between its read and its append', async () => {
    const { deps, appends, write, eventsOf } = setup({
      beforeAppend: () => write(stream, claimed(carl)),
    });
    const result = await handleCommand(
      deps,
      claimDecider,
      stream,
      claim(bob),
      context,
      pinned('no_stream'),
    )();
    expect(result).toEqual(
      E.left({ kind: 'StaleVersion', streamName: stream, expected: 'no_stream', actual: 0n }),
    );
    expect(appends).toHaveLength(1);
    expect(await eventsOf()).toHaveLength(1);
  });
});
