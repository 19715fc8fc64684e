import * as E from 'fp-ts/Either';
import type { Decider, Decision } from '@helpdesk/domain';

/**
 * A decider that decides several commands of one stream as one: each against the state the ones
 * before it produced. Their events are appended together or not at all, so a request that changes
 * several things (a name and a plan) is refused as a whole when any part is refused.
 */
export const inSequence = <Command, Event, State>(
  decider: Decider<Command, Event, State>,
): Decider<ReadonlyArray<Command>, Event, State> => ({
  initialState: decider.initialState,
  evolve: decider.evolve,
  decide: (commands, state): Decision<Event> => {
    let current = state;
    const decided: Event[] = [];
    for (const command of commands) {
      const decision = decider.decide(command, current);
      if (E.isLeft(decision)) return decision;
      decided.push(...decision.right);
      current = decision.right.reduce(decider.evolve, current);
    }
    return E.right(decided);
  },
});
