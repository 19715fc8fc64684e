import * as E from 'fp-ts/Either';
import type { EventStore } from '../port';

/** Tests' events: `count` events of type `Happened` appended to `stream`; the position of the last. */
export const appendHappened = async (
  store: EventStore,
  stream: string,
  count = 1,
): Promise<bigint> => {
  const events = Array.from({ length: count }, (_, i) => ({
    id: crypto.randomUUID(),
    type: 'Happened',
    data: { n: i },
    metadata: {},
  }));
  const appended = await store.appendToStream(stream, events)();
  if (E.isLeft(appended)) throw new Error(appended.left.kind);
  return appended.right.position;
};
