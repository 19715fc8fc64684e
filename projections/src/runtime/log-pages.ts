import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
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

/** A page read event by event (`readPageEach`): where it ends, and how many events it held. */
export type PageEnd = Omit<LogPage, 'events'> & { readonly read: number };

/**
 * The whole log is read, with no filter: projections skip the events they do not read without
 * decoding them, and every event moves their checkpoints. A store-side filter would save reading
 * a few streams at most, and a prefix filter can cost the PostgreSQL store a sort per page.
 * `each` is handed every event as it is read (as it arrives where the store can: `readAllEach`),
 * and must not throw.
 */
export const readPageEach = async (
  source: Source & Pick<EventStore, 'readAllEach'>,
  after: Checkpoint,
  pageSize: number,
  each: (event: RecordedEvent) => void,
): Promise<E.Either<StoreError, PageEnd>> => {
  try {
    const head = await source.headPosition()();
    if (E.isLeft(head)) return head;
    let last = after;
    const options = { after, maxCount: pageSize };
    const read =
      source.readAllEach === undefined
        ? await TE.map((events: ReadonlyArray<RecordedEvent>) => {
            for (const event of events) {
              last = event.globalPosition;
              each(event);
            }
            return events.length;
          })(source.readAll(options))()
        : await source.readAllEach(options, (event) => {
            last = event.globalPosition;
            each(event);
          })();
    if (E.isLeft(read)) return read;
    const reachedHead = read.right < pageSize;
    return E.right({
      read: read.right,
      reachedHead,
      head: head.right,
      through: reachedHead ? laterOf(last, head.right) : last,
    });
  } catch (cause) {
    return E.left(unexpected(cause));
  }
};

const readPage = async (
  source: Source,
  after: Checkpoint,
  pageSize: number,
): Promise<E.Either<StoreError, LogPage>> => {
  const events: RecordedEvent[] = [];
  const end = await readPageEach(source, after, pageSize, (event) => events.push(event));
  return E.map(({ through, reachedHead, head }: PageEnd) => ({
    events,
    through,
    reachedHead,
    head,
  }))(end);
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
