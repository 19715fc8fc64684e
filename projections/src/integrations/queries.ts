import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { SqlSession } from '@helpdesk/event-store';
import { IntegrationStatus } from '@helpdesk/events';
import { accountObjects } from '../read-model/account-objects';
import { selectRows, type ReadModelError } from '../read-model/query';
import { BigIntFromText, IsoTimestamp } from '../read-model/row-codecs';

const IntegrationRecord = t.type({
  id: t.string,
  account_id: t.string,
  name: t.string,
  authorized_by_id: t.string,
  status: IntegrationStatus,
  version: BigIntFromText,
  created_position: BigIntFromText,
  created_at: IsoTimestamp,
  updated_at: IsoTimestamp,
});
type IntegrationRecord = t.TypeOf<typeof IntegrationRecord>;

/** An integration as `GET /api/v2/integrations` serves it (R4.5). */
export interface IntegrationView {
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
  /** the owner whose authorisation it works under, or worked under until a transfer */
  readonly authorizedById: string;
  readonly status: IntegrationStatus;
  readonly version: bigint;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const toView = (r: IntegrationRecord): IntegrationView => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  authorizedById: r.authorized_by_id,
  status: r.status,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const columns = `id, account_id, name, authorized_by_id, status, version::text AS version,
  created_position::text AS created_position, created_at, updated_at`;

const integrationsObjects = accountObjects({
  table: 'integrations',
  what: 'integrations',
  columns,
  codec: IntegrationRecord,
  toView,
});

/** The account's integrations still connected, oldest first. */
export const listIntegrations = integrationsObjects.list;

export const findIntegration = integrationsObjects.find;

const Id = t.type({ id: t.string });

/** R4.5: every connected integration of an account, for the process that stops them on a transfer. */
export const integrationIdsOf = (
  session: SqlSession,
  accountId: string,
): TE.TaskEither<ReadModelError, ReadonlyArray<string>> =>
  pipe(
    selectRows(Id, 'integration ids')(
      session,
      'SELECT id FROM integrations WHERE account_id = $1 AND NOT removed ORDER BY created_position',
      [accountId],
    ),
    TE.map((rows) => rows.map((r) => r.id)),
  );
