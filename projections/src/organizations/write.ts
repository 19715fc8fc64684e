import {
  column,
  insertRows,
  plainArrayLiteral,
  unnestSource,
  type Statement,
} from '../read-model/multi-row';
import type { OrganizationPatch, OrganizationRow } from './fold';

const rowColumns = [
  column<OrganizationRow>('id', 'uuid', (o) => o.id),
  column<OrganizationRow>('account_id', 'uuid', (o) => o.accountId),
  column<OrganizationRow>('name', 'text', (o) => o.name),
  column<OrganizationRow>(
    'domain_names',
    'text',
    (o) => plainArrayLiteral(o.domainNames),
    'domain_names::text[]',
  ),
  column<OrganizationRow>('removed', 'boolean', (o) => o.removed),
  column<OrganizationRow>('version', 'bigint', (o) => o.version.toString()),
  column<OrganizationRow>('created_position', 'bigint', (o) => o.createdPosition.toString()),
  column<OrganizationRow>('created_at', 'timestamptz', (o) => o.createdAt),
  column<OrganizationRow>('updated_at', 'timestamptz', (o) => o.updatedAt),
];

export const insertOrganizations = (rows: ReadonlyArray<OrganizationRow>): Statement =>
  insertRows('organizations', rowColumns, rows, 'ON CONFLICT (id) DO NOTHING');

const patchColumns = [
  column<OrganizationPatch>('id', 'uuid', (p) => p.id),
  column<OrganizationPatch>('name', 'text', (p) => p.name),
  column<OrganizationPatch>('domain_names', 'text', (p) =>
    p.domainNames === null ? null : plainArrayLiteral(p.domainNames),
  ),
  column<OrganizationPatch>('removed', 'boolean', (p) => p.removed),
  column<OrganizationPatch>('version', 'bigint', (p) => p.version.toString()),
  column<OrganizationPatch>('updated_at', 'timestamptz', (p) => p.updatedAt),
];

export const updateOrganizations = (patches: ReadonlyArray<OrganizationPatch>): Statement => {
  const source = unnestSource(patchColumns, patches, 'p');
  return {
    text: `UPDATE organizations AS o SET
      name = coalesce(p.name, o.name),
      domain_names = coalesce(p.domain_names::text[], o.domain_names),
      removed = o.removed OR p.removed,
      version = p.version,
      updated_at = p.updated_at
    FROM ${source.text} WHERE o.id = p.id`,
    params: source.params,
  };
};
