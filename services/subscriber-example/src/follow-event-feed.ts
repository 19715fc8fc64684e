import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import { decodeEvent, decodeWith } from '@helpdesk/events';
import { FollowFailed, type EventHandler, type FollowedEvent } from './followed-event';
import { pause } from './pause';
import { SseParser, type SseMessage } from './sse-parser';

/** One event of `GET /api/v2/events/stream`, as the API sends it. */
const FeedEvent = t.type(
  {
    id: t.string,
    type: t.string,
    stream: t.string,
    revision: t.number,
    global_position: t.number,
    data: t.unknown,
    metadata: t.unknown,
  },
  'FeedEvent',
);

export interface EventFeedOptions {
  /** the helpdesk API, `http://localhost:3000` */
  readonly url: string;
  /** an admin's API token */
  readonly token: string;
  readonly handler: EventHandler;
  /** aborting it stops following */
  readonly signal: AbortSignal;
  /** the pause before reconnecting, until the server names its own; 1 s when absent */
  readonly retryMs?: number;
  /** told why the connection was lost; following goes on */
  readonly onDisconnect?: (reason: string) => void;
}

const position = (id: string): bigint => {
  if (!/^\d{1,19}$/.test(id)) throw new FollowFailed(`the feed sent id ${JSON.stringify(id)}`);
  return BigInt(id);
};

/** The event a message carries, decoded and upcast by `@helpdesk/events`; a stop when it cannot be. */
const followedEvent = (message: { readonly id: string; readonly data: string }): FollowedEvent => {
  let json: unknown;
  try {
    json = JSON.parse(message.data);
  } catch {
    throw new FollowFailed(`event ${message.id} is not JSON`);
  }
  return pipe(
    decodeWith(FeedEvent, `event ${message.id}`)(json),
    E.chainW((feed) =>
      pipe(
        decodeEvent(feed),
        E.map(({ event, metadata }) => ({
          position: position(message.id),
          streamName: feed.stream,
          event,
          metadata,
        })),
      ),
    ),
    E.getOrElseW((error) => {
      throw new FollowFailed(error.message);
    }),
  );
};

/**
 * Follows the account's events over server-sent events, from the handler's position on, until the
 * signal aborts. A lost connection is resumed with `Last-Event-ID` after the last event handled
 * (or skipped past); a refusal (400, 401, 403) or an event that does not decode stops it with
 * `FollowFailed`: skipping an event would leave the counts wrong without anyone knowing.
 */
export const followEventFeed = async (options: EventFeedOptions): Promise<void> => {
  const { handler, signal } = options;
  let retryMs = options.retryMs ?? 1000;
  const onMessage = async (message: SseMessage) => {
    switch (message.kind) {
      case 'retry':
        retryMs = message.ms;
        return;
      case 'id':
        if (message.id !== '') await handler.skipTo(position(message.id));
        return;
      case 'message':
        await handler.handle(followedEvent(message));
        return;
      default: {
        const unknownMessage: never = message;
        throw new FollowFailed(`unknown message ${JSON.stringify(unknownMessage)}`);
      }
    }
  };

  while (!signal.aborted) {
    try {
      const after = handler.position();
      const response = await fetch(new URL('/api/v2/events/stream', options.url), {
        headers: {
          Authorization: `Bearer ${options.token}`,
          Accept: 'text/event-stream',
          ...(after === undefined ? {} : { 'Last-Event-ID': after.toString() }),
        },
        signal,
      });
      if ([400, 401, 403].includes(response.status))
        throw new FollowFailed(`the feed refused: ${response.status} ${await response.text()}`);
      if (response.status !== 200 || response.body === null)
        throw new Error(`the feed answered ${response.status}`);
      const parser = new SseParser();
      const decoder = new TextDecoder();
      for await (const chunk of response.body)
        for (const message of parser.push(decoder.decode(chunk, { stream: true })))
          await onMessage(message);
      options.onDisconnect?.('the feed ended');
    } catch (error) {
      if (error instanceof FollowFailed) throw error;
      if (signal.aborted) return;
      options.onDisconnect?.(String(error));
    }
    await pause(retryMs, signal);
  }
};
