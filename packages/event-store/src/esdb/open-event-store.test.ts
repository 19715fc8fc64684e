import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { openEventStore } from '../open-event-store';
import { startEsdbTestServer } from './test-server/server';

describe('openEventStore with an esdb:// address', () => {
  it('opens the EventStoreDB adapter on that server', async () => {
    const server = await startEsdbTestServer();
    const store = await openEventStore({ EVENT_STORE_URL: server.connectionString });
    try {
      const event = { id: randomUUID(), type: 'Opened', data: {}, metadata: {} };
      expect(E.isRight(await store.appendToStream('ticket-1', [event])())).toBe(true);
      expect(server.log.readAll({ from: 'start', direction: 'forwards', count: 10 })).toEqual([
        expect.objectContaining({ id: event.id, streamName: 'ticket-1' }),
      ]);
    } finally {
      await store.close();
      await server.stop();
    }
  });
});
