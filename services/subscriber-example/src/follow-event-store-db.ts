import { START, streamNameFilter } from '@eventstore/db-client';
import type { AllStreamRecordedEvent, EventStoreDBClient } from '@eventstore/db-client';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { decodeEvent } from '@helpdesk/events';
import { FollowFailed, type EventHandler, type FollowedEvent } from './followed-event';
import { pause } from './pause';

export interface EventStoreDbOptions {
  readonly client: EventStoreDBClient;
  /** the stream categories to follow, as name prefixes the server filters on: `['ticket-']` */
  readonly prefixes: ReadonlyArray<string>;
  readonly handler: EventHandler;
  /** aborting it stops following */
  readonly signal: AbortSignal;
  /** the pause before subscribing again after a failure; 1 s when absent */
  readonly retryMs?: number;
  /** told why the subscription was lost; following goes on */
  readonly onDisconnect?: (reason: string) => void;
}

/** Metadata written as JSON comes back parsed; anything else is bytes to parse here. */
const json = (value: unknown): unknown => {
  if (!(value instanceof Uint8Array)) return value;
  try {
    return JSON.parse(Buffer.from(value).toString('utf8'));
  } catch {
    return value;
  }
};

const followedEvent = (recorded: AllStreamRecordedEvent): FollowedEvent =>
  pipe(
    decodeEvent({
      type: recorded.type,
      data: json(recorded.data),
      metadata: json(recorded.metadata),
    }),
    E.map(({ event, metadata }) => ({
      position: recorded.position.commit,
      streamName: recorded.streamId,
      event,
      metadata,
    })),
    E.getOrElseW((error) => {
      throw new FollowFailed(`${recorded.streamId}@${recorded.revision}: ${error.message}`);
    }),
  );

/**
 * Follows EventStoreDB's `$all` from the handler's position on, keeping only the streams whose
 * names start with one of the prefixes (the server does the filtering), until the signal aborts.
 * helpdesk-core's global position is the event's commit position, so one checkpoint serves both
 * sources. A subscription that fails is started again after the last event handled; an event
 * that does not decode stops it with `FollowFailed`.
 */
export const followEventStoreDb = async (options: EventStoreDbOptions): Promise<void> => {
  const { client, handler, signal } = options;
  const retryMs = options.retryMs ?? 1000;
  while (!signal.aborted) {
    const after = handler.position();
    const subscription = client.subscribeToAll({
      // a subscription starts after its position, never at it
      fromPosition: after === undefined ? START : { commit: after, prepare: after },
      filter: streamNameFilter({ prefixes: [...options.prefixes] }),
    });
    const stop = () => void subscription.unsubscribe();
    signal.addEventListener('abort', stop, { once: true });
    try {
      for await (const resolved of subscription) {
        if (resolved.event === undefined) continue;
        await handler.handle(followedEvent(resolved.event));
      }
      if (!signal.aborted) options.onDisconnect?.('the subscription ended');
    } catch (error) {
      if (error instanceof FollowFailed) throw error;
      if (!signal.aborted) options.onDisconnect?.(String(error));
    } finally {
      signal.removeEventListener('abort', stop);
      await subscription.unsubscribe().catch(() => undefined);
    }
    await pause(retryMs, signal);
  }
};
