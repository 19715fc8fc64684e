import fc from 'fast-check';
import type { EventFilter } from '@helpdesk/event-store';
import { wants } from '../projected-event';
import { filtersPassing } from './filters-passing';

/** stream names made of a few parts, so that prefixes and names share their beginnings often */
const part = fc.constantFrom('ticket', 'user', 'tick', 'et', '', 'a', '-', '--', 'x-y');
const name = fc.array(part, { maxLength: 4 }).map((parts) => parts.join(''));
const filter = fc
  .array(name, { minLength: 1, maxLength: 3 })
  .map((streamPrefixes): EventFilter => ({ streamPrefixes }));
const categoryFilter = fc
  .array(fc.constantFrom('ticket-', 'user-', 'tick-', 'et-', '-'), { minLength: 1, maxLength: 3 })
  .map((streamPrefixes): EventFilter => ({ streamPrefixes }));

const direct = (filters: ReadonlyArray<EventFilter>, streamName: string): number[] =>
  filters.flatMap((f, i) => (wants(f, streamName) ? [i] : []));

describe('which filters pass a stream, worked out once per category', () => {
  it.each([
    ['when every prefix is a category', categoryFilter],
    ['whatever the prefixes', filter],
  ])('answers as testing every prefix would, %s', (_, filters) =>
    fc.assert(
      fc.property(fc.array(filters, { maxLength: 4 }), fc.array(name), (chosen, names) => {
        const passing = filtersPassing(chosen);
        // twice each: the second answer comes from what the first remembered
        for (const streamName of [...names, ...names])
          expect(passing(streamName)).toEqual(direct(chosen, streamName));
      }),
    ),
  );

  it('tells the projections of ticket streams from those of user streams', () => {
    const passing = filtersPassing([
      { streamPrefixes: ['ticket-'] },
      { streamPrefixes: ['user-', 'ticket-'] },
      { streamPrefixes: ['user-'] },
    ]);
    expect(passing('ticket-1f0c')).toEqual([0, 1]);
    expect(passing('user-9a2b')).toEqual([1, 2]);
    expect(passing('tickets-1')).toEqual([]);
    expect(passing('ticket')).toEqual([]);
  });
});
