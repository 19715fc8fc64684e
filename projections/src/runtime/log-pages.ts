import * as E from 'fp-ts/Either';
import type { EventStore, RecordedEvent, StoreError } from '@helpdesk/event-store';
import { laterOf, type Checkpoint } from './checkpoints';

export interface LogPage {
  readonly events: ReadonlyArray<RecordedEvent>;
  /**
   * The log has been read through here: the last event of a full page; for a short page, at
   * least the head seen before reading it (positions follow commit order: nothing can appear
   * below a head once seen).
   */
  readonly through: Checkpoint;
  /** fewer events than asked for: the head was reached */
  readonly reachedHead: boolean;
  /** the head of the log seen just before the page was read */
  readonly head: Checkpoint;
}

export interface PageOptions {
  readonly after: Checkpoint;
  readonly pageSize: number;
  /**
   * whether the next page is read while the caller works on this one (true when absent). A caller
   * that may wait long between pages says no: a page read ahead would wait with it, decoded, in
   * memory.
   */
  readonly readAhead?: boolean;
}

type Source = Pick<EventStore, 'readAll' | 'headPosition'>;

const unexpected = (cause: unknown): StoreError => ({
  kind: 'StoreUnavailable',
  message: `reading the log failed: ${cause instanceof Error ? cause.message : String(cause)}`,
  cause,
});

/**
 * The whole log is read, with no filter: projections skip the events they do not read without
 * decoding them, and every event moves their checkpoints. A store-side filter would save reading
 * a few streams at most, and a prefix filter can cost the PostgreSQL store a sort per page.
 */
const readPage = async (
  source: Source,
  after: Checkpoint,
  pageSize: number,
): Promise<E.Either<StoreError, LogPage>> => {
  try {
    const head = await source.headPosition()();
    if (E.isLeft(head)) return head;
    const read = await source.readAll({ after, maxCount: pageSize })();
    if (E.isLeft(read)) return read;
    const events = read.right;
    const last = events[events.length - 1]?.globalPosition ?? after;
    const reachedHead = events.length < pageSize;
    return E.right({
      events,
      reachedHead,
      head: head.right,
      through: reachedHead ? laterOf(last, head.right) : last,
    });
  } catch (cause) {
    return E.left(unexpected(cause));
  }
};

/**
 * The log after `after`, page by page, up to the head. The next page is read while the caller
 * works on this one (unless `readAhead` is false), so reading and writing overlap; never more than
 * two pages are held, so memory stays flat however long the log. A failed read ends the pages with
 * its error.
 */
export async function* logPages(
  source: Source,
  options: PageOptions,
): AsyncGenerator<E.Either<StoreError, LogPage>, void, undefined> {
  const readAhead = options.readAhead ?? true;
  let next = readPage(source, options.after, options.pageSize);
  for (;;) {
    const page = await next;
    const more = E.isRight(page) && !page.right.reachedHead;
    if (more && readAhead) next = readPage(source, page.right.through, options.pageSize);
    yield page;
    if (!more) return;
    if (!readAhead) next = readPage(source, page.right.through, options.pageSize);
  }
}
