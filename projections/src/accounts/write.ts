import { column, insertRows, unnestSource, type Statement } from '../read-model/multi-row';
import type { AccountPatch, AccountRow, OwnerTransferRow } from './fold';

const rowColumns = [
  column<AccountRow>('id', 'uuid', (a) => a.id),
  column<AccountRow>('name', 'text', (a) => a.name),
  column<AccountRow>('plan', 'text', (a) => a.plan),
  column<AccountRow>('owner_id', 'uuid', (a) => a.ownerId),
  column<AccountRow>('default_organization_id', 'uuid', (a) => a.defaultOrganizationId),
  column<AccountRow>('settings', 'jsonb', (a) => a.settings),
  column<AccountRow>('version', 'bigint', (a) => a.version.toString()),
  column<AccountRow>('created_at', 'timestamptz', (a) => a.createdAt),
  column<AccountRow>('updated_at', 'timestamptz', (a) => a.updatedAt),
];

export const insertAccounts = (rows: ReadonlyArray<AccountRow>): Statement =>
  insertRows('accounts', rowColumns, rows, 'ON CONFLICT (id) DO NOTHING');

const patchColumns = [
  column<AccountPatch>('id', 'uuid', (p) => p.id),
  column<AccountPatch>('name', 'text', (p) => p.name),
  column<AccountPatch>('plan', 'text', (p) => p.plan),
  column<AccountPatch>('owner_id', 'uuid', (p) => p.ownerId),
  // null leaves the settings as they are: it must arrive as SQL NULL, so it travels as text
  column<AccountPatch>('settings', 'text', (p) =>
    p.settings === null ? null : JSON.stringify(p.settings),
  ),
  column<AccountPatch>('version', 'bigint', (p) => p.version.toString()),
  column<AccountPatch>('updated_at', 'timestamptz', (p) => p.updatedAt),
];

export const updateAccounts = (patches: ReadonlyArray<AccountPatch>): Statement => {
  const source = unnestSource(patchColumns, patches, 'p');
  return {
    text: `UPDATE accounts AS a SET
      name = coalesce(p.name, a.name),
      plan = coalesce(p.plan, a.plan),
      owner_id = coalesce(p.owner_id, a.owner_id),
      settings = coalesce(p.settings::jsonb, a.settings),
      version = p.version,
      updated_at = p.updated_at
    FROM ${source.text} WHERE a.id = p.id`,
    params: source.params,
  };
};

const transferColumns = [
  column<OwnerTransferRow>('account_id', 'uuid', (t) => t.accountId),
  column<OwnerTransferRow>('global_position', 'bigint', (t) => t.globalPosition.toString()),
  column<OwnerTransferRow>('event_id', 'uuid', (t) => t.eventId),
  column<OwnerTransferRow>('previous_owner_id', 'uuid', (t) => t.previousOwnerId),
  column<OwnerTransferRow>('owner_id', 'uuid', (t) => t.ownerId),
  column<OwnerTransferRow>('transferred_by', 'uuid', (t) => t.transferredBy),
  column<OwnerTransferRow>('correlation_id', 'text', (t) => t.correlationId),
  column<OwnerTransferRow>('transferred_at', 'timestamptz', (t) => t.transferredAt),
];

export const insertOwnerTransfers = (rows: ReadonlyArray<OwnerTransferRow>): Statement =>
  insertRows(
    'account_owner_transfers',
    transferColumns,
    rows,
    'ON CONFLICT (account_id, global_position) DO NOTHING',
  );
