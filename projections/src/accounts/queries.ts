import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { AccountSettings, Plan } from '@helpdesk/events';
import type { SqlSession } from '@helpdesk/event-store';
import { selectOne, selectRows, type ReadModelError } from '../read-model/query';
import { BigIntFromText, IsoTimestamp, nullable } from '../read-model/row-codecs';

const AccountRecord = t.type({
  id: t.string,
  name: t.string,
  plan: Plan,
  owner_id: t.string,
  default_organization_id: t.string,
  settings: AccountSettings,
  version: BigIntFromText,
  created_at: IsoTimestamp,
  updated_at: IsoTimestamp,
});
type AccountRecord = t.TypeOf<typeof AccountRecord>;

export interface AccountView {
  readonly id: string;
  readonly name: string;
  readonly plan: Plan;
  /** R4.1: exactly one owner, an admin */
  readonly ownerId: string;
  /** the "Unassigned" organization (R6.4) */
  readonly defaultOrganizationId: string;
  /** as the events carry them (snake_case, the API's `settings` without `default_organization_id`) */
  readonly settings: AccountSettings;
  readonly version: bigint;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const toView = (r: AccountRecord): AccountView => ({
  id: r.id,
  name: r.name,
  plan: r.plan,
  ownerId: r.owner_id,
  defaultOrganizationId: r.default_organization_id,
  settings: r.settings,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const findAccount = (
  session: SqlSession,
  accountId: string,
): TE.TaskEither<ReadModelError, O.Option<AccountView>> =>
  pipe(
    selectOne(AccountRecord, 'accounts')(
      session,
      `SELECT id, name, plan, owner_id, default_organization_id, settings,
         version::text AS version, created_at, updated_at
       FROM accounts WHERE id = $1`,
      [accountId],
    ),
    TE.map(O.map(toView)),
  );

const TransferRecord = t.type({
  event_id: t.string,
  previous_owner_id: t.string,
  owner_id: t.string,
  transferred_by: nullable(t.string),
  correlation_id: t.string,
  transferred_at: IsoTimestamp,
});

export interface OwnerTransferView {
  readonly eventId: string;
  readonly previousOwnerId: string;
  readonly ownerId: string;
  /** R4.2: the owner at the time, who alone may hand the account over */
  readonly transferredBy: string | null;
  readonly correlationId: string;
  readonly transferredAt: string;
}

/** The account's owner transfers, oldest first. */
export const ownerTransfersOf = (
  session: SqlSession,
  accountId: string,
): TE.TaskEither<ReadModelError, ReadonlyArray<OwnerTransferView>> =>
  pipe(
    selectRows(TransferRecord, 'owner transfers')(
      session,
      `SELECT event_id, previous_owner_id, owner_id, transferred_by, correlation_id, transferred_at
       FROM account_owner_transfers WHERE account_id = $1 ORDER BY global_position`,
      [accountId],
    ),
    TE.map((rows) =>
      rows.map((r) => ({
        eventId: r.event_id,
        previousOwnerId: r.previous_owner_id,
        ownerId: r.owner_id,
        transferredBy: r.transferred_by,
        correlationId: r.correlation_id,
        transferredAt: r.transferred_at,
      })),
    ),
  );
