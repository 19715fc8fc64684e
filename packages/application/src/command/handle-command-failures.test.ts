import * as E from 'fp-ts/Either';
import { claimDecider } from '@helpdesk/domain';
import type { EventToAppend } from '@helpdesk/event-store';
import { handleCommand } from './handle-command';
import {
  account,
  ann,
  claim,
  claimed,
  context,
  id,
  metadataOf,
  released,
  setup,
  stream,
  testDecider,
} from './handle-command.fixtures';

describe('what the handler will not read or write', () => {
  const corruptCases: ReadonlyArray<[string, Partial<EventToAppend>, string]> = [
    [
      'a field of the wrong shape',
      { data: { account_id: account, kind: 'email', holder_id: 7 } },
      'data.holder_id',
    ],
    ['an unknown event type', { type: 'ValueStolen' }, 'type'],
    [
      'an event of another stream category',
      { type: 'TicketArchived', data: { ticket_id: ann } },
      'type',
    ],
    [
      'bad metadata',
      { metadata: { ...metadataOf(), occurred_at: 'yesterday' } },
      'metadata.occurred_at',
    ],
  ];

  it.each(corruptCases)(
    'reports a stored event with %s as a corrupt stream',
    async (_, change, path) => {
      const { memory, deps, write } = setup();
      await write(stream, claimed(ann));
      const bad = {
        id: id(950),
        type: 'ValueReleased',
        data: released(ann).data,
        metadata: metadataOf(),
        ...change,
      };
      await memory.appendToStream(stream, [bad])();
      const result = await handleCommand(deps, claimDecider, stream, claim(ann), context)();
      expect(result).toEqual(
        E.left({
          kind: 'CorruptStream',
          streamName: stream,
          revision: 1n,
          eventId: id(950),
          error: expect.objectContaining({ issues: [expect.objectContaining({ path })] }),
        }),
      );
    },
  );

  it('refuses to append an event the log could not decode back', async () => {
    const { deps, appends } = setup();
    const scribbled = await handleCommand(
      deps,
      testDecider,
      stream,
      { type: 'Scribble' },
      context,
    )();
    expect(scribbled).toMatchObject(
      E.left({
        kind: 'InvalidEvent',
        type: 'ValueClaimed',
        error: { issues: [{ path: 'data.holder_id' }] },
      }),
    );
    const badContext = { ...context, correlationId: ' ' };
    const result = await handleCommand(deps, claimDecider, stream, claim(ann), badContext)();
    expect(result).toMatchObject(
      E.left({ kind: 'InvalidEvent', error: { issues: [{ path: 'metadata.correlation_id' }] } }),
    );
    expect(appends).toEqual([]);
  });

  it('reports a store that cannot be reached as StoreUnavailable', async () => {
    const { memory, deps } = setup();
    await memory.close();
    const result = await handleCommand(deps, claimDecider, stream, claim(ann), context)();
    expect(result).toMatchObject(E.left({ kind: 'StoreUnavailable' }));
  });
});
