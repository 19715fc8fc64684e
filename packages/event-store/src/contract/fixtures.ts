import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { EventStore, EventToAppend, JsonObject, StoreError } from '../port';

/** The store under test, opened once per adapter by the suite. */
export type StoreUnderTest = () => EventStore;

/**
 * Stream names no other test uses: `<root>order-1`, `<root>ticket-1`, ... Tests filter on their
 * root, so they hold on a store that other tests (or earlier runs) have already written to.
 */
export const freshStreams = () => {
  const root = `contract${randomUUID().replace(/-/g, '')}_`;
  return { root, name: (category: string, n = 1) => `${root}${category}-${n}` };
};

export const anEvent = (
  type = 'ThingHappened',
  data: JsonObject = {},
  metadata: JsonObject = {},
): EventToAppend => ({ id: randomUUID(), type, data, metadata });

export const someEvents = (count: number, type = 'ThingHappened'): EventToAppend[] =>
  Array.from({ length: count }, (_, n) => anEvent(type, { n }));

const describe = (value: unknown) =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

export const succeeds = async <A>(task: TE.TaskEither<StoreError, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`expected success, got ${describe(result.left)}`);
  return result.right;
};

export const fails = async <A>(task: TE.TaskEither<StoreError, A>): Promise<StoreError> => {
  const result = await task();
  if (E.isRight(result)) throw new Error(`expected a failure, got ${describe(result.right)}`);
  return result.left;
};

/** The store's head before a test writes, so that the test reads only what follows it. */
export const headOf = (store: EventStore) => succeeds(store.headPosition());
