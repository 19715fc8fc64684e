/**
 * The two well-known protobuf types the server builds itself (`Any` for error details, `Empty`
 * for oneof markers), loaded from the very `google-protobuf` copy that the client's generated code
 * uses: a second copy would make messages of one unreadable by the other. Resolving from the
 * client's folder keeps this true under pnpm and inside jest's module registry alike.
 */

import { dirname } from 'node:path';
import type { BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { Status } from '@eventstore/db-client/generated/status_pb';

/** Their types, as the generated code declares them. */
export type AnyMessage = NonNullable<ReturnType<Status['getDetails']>>;
export type EmptyMessage = NonNullable<ReturnType<BatchAppendResp['getNoStream']>>;

const clientFolder = dirname(require.resolve('@eventstore/db-client/package.json'));

const wellKnown = <T>(file: 'any_pb' | 'empty_pb', name: string): new () => T => {
  const path = require.resolve(`google-protobuf/google/protobuf/${file}`, {
    paths: [clientFolder],
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the path is only known at run time
  const module = require(path) as Record<string, new () => T>;
  const constructor = module[name];
  if (constructor === undefined) throw new Error(`google-protobuf has no ${name}`);
  return constructor;
};

export const Any: new () => AnyMessage = wellKnown<AnyMessage>('any_pb', 'Any');
export const Empty: new () => EmptyMessage = wellKnown<EmptyMessage>('empty_pb', 'Empty');
