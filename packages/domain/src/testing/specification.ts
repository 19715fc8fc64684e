import * as E from 'fp-ts/Either';
import type { Decider } from '../shared/decider';
import type { RuleId } from '../shared/domain-error';

/**
 * Given/when/then for deciders: `given(...events).when(command).then(...events)` or
 * `.thenRefuses('R1.5')`. The given events are folded with the decider's own `evolve`.
 */
export const specification = <Command, Event, State>(decider: Decider<Command, Event, State>) => {
  const given = (...history: ReadonlyArray<Event>) => ({
    when: (command: Command) => {
      const decide = () =>
        decider.decide(command, history.reduce(decider.evolve, decider.initialState()));
      return {
        then: (...expected: ReadonlyArray<Event>) => expect(decide()).toEqual(E.right(expected)),
        thenNothingHappens: () => expect(decide()).toEqual(E.right([])),
        thenRefuses: (rule: RuleId) => {
          const result = decide();
          expect(E.isLeft(result) ? result.left : result).toMatchObject({
            kind: 'RuleViolation',
            rule,
          });
        },
        thenForbids: (rule: RuleId | null = null) => {
          const result = decide();
          expect(E.isLeft(result) ? result.left : result).toMatchObject({
            kind: 'Forbidden',
            rule,
          });
        },
        thenNotFound: () => {
          const result = decide();
          expect(E.isLeft(result) ? result.left : result).toMatchObject({ kind: 'NotFound' });
        },
        thenAlreadyExists: () => {
          const result = decide();
          expect(E.isLeft(result) ? result.left : result).toMatchObject({ kind: 'AlreadyExists' });
        },
        /** for assertions the shapes above do not cover */
        result: decide,
      };
    },
  });
  return { given };
};
