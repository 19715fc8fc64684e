import * as E from 'fp-ts/Either';
import { defaultSchemaName, SchemaName } from './schema-name';

/** Settings a caller chooses, shared by both openers. */
export interface OpenOptions {
  /** where the tables live; `event_store` when absent */
  readonly schema?: string;
  readonly groupCommit?: {
    readonly maxEventsPerCall?: number;
    readonly maxCallsInFlight?: number;
  };
  /** subscriptions read this many events per page; 500 when absent */
  readonly pageSize?: number;
}

/** Opening is outside the port: a bad setting is a startup failure, so it throws. */
export const schemaNameOf = (options: OpenOptions): SchemaName => {
  const decoded = SchemaName.decode(options.schema ?? defaultSchemaName);
  if (E.isLeft(decoded))
    throw new Error(
      `event-store schema "${options.schema}" must be a lower-case identifier (a-z, 0-9, _)`,
    );
  return decoded.right;
};
