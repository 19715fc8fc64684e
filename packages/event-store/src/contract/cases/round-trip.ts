import type { JsonObject } from '../../port';
import { anEvent, freshStreams, headOf, succeeds } from '../fixtures';
import type { StoreUnderTest } from '../fixtures';

const data: JsonObject = {
  ticket_id: '0b6c3a52-2f43-4a7c-9d0e-0f1a2b3c4d5e',
  subject: 'Écran noir — « urgent » 🚨',
  count: 42,
  ratio: -0.125,
  flag: false,
  nothing: null,
  tags: ['a', 'b', ''],
  nested: { deeper: { list: [1, { x: 'y' }, [true, null]] }, empty: {} },
  empty_list: [],
  quote: 'she said "hi"\nthen\tleft \\',
};
const metadata: JsonObject = {
  account_id: '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
  actor: { type: 'user', id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' },
  correlation_id: 'req-1',
  causation_id: null,
  via: { channel: 'api', rel: null },
  schema_version: 1,
};

/** What goes in comes out, and nobody can change the log through the objects they hold. */
export const roundTripContract = (store: StoreUnderTest) => {
  describe('recorded events', () => {
    it('round-trip ids, types, data and metadata exactly', async () => {
      const streams = freshStreams();
      const stream = streams.name('order');
      const events = [anEvent('TicketCreated', data, metadata), anEvent('Empty', {}, {})];
      const head = await headOf(store());
      await succeeds(store().appendToStream(stream, events));
      const readAt = Date.now();
      const [first, second] = await succeeds(store().readStream(stream));
      for (const [read, written] of [
        [first!, events[0]!],
        [second!, events[1]!],
      ] as const) {
        expect(read.id).toBe(written.id);
        expect(read.type).toBe(written.type);
        expect(read.data).toEqual(written.data);
        expect(read.metadata).toEqual(written.metadata);
        expect(read.recordedAt).toBeInstanceOf(Date);
        expect(Number.isNaN(read.recordedAt.getTime())).toBe(false);
        expect(read.recordedAt.getTime()).toBeLessThanOrEqual(readAt + 60_000);
      }
      const fromLog = await succeeds(
        store().readAll({ after: head, filter: { streamPrefixes: [streams.root] } }),
      );
      expect(fromLog.map((e) => [e.id, e.data, e.metadata])).toEqual(
        events.map((e) => [e.id, e.data, e.metadata]),
      );
    });

    it('cannot be changed by mutating what was appended or what was read', async () => {
      const stream = freshStreams().name('order');
      const event = anEvent('Changed', { list: [1], inner: { a: 'b' } }, { m: { k: 'v' } });
      await succeeds(store().appendToStream(stream, [event]));
      (event.data.list as number[]).push(2);
      (event.metadata.m as JsonObject).k = 'changed';
      const [read] = await succeeds(store().readStream(stream));
      (read!.data as { inner: JsonObject }).inner.a = 'changed';
      const [again] = await succeeds(store().readStream(stream));
      expect(again!.data).toEqual({ list: [1], inner: { a: 'b' } });
      expect(again!.metadata).toEqual({ m: { k: 'v' } });
    });
  });
};
