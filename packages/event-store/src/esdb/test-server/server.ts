/**
 * A wire-compatible EventStoreDB for tests: an in-process gRPC server that implements what
 * `@eventstore/db-client` calls, on that client's own generated service definitions. Test-only:
 * never exported from the package, never imported by product code.
 */
import { Server, ServerCredentials } from '@grpc/grpc-js';
import type { handleUnaryCall } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@eventstore/db-client/generated/serverfeatures_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { InMemoryLog } from './log';
import { append, batchAppend, tombstone } from './appends';
import { read } from './reads';
import type { Drop } from './subscriptions';

export interface TestServerOptions {
  /** advertise Streams.BatchAppend (as EventStoreDB 21.10 and later do); the client then prefers it */
  readonly batchAppend?: boolean;
}

export interface EsdbTestServer {
  /** `esdb://127.0.0.1:<port>?tls=false` */
  readonly connectionString: string;
  readonly log: InMemoryLog;
  /** Ends every live subscription with UNAVAILABLE, as a failing server would. */
  dropSubscriptions(): void;
  stop(): Promise<void>;
}

const SERVICE = 'event_store.client.streams.Streams';

const supportedMethods =
  (batch: boolean): handleUnaryCall<Empty, SupportedMethods> =>
  (_call, callback) => {
    const names = ['Read', 'Append', 'Tombstone', ...(batch ? ['BatchAppend'] : [])];
    const methods = names.map((name) =>
      new SupportedMethod().setServiceName(SERVICE).setMethodName(name),
    );
    callback(
      null,
      new SupportedMethods().setEventStoreServerVersion('23.10.0').setMethodsList(methods),
    );
  };

export const startEsdbTestServer = async (
  options: TestServerOptions = {},
): Promise<EsdbTestServer> => {
  const log = new InMemoryLog();
  const subscriptions = new Set<Drop>();
  const server = new Server();
  server.addService(ServerFeaturesService, {
    getSupportedMethods: supportedMethods(options.batchAppend ?? true),
  });
  server.addService(StreamsService, {
    read: read(log, subscriptions),
    append: append(log),
    batchAppend: batchAppend(log),
    tombstone: tombstone(log),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    log,
    dropSubscriptions: () => [...subscriptions].forEach((drop) => drop()),
    // Subscriptions and the shared BatchAppend stream never end on their own: cut them.
    stop: async () => server.forceShutdown(),
  };
};
