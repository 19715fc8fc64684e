import * as E from 'fp-ts/Either';
import { EventRow, decodeRows } from './rows';

const row = {
  global_position: '9007199254740993',
  stream_name: 'ticket-1',
  revision: '0',
  event_id: '6f1c0d2e-8a4b-4c1d-9e2f-3a4b5c6d7e8f',
  type: 'TicketCreated',
  data: { subject: 'Printer' },
  metadata: { actor: { type: 'agent' } },
  recorded_at: String(Date.UTC(2026, 10, 21, 21, 40, 0, 123)),
};

const faultOf = (fields: Record<string, unknown>): string => {
  const decoded = decodeRows(EventRow, [row, { ...row, ...fields }]);
  if (E.isRight(decoded) || decoded.left.kind !== 'StoreUnavailable')
    throw new Error('a row that does not fit was decoded');
  return decoded.left.message;
};

describe('EventRow: a row of the log decoded into the event it records', () => {
  it('keeps positions past 2^53 exact, and reads the timestamp as milliseconds in text or as a Date', () => {
    const decoded = decodeRows(EventRow, [row, { ...row, recorded_at: new Date(0) }]);
    expect(decoded).toEqual(
      E.right([
        {
          id: row.event_id,
          type: 'TicketCreated',
          streamName: 'ticket-1',
          revision: 0n,
          globalPosition: 9007199254740993n,
          data: row.data,
          metadata: row.metadata,
          recordedAt: new Date('2026-11-21T21:40:00.123Z'),
        },
        expect.objectContaining({ recordedAt: new Date(0) }),
      ]),
    );
  });

  it('refuses the whole page for one row that does not fit, naming the row and its column', () => {
    expect(faultOf({ global_position: '12.5' })).toBe(
      'unexpected rows from the event store at 1.global_position',
    );
    expect(faultOf({ revision: 3 })).toMatch(/at 1\.revision$/);
    expect(faultOf({ stream_name: null })).toMatch(/at 1\.stream_name$/);
    expect(faultOf({ event_id: undefined })).toMatch(/at 1\.event_id$/);
    expect(faultOf({ type: 7 })).toMatch(/at 1\.type$/);
    expect(faultOf({ recorded_at: 'yesterday' })).toMatch(/at 1\.recorded_at$/);
    expect(faultOf({ recorded_at: '2026-11-21T21:40:00Z' })).toMatch(/at 1\.recorded_at$/);
    expect(faultOf({ recorded_at: '99999999999999999999' })).toMatch(/at 1\.recorded_at$/);
  });

  it('refuses a row that is not an object', () => {
    expect(E.isLeft(decodeRows(EventRow, [null]))).toBe(true);
    expect(E.isLeft(decodeRows(EventRow, ['row']))).toBe(true);
  });
});
