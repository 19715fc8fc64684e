import { EventStoreDBClient } from '@eventstore/db-client';
import { followEventFeed } from './follow-event-feed';
import { followEventStoreDb } from './follow-event-store-db';
import type { EventHandler } from './followed-event';
import { startRequesterCounts } from './requester-counts';
import type { RequesterChange } from './requester-tally';

const usage = `Follows helpdesk-core's ticket events and keeps each requester's ticket count.
  HELPDESK_URL=http://localhost:3000 HELPDESK_TOKEN=<an admin's token>   the API's event feed
  ESDB_CONNECTION_STRING=esdb://localhost:2113?tls=false                  or EventStoreDB's $all
  HELPDESK_ACCOUNT_ID=<uuid>        with EventStoreDB: count this account only (optional)
  CHECKPOINT_FILE=<path>            the saved counts, ./requester-counts.json by default`;

type Source =
  | { readonly kind: 'esdb'; readonly connectionString: string }
  | { readonly kind: 'feed'; readonly url: string; readonly token: string };

const sourceOf = (env: NodeJS.ProcessEnv): Source | undefined => {
  const connectionString = env['ESDB_CONNECTION_STRING'];
  const url = env['HELPDESK_URL'];
  const token = env['HELPDESK_TOKEN'];
  if (connectionString !== undefined) return { kind: 'esdb', connectionString };
  if (url !== undefined && token !== undefined) return { kind: 'feed', url, token };
  return undefined;
};

const print = (change: RequesterChange) =>
  console.log(
    change.from === null
      ? `ticket ${change.ticketId} opened for ${change.to}`
      : `ticket ${change.ticketId}: requester ${change.from} -> ${change.to} (${change.why})`,
  );

const onDisconnect = (reason: string) => console.error(`disconnected (${reason}); resuming`);

const follow = async (source: Source, handler: EventHandler, signal: AbortSignal) => {
  switch (source.kind) {
    case 'feed':
      return followEventFeed({
        url: source.url,
        token: source.token,
        handler,
        signal,
        onDisconnect,
      });
    case 'esdb': {
      const client = EventStoreDBClient.connectionString(source.connectionString);
      try {
        // the ticket streams only: the server filters, this service decodes what it is sent
        return await followEventStoreDb({
          client,
          prefixes: ['ticket-'],
          handler,
          signal,
          onDisconnect,
        });
      } finally {
        await client.dispose();
      }
    }
    default: {
      const unknownSource: never = source;
      throw new Error(`unknown source ${JSON.stringify(unknownSource)}`);
    }
  }
};

/** `node services/subscriber-example/dist/main.js`: follows until SIGINT or SIGTERM. */
const run = async (env: NodeJS.ProcessEnv): Promise<number> => {
  const source = sourceOf(env);
  if (source === undefined) {
    console.error(usage);
    return 2;
  }
  const accountId = env['HELPDESK_ACCOUNT_ID'];
  const counts = await startRequesterCounts({
    checkpointFile: env['CHECKPOINT_FILE'] ?? 'requester-counts.json',
    report: print,
    ...(accountId === undefined ? {} : { accountId }),
  });
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => controller.abort());
  await follow(source, counts.handler, controller.signal);
  await counts.flush();
  for (const [requester, tickets] of counts.ticketsPerRequester())
    console.log(`${requester}: ${tickets} ticket(s)`);
  return 0;
};

run(process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(String(error));
    process.exit(1);
  },
);
