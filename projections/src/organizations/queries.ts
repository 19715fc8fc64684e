import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { SqlSession } from '@helpdesk/event-store';
import {
  afterPositionOf,
  pageOf,
  pageSizeOf,
  type Page,
  type PageRequest,
} from '../read-model/page';
import { selectOne, selectRows, type ReadModelError } from '../read-model/query';
import { BigIntFromText, IsoTimestamp } from '../read-model/row-codecs';

const OrganizationRecord = t.type({
  id: t.string,
  account_id: t.string,
  name: t.string,
  domain_names: t.array(t.string),
  removed: t.boolean,
  version: BigIntFromText,
  created_position: BigIntFromText,
  created_at: IsoTimestamp,
  updated_at: IsoTimestamp,
});
type OrganizationRecord = t.TypeOf<typeof OrganizationRecord>;

export interface OrganizationView {
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
  readonly domainNames: ReadonlyArray<string>;
  /** R2.9: removed organizations are kept, flagged */
  readonly removed: boolean;
  readonly version: bigint;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const toView = (r: OrganizationRecord): OrganizationView => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  domainNames: r.domain_names,
  removed: r.removed,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const columns = `id, account_id, name, domain_names, removed, version::text AS version,
  created_position::text AS created_position, created_at, updated_at`;

const one = selectOne(OrganizationRecord, 'organizations');

export const findOrganization = (
  session: SqlSession,
  accountId: string,
  organizationId: string,
): TE.TaskEither<ReadModelError, O.Option<OrganizationView>> =>
  pipe(
    one(session, `SELECT ${columns} FROM organizations WHERE id = $1 AND account_id = $2`, [
      organizationId,
      accountId,
    ]),
    TE.map(O.map(toView)),
  );

/** Names are unique in an account, compared case-insensitively; removed ones are left out. */
export const findOrganizationByName = (
  session: SqlSession,
  accountId: string,
  name: string,
): TE.TaskEither<ReadModelError, O.Option<OrganizationView>> =>
  pipe(
    one(
      session,
      `SELECT ${columns} FROM organizations
       WHERE account_id = $1 AND lower(name) = lower($2) AND NOT removed`,
      [accountId, name.trim()],
    ),
    TE.map(O.map(toView)),
  );

/** R6.4: the organization whose domain names list the domain, if any (removed ones are left out). */
export const findOrganizationByDomain = (
  session: SqlSession,
  accountId: string,
  domain: string,
): TE.TaskEither<ReadModelError, O.Option<OrganizationView>> =>
  pipe(
    one(
      session,
      `SELECT ${columns} FROM organizations
       WHERE domain_names @> ARRAY[$2::text] AND account_id = $1 AND NOT removed
       ORDER BY organizations.created_position LIMIT 1`,
      [accountId, domain.trim().toLowerCase()],
    ),
    TE.map(O.map(toView)),
  );

/** `GET /api/v2/organizations`, oldest first, without the removed ones unless asked. */
export const listOrganizations = (
  session: SqlSession,
  accountId: string,
  request: PageRequest & { readonly includeRemoved?: boolean } = {},
): TE.TaskEither<ReadModelError, Page<OrganizationView>> => {
  const size = pageSizeOf(request);
  return pipe(
    selectRows(OrganizationRecord, 'organizations')(
      session,
      `SELECT ${columns} FROM organizations
       WHERE account_id = $1 AND created_position > $2::bigint AND ($4::boolean OR NOT removed)
       ORDER BY organizations.created_position LIMIT $3`,
      [accountId, afterPositionOf(request), size + 1, request.includeRemoved === true],
    ),
    TE.map((rows) => pageOf(rows, size, (r) => r.created_position, toView)),
  );
};
