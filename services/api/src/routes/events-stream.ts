import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type express from 'express';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { EventStore, RecordedEvent, Subscription } from '@helpdesk/event-store';
import { authenticateUser, type AuthDeps } from '../auth/authenticate';
import { scopeOf, type UserPrincipal } from '../auth/principal';
import { decodeInput } from '../http/decoding';
import { forbidden, httpErrorOf, type ApiError } from '../http/errors';
import { requestStateOf } from '../http/request-context';
import { admins } from '../http/route';
import { GlobalPosition, belongsTo, feedEventJson } from './events';

/**
 * `GET /events/stream`: the account's events as server-sent events, catch-up then live, from the
 * store's `subscribeToAll`. Each event's `id:` is its global position, so that a client that
 * reconnects with `Last-Event-ID` (or `?after=`) gets every later event of its account once, in
 * order, including those appended while it was away. Comment lines keep proxies from closing a
 * quiet stream; each one also moves the client's last id past the other accounts' events read
 * since (an `id:` line without data), so that a reconnect does not read them again.
 */

export interface EventStreamDeps extends AuthDeps {
  readonly basePath: string;
  readonly eventStore: EventStore;
  readonly rateLimited: (scope: string) => number | undefined;
  readonly logger: Logger;
  /** how often a comment line goes out; 15 s when absent */
  readonly heartbeatMs?: number;
}

/** The feeds open on this server. */
export interface EventStreams {
  readonly openCount: () => number;
  /** Ends every open feed and closes its subscription: the server is stopping. */
  readonly closeAll: () => Promise<void>;
}

export const eventStreamPath = '/events/stream';
const defaultHeartbeatMs = 15_000;
/** how long an EventSource waits before it reconnects */
const reconnectMs = 2_000;

const StreamQuery = t.exact(t.partial({ after: GlobalPosition }), 'EventStreamQuery');

/**
 * Where the feed starts: after `Last-Event-ID` when the client sends one (an EventSource
 * reconnecting repeats the URL of its first request, `?after=` included), else after `?after=`,
 * else at the start of the log. Both are checked: a bad value is 400, never a guess.
 */
const startOf = (req: Request): E.Either<ApiError, bigint | undefined> =>
  pipe(
    decodeInput(StreamQuery)(req.query),
    E.chain((query) => {
      const lastEventId = req.get('last-event-id')?.trim();
      return lastEventId === undefined || lastEventId === ''
        ? E.right(query.after)
        : decodeInput(GlobalPosition, 'Last-Event-ID')(lastEventId);
    }),
  );

const admitted = (deps: EventStreamDeps, req: Request, res: Response) =>
  pipe(
    authenticateUser(deps, req.get('authorization')),
    TE.chainFirstEitherK((principal): E.Either<ApiError, void> => {
      const state = requestStateOf(res);
      state.accountId = principal.accountId;
      state.userId = principal.user.id;
      const retryAfter = deps.rateLimited(scopeOf(principal));
      if (retryAfter !== undefined)
        return E.left({ kind: 'TooManyRequests', retryAfterSeconds: retryAfter });
      return admins.includes(principal.user.role)
        ? E.right(undefined)
        : E.left(forbidden(`This is for ${admins.join(' and ')} users only`));
    }),
    TE.chainEitherK((principal) =>
      pipe(
        startOf(req),
        E.map((after) => ({ principal, after })),
      ),
    ),
  );

const refuse = (res: Response, apiError: ApiError, logger: Logger): void => {
  const error = httpErrorOf(apiError);
  if (error.internal !== undefined)
    logger.error(
      { request_id: requestStateOf(res).requestId, problem: error.internal },
      'request failed',
    );
  res
    .status(error.status)
    .set(error.headers ?? {})
    .json(error.body);
};

const eventFrame = (event: RecordedEvent): string =>
  `id: ${event.globalPosition}\ndata: ${JSON.stringify(feedEventJson(event))}\n\n`;

/** Resolves when the response can take more, or is gone. */
const drained = (res: Response) =>
  new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
    if (res.destroyed) done();
  });

interface Feed {
  readonly end: () => Promise<void>;
}

const openFeed = (
  res: Response,
  subscription: Subscription,
  principal: UserPrincipal,
  after: bigint | undefined,
  options: { readonly heartbeatMs: number; readonly logger: Logger; readonly onEnd: () => void },
): Feed => {
  const ours = belongsTo(principal.accountId);
  let ending: Promise<void> | undefined;
  // the last position read from the subscription, and the last the client was given as an id
  let lastRead = after;
  let lastGiven = after;
  const write = (frame: string): boolean => ending !== undefined || res.write(frame);

  // Every block of lines ends in a blank line, which makes the client take the block's id as its
  // last: the first block names the start, so that no later block can reset it to none.
  write(`retry: ${reconnectMs}\n${after === undefined ? '' : `id: ${after}\n`}\n`);
  const heartbeat = setInterval(() => {
    const checkpoint = lastRead !== lastGiven ? `id: ${lastRead}\n` : '';
    lastGiven = lastRead;
    write(`: heartbeat\n${checkpoint}\n`);
  }, options.heartbeatMs);

  // however many ask (the client leaving, the server stopping, the pump ending), it ends once
  const end = () =>
    (ending ??= (async () => {
      clearInterval(heartbeat);
      await subscription.close();
      if (!res.writableEnded) res.end();
      options.onEnd();
    })());
  res.on('close', () => void end());

  const pump = async () => {
    try {
      for await (const message of subscription) {
        if (ending !== undefined) break;
        if (message.kind === 'caught_up') {
          write(': caught up\n\n');
          continue;
        }
        lastRead = message.event.globalPosition;
        if (!ours(message.event)) continue;
        lastGiven = lastRead;
        if (!write(eventFrame(message.event))) await drained(res);
      }
    } catch (error) {
      options.logger.error({ err: String(error) }, 'event stream failed');
    } finally {
      await end();
    }
  };
  void pump();
  return { end };
};

/** Registers `GET <base>/events/stream` on the app; the result ends its feeds when the server stops. */
export const mountEventStream = (app: express.Express, deps: EventStreamDeps): EventStreams => {
  const feeds = new Set<Feed>();
  const heartbeatMs = deps.heartbeatMs ?? defaultHeartbeatMs;
  app.get(`${deps.basePath}${eventStreamPath}`, async (req, res) => {
    requestStateOf(res).route = `${deps.basePath}${eventStreamPath}`;
    const outcome = await admitted(deps, req, res)();
    if (E.isLeft(outcome)) return refuse(res, outcome.left, deps.logger);
    const { principal, after } = outcome.right;
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx and others would otherwise hold the events back
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    const feed = openFeed(
      res,
      deps.eventStore.subscribeToAll(after === undefined ? {} : { after }),
      principal,
      after,
      { heartbeatMs, logger: deps.logger, onEnd: () => feeds.delete(feed) },
    );
    feeds.add(feed);
    // the client may have left while the request was being admitted: no 'close' will come
    if (res.destroyed || req.socket.destroyed) void feed.end();
  });
  return {
    openCount: () => feeds.size,
    closeAll: async () => {
      await Promise.all([...feeds].map((feed) => feed.end()));
    },
  };
};
