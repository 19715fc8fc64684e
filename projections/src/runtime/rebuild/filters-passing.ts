import type { EventFilter } from '@helpdesk/event-store';
import { wants } from '../projected-event';

/** A prefix that is a category: one `-`, at its end (`ticket-`). */
const isCategory = (prefix: string): boolean => prefix.indexOf('-') === prefix.length - 1;

/** categories remembered at most: a log whose names have no categories is tested name by name */
const maxCategories = 1000;

/**
 * Which of `filters` pass a stream, as their indexes. A prefix that is a category passes a stream
 * exactly when it is the stream's category (its name up to its first `-`). So when every prefix is
 * one (every projection's is), the answer is worked out once per category, not for each of a
 * million events against each prefix; otherwise each stream is tested.
 */
export const filtersPassing = (
  filters: ReadonlyArray<EventFilter>,
): ((streamName: string) => ReadonlyArray<number>) => {
  const passing = (name: string): ReadonlyArray<number> =>
    filters.flatMap((filter, i) => (wants(filter, name) ? [i] : []));
  if (!filters.every((f) => f.streamPrefixes.every(isCategory))) return passing;
  const byCategory = new Map<string, ReadonlyArray<number>>();
  return (streamName) => {
    const dash = streamName.indexOf('-');
    if (dash === -1) return passing(streamName);
    const category = streamName.slice(0, dash + 1);
    let known = byCategory.get(category);
    if (known === undefined) {
      known = passing(category);
      if (byCategory.size < maxCategories) byCategory.set(category, known);
    }
    return known;
  };
};
