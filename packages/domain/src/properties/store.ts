import type { Decider } from '../shared/decider';

/**
 * The streams of one aggregate type, each kept as its events and the fold of them with the
 * decider's own `evolve`: what an event store plus "load the stream" give the application.
 */
export class Streams<Command, Event, State> {
  private readonly entries = new Map<string, { events: Event[]; state: State }>();

  constructor(
    readonly name: string,
    readonly decider: Decider<Command, Event, State>,
  ) {}

  state(key: string): State {
    const entry = this.entries.get(key);
    return entry === undefined ? this.decider.initialState() : entry.state;
  }

  events(key: string): ReadonlyArray<Event> {
    return this.entries.get(key)?.events ?? [];
  }

  keys(): ReadonlyArray<string> {
    return [...this.entries.keys()];
  }

  append(key: string, events: ReadonlyArray<Event>): void {
    if (events.length === 0) return;
    const entry = this.entries.get(key) ?? { events: [], state: this.decider.initialState() };
    entry.events.push(...events);
    entry.state = events.reduce(this.decider.evolve, entry.state);
    this.entries.set(key, entry);
  }
}
