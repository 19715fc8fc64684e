/** What the command handler's tests share: a claim stream, a tiny decider, a recording store. */
import * as E from 'fp-ts/Either';
import {
  assertNever,
  claimDecider,
  type ClaimState,
  type Decider,
  type Decision,
} from '@helpdesk/domain';
import { streams, type ClaimEvent } from '@helpdesk/events';
import { createMemoryEventStore, type EventToAppend } from '@helpdesk/event-store';
import { fixedClock, instrumentedStore, sequentialIds, type StoreHooks } from '../testing';
import type { CommandContext } from './context';

export const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const account = id(1);
export const [ann, bob, carl] = [id(2), id(3), id(4)];
export const stream = streams.claim('email', account, 'ann@example.com');
export const context: CommandContext = {
  accountId: account,
  actor: { type: 'user', id: ann },
  correlationId: 'req-1',
  causationId: 'msg-7',
  via: { channel: 'api', rel: null },
};

export const claimed = (holder: string): ClaimEvent => ({
  type: 'ValueClaimed',
  data: { account_id: account, kind: 'email', holder_id: holder },
});
export const released = (holder: string): ClaimEvent => ({
  type: 'ValueReleased',
  data: { account_id: account, kind: 'email', holder_id: holder },
});

/** A tiny decider over claim events that decides two events at once, or a malformed one. */
export type TestCommand =
  { readonly type: 'Reassign'; readonly to: string } | { readonly type: 'Scribble' };
export const testDecider: Decider<TestCommand, ClaimEvent, ClaimState> = {
  initialState: claimDecider.initialState,
  evolve: claimDecider.evolve,
  decide: (command, { holderId }): Decision<ClaimEvent> => {
    switch (command.type) {
      case 'Reassign':
        if (holderId === command.to) return E.right([]);
        return E.right([...(holderId === null ? [] : [released(holderId)]), claimed(command.to)]);
      case 'Scribble':
        return E.right([claimed('not-a-uuid')]);
      default:
        return assertNever(command);
    }
  },
};

export const claim = (holderId: string) =>
  ({ type: 'ClaimValue', accountId: account, kind: 'email', holderId }) as const;

export const setup = (hooks: StoreHooks = {}) => {
  const clock = fixedClock('2026-11-21T10:00:00.000Z');
  const memory = createMemoryEventStore({ now: clock.now });
  const { store, appends } = instrumentedStore(memory, hooks);
  const deps = { eventStore: store, clock, ids: sequentialIds() };
  const write = async (name: string, ...events: ClaimEvent[]) => {
    const toAppend: EventToAppend[] = events.map((event, n) => ({
      id: id(900 + n),
      type: event.type,
      data: event.data,
      metadata: { ...metadataOf(), schema_version: 1 },
    }));
    const result = await memory.appendToStream(name, toAppend)();
    if (E.isLeft(result)) throw new Error('setup append failed');
  };
  const eventsOf = async (name = stream) => {
    const result = await memory.readStream(name)();
    return E.isRight(result) ? result.right : [];
  };
  return { memory, deps, appends, write, eventsOf };
};

export const metadataOf = () => ({
  account_id: account,
  actor: { type: 'user' as const, id: ann },
  correlation_id: 'req-1',
  causation_id: 'msg-7',
  occurred_at: '2026-11-21T10:00:00.000Z',
  via: { channel: 'api' as const, rel: null },
  schema_version: 1,
});

export const valueOf = <A, B>(result: E.Either<A, B>): A | B =>
  E.isLeft(result) ? result.left : result.right;
