import * as E from 'fp-ts/Either';
import { replayLog, type AppError, type LogReplay } from '@helpdesk/application';
import { streams } from '@helpdesk/events';
import type { EventStore, SqlSession, StoreError } from '@helpdesk/event-store';
import type { ReadModelError } from '../read-model/query';
import { readCheckpoint, type Checkpoint } from '../runtime/checkpoints';
import { ticketsProjection } from '../tickets/projection';
import {
  differencesOf,
  replayedColumns,
  type TicketColumns,
  type TicketDifference,
} from './columns';
import { ticketRow, ticketRowsAfter } from './read-model-rows';

export interface VerifyProgress {
  readonly phase: 'replaying' | 'comparing' | 'rechecking';
  /** events of the log read so far */
  readonly events: number;
  readonly tickets: number;
  /** read-model rows compared so far */
  readonly rows: number;
}

export interface VerifyOptions {
  readonly store: Pick<EventStore, 'readAll' | 'readStream'>;
  /** the read models' database, its `search_path` at `schema` */
  readonly session: SqlSession;
  /** the live read-model schema, where the tickets projection keeps its checkpoint */
  readonly schema: string;
  /** events per read of the log, rows per read of the table; 5,000 when absent */
  readonly pageSize?: number;
  /** awaited */
  readonly onProgress?: (progress: VerifyProgress) => void | Promise<void>;
}

export interface VerifyReport {
  /** the log was replayed through the tickets projection's checkpoint: the point its rows stand at */
  readonly position: Checkpoint;
  readonly events: number;
  readonly tickets: number;
  readonly rows: number;
  /** every disagreement, by ticket id then in the table's column order */
  readonly differences: ReadonlyArray<TicketDifference>;
}

export type VerifyError =
  StoreError | ReadModelError | { readonly kind: 'NotProjected'; readonly message: string };

const corruptDifference = (ticketId: string, error: AppError): TicketDifference => ({
  ticketId,
  column: 'stream',
  readModel: null,
  replayed:
    error.kind === 'CorruptStream'
      ? `event ${error.eventId} at revision ${error.revision} does not decode: ${error.error.message}`
      : error.kind,
});

const columnsOf = (replay: LogReplay, ticketId: string): TicketColumns | undefined => {
  const ticket = replay.tickets.get(ticketId);
  return ticket?.exists === true ? replayedColumns(ticket) : undefined;
};

const compared = (
  replay: LogReplay,
  ticketId: string,
  readModel: TicketColumns | undefined,
): ReadonlyArray<TicketDifference> => {
  const corrupt = replay.corrupt.get(ticketId);
  return corrupt === undefined
    ? differencesOf(ticketId, readModel, columnsOf(replay, ticketId))
    : [corruptDifference(ticketId, corrupt)];
};

const checkpointOf = async (
  session: SqlSession,
  schema: string,
): Promise<E.Either<VerifyError, Checkpoint>> => {
  try {
    const record = await readCheckpoint(session, schema, ticketsProjection.name);
    return record === undefined
      ? E.left({
          kind: 'NotProjected',
          message: `no ${ticketsProjection.name} projection in ${schema}`,
        })
      : E.right(record.position);
  } catch (cause) {
    return E.left({
      kind: 'NotProjected',
      message: `the read models of ${schema} cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`,
    });
  }
};

/** Replays every ticket stream from the log, in one pass, through `through`. */
const replayThrough = async (
  options: VerifyOptions,
  through: Checkpoint,
  pageSize: number,
): Promise<E.Either<StoreError, { replay: LogReplay; read: number }>> => {
  const replay = replayLog();
  let read = 0;
  let after: bigint | undefined;
  while (through !== undefined) {
    const page = await options.store.readAll({ after, maxCount: pageSize })();
    if (E.isLeft(page)) return page;
    for (const recorded of page.right) {
      if (recorded.globalPosition > through) return E.right({ replay, read });
      read += 1;
      replay.take(recorded);
    }
    await options.onProgress?.({
      phase: 'replaying',
      events: read,
      tickets: replay.tickets.size,
      rows: 0,
    });
    const last = page.right[page.right.length - 1];
    if (last === undefined || page.right.length < pageSize) break;
    after = last.globalPosition;
  }
  return E.right({ replay, read });
};

