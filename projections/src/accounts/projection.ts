import { isAccountEvent } from '../read-model/events';
import { runAll, whenAny } from '../read-model/multi-row';
import type { Projection } from '../runtime/projection';
import { foldAccountBatch } from './fold';
import { accountsSchema } from './schema';
import { insertAccounts, insertOwnerTransfers, updateAccounts } from './write';

/** `accounts` and `account_owner_transfers`: each account's owner, plan and settings (R4). */
export const accountsProjection: Projection = {
  name: 'accounts',
  filter: { streamPrefixes: ['account-'] },
  tables: ['accounts', 'account_owner_transfers'],
  schema: accountsSchema,
  apply: async (session, events) => {
    const batch = foldAccountBatch(events.filter(isAccountEvent));
    await runAll(session, [
      whenAny(batch.created, insertAccounts),
      whenAny(batch.changed, updateAccounts),
      whenAny(batch.transfers, insertOwnerTransfers),
    ]);
  },
};
