import { Client, type ClientConfig, type Notification } from 'pg';
import type { ChangeNotifier } from '../subscription';
import type { SchemaName } from './schema-name';

/** The channel `append_events` notifies on; the payload is the schema that grew. */
export const appendChannel = 'helpdesk_event_store';

export interface AppendListener {
  /** connects if not yet connected; later calls do nothing */
  start(): void;
  stop(): Promise<void>;
}

/**
 * LISTENs on a connection of its own (a pooled one would lose its LISTEN when returned) and turns
 * each NOTIFY for `schema` into `changes.notify()`, so subscribers wake when another process
 * appends. A lost connection is re-made after `retryDelayMs`; each time LISTEN is in place it
 * notifies once, because anything appended while nobody listened was announced to no one.
 */
export const appendListener = (
  config: ClientConfig,
  schema: SchemaName,
  changes: ChangeNotifier,
  retryDelayMs = 1000,
): AppendListener => {
  let started = false;
  let stopped = false;
  let client: Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const onNotification = (message: Notification) => {
    if (message.channel === appendChannel && message.payload === schema) changes.notify();
  };

  const retryLater = (failed: Client) => {
    if (client === failed) client = undefined;
    failed.removeAllListeners();
    failed.on('error', () => undefined);
    void failed.end().catch(() => undefined);
    if (stopped || retry !== undefined) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, retryDelayMs);
  };

  const connect = async () => {
    const candidate = new Client(config);
    candidate.on('notification', onNotification);
    candidate.on('error', () => retryLater(candidate));
    candidate.on('end', () => retryLater(candidate));
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${appendChannel}`);
    } catch {
      retryLater(candidate);
      return;
    }
    if (stopped) {
      await candidate.end().catch(() => undefined);
      return;
    }
    client = candidate;
    changes.notify();
  };

  return {
    start: () => {
      if (started || stopped) return;
      started = true;
      void connect();
    },
    stop: async () => {
      stopped = true;
      if (retry !== undefined) clearTimeout(retry);
      const current = client;
      client = undefined;
      if (current !== undefined) {
        current.removeAllListeners();
        current.on('error', () => undefined);
        await current.end().catch(() => undefined);
      }
    },
  };
};
