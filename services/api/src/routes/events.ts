import * as E from 'fp-ts/Either';
import { flow, pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { fromStoreError } from '@helpdesk/application';
import type { EventStore, RecordedEvent, StoreError } from '@helpdesk/event-store';
import { Uuid } from '@helpdesk/events';
import type { ApiEnv } from '../env';
import { fromAppError } from '../http/errors';
import { reply } from '../http/reply';
import { admins, userRoute, type Route } from '../http/route';

/**
 * The event log for services that cannot reach the event store (api.md, "Events and
 * operations"): `GET /events` pages through it, `GET /events/stream` (events-stream.ts) follows it
 * live. Both show a caller only the events of their own account, and only to admins: the log holds
 * everything the account's API keeps from agents (settings, integrations, every user's addresses).
 */

const maxPosition = 2n ** 63n - 1n;

/** A global position as the API spells it: a decimal integer from 0 to 2^63 - 1. */
export const GlobalPosition = new t.Type<bigint, string, unknown>(
  'a global position (an integer from 0)',
  (u): u is bigint => typeof u === 'bigint',
  (u, c) =>
    typeof u === 'string' && /^\d{1,19}$/.test(u) && BigInt(u) <= maxPosition
      ? t.success(BigInt(u))
      : t.failure(u, c),
  String,
);

export const maxFeedLimit = 1000;
const defaultFeedLimit = 100;

const FeedLimit = new t.Type<number, string, unknown>(
  `an integer from 1 to ${maxFeedLimit}`,
  (u): u is number => typeof u === 'number',
  (u, c) => {
    if (typeof u !== 'string' || !/^\d{1,4}$/.test(u)) return t.failure(u, c);
    const n = Number(u);
    return n >= 1 && n <= maxFeedLimit ? t.success(n) : t.failure(u, c);
  },
  String,
);

export const EventsQuery = t.exact(
  t.partial({ after: GlobalPosition, limit: FeedLimit }),
  'EventsQuery',
);

// the one field the feed relies on: whose event it is
const AccountScoped = t.type({ account_id: Uuid });

/**
 * Whether an event is the account's, by its metadata's `account_id`. An event whose metadata does
 * not say is no one's: it is never shown rather than shown to the wrong account.
 */
export const belongsTo =
  (accountId: Uuid) =>
  (event: RecordedEvent): boolean => {
    const scoped = AccountScoped.decode(event.metadata);
    return E.isRight(scoped) && scoped.right.account_id === accountId;
  };

/** An event as the feed shows it, as it was stored (api.md). */
export const feedEventJson = (event: RecordedEvent) => ({
  id: event.id,
  type: event.type,
  stream: event.streamName,
  revision: Number(event.revision),
  global_position: Number(event.globalPosition),
  data: event.data,
  metadata: event.metadata,
});

/** Events read from the store per round trip, and at most per request, looking for the account's. */
const scanBatch = 500;
const scanBudget = 10 * scanBatch;

export interface FeedPage {
  readonly events: ReadonlyArray<RecordedEvent>;
  /** the last position looked at: the next page starts after it */
  readonly cursor: bigint | undefined;
  /** false once the page reached the end of the log */
  readonly hasMore: boolean;
}

/**
 * Up to `limit` of the account's events after `after`. The log interleaves accounts, so a page
 * reads on until it has `limit` events, reaches the end of the log, or has looked at
 * `scanBudget` events; the cursor is the last position looked at, so that the next page does
 * not look at them again, and a page may hold fewer events than `limit` with more to come.
 */
export const accountEventsPage = (
  store: Pick<EventStore, 'readAll'>,
  accountId: Uuid,
  after: bigint | undefined,
  limit: number,
): TE.TaskEither<StoreError, FeedPage> => {
  const ours = belongsTo(accountId);
  return async () => {
    const events: RecordedEvent[] = [];
    let cursor = after;
    let scanned = 0;
    while (scanned < scanBudget) {
      const read = await store.readAll({ after: cursor, maxCount: scanBatch })();
      if (E.isLeft(read)) return read;
      for (const event of read.right) {
        cursor = event.globalPosition;
        scanned += 1;
        if (ours(event)) events.push(event);
        if (events.length === limit) {
          const lastOfLog = read.right.length < scanBatch && event === read.right.at(-1);
          return E.right({ events, cursor, hasMore: !lastOfLog });
        }
      }
      if (read.right.length < scanBatch) return E.right({ events, cursor, hasMore: false });
    }
    return E.right({ events, cursor, hasMore: true });
  };
};

/** `links.next` repeats the request after the cursor; `meta.after_cursor` is the cursor itself. */
const pageBody = (page: FeedPage, url: () => URL) => {
  const cursor = page.cursor === undefined ? null : page.cursor.toString();
  let next: string | null = null;
  if (page.hasMore && cursor !== null) {
    const nextUrl = url();
    nextUrl.searchParams.set('after', cursor);
    next = nextUrl.href;
  }
  return {
    events: page.events.map(feedEventJson),
    meta: { has_more: page.hasMore, after_cursor: cursor },
    links: { next },
  };
};

export const eventRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'get',
    path: '/events',
    roles: admins,
    query: EventsQuery,
    handle: ({ principal, query, url }) =>
      pipe(
        accountEventsPage(
          env.commands.eventStore,
          principal.accountId,
          query.after,
          query.limit ?? defaultFeedLimit,
        ),
        TE.bimap(flow(fromStoreError, fromAppError()), (page) => reply(200, pageBody(page, url))),
      ),
  }),
];
