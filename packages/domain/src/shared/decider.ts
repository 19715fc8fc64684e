import type { Decision } from './decision';

/**
 * An aggregate as a pure decider (after Emmett and Jérémie Chassaing): its state is the fold of its
 * events, and a command is decided against that state into new events or a refusal.
 */
export interface Decider<Command, Event, State> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (command: Command, state: State) => Decision<Event>;
}

export const fold = <Event, State>(
  decider: Pick<Decider<never, Event, State>, 'initialState' | 'evolve'>,
  events: ReadonlyArray<Event>,
): State => events.reduce(decider.evolve, decider.initialState());

/** Makes a `switch` exhaustive: adding a variant without a branch fails to compile. */
export const assertNever = (value: never): never => {
  throw new Error(`unexpected variant ${JSON.stringify(value)}`);
};