/** One ticket again, from its own stream through `through`, against its row as it is now. */
const recheck = async (
  options: VerifyOptions,
  ticketId: string,
  through: bigint,
): Promise<E.Either<VerifyError, ReadonlyArray<TicketDifference>>> => {
  const history = await options.store.readStream(streams.ticket(ticketId))();
  if (E.isLeft(history)) return history;
  const replay = replayLog();
  for (const recorded of history.right)
    if (recorded.globalPosition <= through) replay.take(recorded);
  const row = await ticketRow(options.session, ticketId);
  if (E.isLeft(row)) return row;
  return E.right(compared(replay, ticketId, row.right?.columns));
};

/**
 * `helpdesk verify`: replays every ticket from the event store and compares it, column by column,
 * with the `tickets` read model, listing every difference (a ticket missing on one side is one
 * `row` difference; a stream that does not decode, one `stream` difference). The log is replayed
 * through the projection's checkpoint, the point its rows stand at. On a live system the
 * projection moves on meanwhile: each ticket found different is replayed again from its stream
 * through the checkpoint as it then is, against its row as it then is, and only what still differs
 * is reported.
 */
export const verifyTickets = async (
  options: VerifyOptions,
): Promise<E.Either<VerifyError, VerifyReport>> => {
  const pageSize = options.pageSize ?? 5000;
  const position = await checkpointOf(options.session, options.schema);
  if (E.isLeft(position)) return position;
  const replayed = await replayThrough(options, position.right, pageSize);
  if (E.isLeft(replayed)) return replayed;
  const { replay, read } = replayed.right;

  const differences: TicketDifference[] = [];
  const seen = new Set<string>();
  let rows = 0;
  let afterId: string | undefined;
  for (;;) {
    const page = await ticketRowsAfter(options.session, afterId, pageSize);
    if (E.isLeft(page)) return page;
    for (const row of page.right) {
      seen.add(row.id);
      differences.push(...compared(replay, row.id, row.columns));
    }
    rows += page.right.length;
    await options.onProgress?.({
      phase: 'comparing',
      events: read,
      tickets: replay.tickets.size,
      rows,
    });
    if (page.right.length < pageSize) break;
    afterId = page.right[page.right.length - 1]!.id;
  }
  const unseen = [...replay.tickets.keys(), ...replay.corrupt.keys()].filter((id) => !seen.has(id));
  for (const id of [...new Set(unseen)].sort())
    differences.push(...compared(replay, id, undefined));

  const settled = await settle(options, position.right, differences, read, replay, rows);
  if (E.isLeft(settled)) return settled;
  return E.right({
    position: position.right,
    events: read,
    tickets: replay.tickets.size,
    rows,
    differences: [...settled.right].sort((a, b) =>
      a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0,
    ),
  });
};

/** Rechecks the differing tickets if the projection has moved on since the replay began. */
const settle = async (
  options: VerifyOptions,
  position: Checkpoint,
  differences: ReadonlyArray<TicketDifference>,
  events: number,
  replay: LogReplay,
  rows: number,
): Promise<E.Either<VerifyError, ReadonlyArray<TicketDifference>>> => {
  if (differences.length === 0) return E.right(differences);
  const now = await checkpointOf(options.session, options.schema);
  if (E.isLeft(now)) return now;
  const moved = now.right;
  if (moved === undefined || (position !== undefined && moved <= position))
    return E.right(differences);
  await options.onProgress?.({ phase: 'rechecking', events, tickets: replay.tickets.size, rows });
  const settled: TicketDifference[] = [];
  for (const id of [...new Set(differences.map((d) => d.ticketId))]) {
    const again = await recheck(options, id, moved);
    if (E.isLeft(again)) return again;
    settled.push(...again.right);
  }
  return E.right(settled);
};
