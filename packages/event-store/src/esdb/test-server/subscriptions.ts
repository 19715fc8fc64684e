/**
 * Catch-up subscriptions to `$all`, in EventStoreDB's order: a confirmation, the events after
 * the start position (exclusive), a caught-up marker, then live events. A filtered subscription
 * also reports a checkpoint every `multiplier × window` events it scans.
 */
import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import type { ServerWritableStream } from '@grpc/grpc-js';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { InMemoryLog, LoggedEvent } from './log';
import { allFrom, eventResponse } from './wire';

type Matcher = (event: LoggedEvent) => boolean;

const DEFAULT_SEARCH_WINDOW = 32;

const textMatcher = (
  expression: ReadReq.Options.FilterOptions.Expression,
): ((text: string) => boolean) => {
  const prefixes = expression.getPrefixList();
  if (prefixes.length > 0) return (text) => prefixes.some((prefix) => text.startsWith(prefix));
  const regex = new RegExp(expression.getRegex());
  return (text) => regex.test(text);
};

const matcher = (filter: ReadReq.Options.FilterOptions | undefined): Matcher => {
  const onStream = filter?.getStreamIdentifier();
  if (onStream !== undefined) {
    const matches = textMatcher(onStream);
    return (event) => matches(event.streamName);
  }
  const onType = filter?.getEventType();
  if (onType !== undefined) {
    const matches = textMatcher(onType);
    return (event) => matches(event.type);
  }
  return () => true;
};

const checkpointInterval = (filter: ReadReq.Options.FilterOptions): number =>
  Math.max(1, filter.getCheckpointintervalmultiplier()) *
  (filter.hasMax() ? filter.getMax() : DEFAULT_SEARCH_WINDOW);

const checkpoint = (event: LoggedEvent): ReadResp =>
  new ReadResp().setCheckpoint(
    new ReadResp.Checkpoint()
      .setCommitPosition(event.position.toString())
      .setPreparePosition(event.position.toString()),
  );

/** Ends a live subscription with an error, as a failing server would. */
export type Drop = () => void;

export const subscribe = (
  log: InMemoryLog,
  live: Set<Drop>,
  call: ServerWritableStream<ReadReq, ReadResp>,
  options: ReadReq.Options,
): void => {
  const all = options.getAll();
  if (all === undefined)
    return void call.emit('error', {
      code: status.UNIMPLEMENTED,
      details: 'only $all subscriptions',
    });
  const from = allFrom(all);
  const after = from === 'start' ? undefined : from === 'end' ? log.headPosition() : from;
  const filter = options.getFilter();
  const matches = matcher(filter);
  const interval = filter === undefined ? Infinity : checkpointInterval(filter);
  let scanned = 0;
  const deliver = (event: LoggedEvent) => {
    if (matches(event)) call.write(eventResponse(event));
    scanned += 1;
    if (scanned % interval === 0) call.write(checkpoint(event));
  };

  call.write(
    new ReadResp().setConfirmation(
      new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID()),
    ),
  );
  const { backlog, unsubscribe } = log.subscribe(after, deliver);
  backlog.forEach(deliver);
  call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
  const drop = () =>
    call.emit('error', { code: status.UNAVAILABLE, details: 'subscription dropped' });
  live.add(drop);
  const stop = () => {
    unsubscribe();
    live.delete(drop);
  };
  call.on('cancelled', stop);
  call.on('close', stop);
  call.on('finish', stop);
};
