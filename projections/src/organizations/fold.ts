import type { OrganizationEvent } from '@helpdesk/events';
import { assertNever, type ProjectedOf } from '../read-model/events';

export interface OrganizationRow {
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
  readonly domainNames: ReadonlyArray<string>;
  readonly removed: boolean;
  readonly version: bigint;
  readonly createdPosition: bigint;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a batch changes on an organization created before it; null leaves a field as it is. */
export interface OrganizationPatch {
  readonly id: string;
  readonly name: string | null;
  readonly domainNames: ReadonlyArray<string> | null;
  readonly removed: boolean;
  readonly version: bigint;
  readonly updatedAt: string;
}

type Organization = ProjectedOf<OrganizationEvent>;

type Changes = Pick<OrganizationRow, 'name' | 'domainNames' | 'removed'>;

/** The fields an event sets; every organization event sets one at most. */
const changesOf = (event: OrganizationEvent): Partial<Changes> => {
  switch (event.type) {
    case 'OrganizationCreated':
      return {};
    case 'OrganizationRenamed':
      return { name: event.data.name };
    case 'OrganizationDomainsChanged':
      return { domainNames: event.data.domain_names };
    case 'OrganizationRemoved':
      return { removed: true };
    default:
      return assertNever(event);
  }
};

type Folded =
  | { readonly kind: 'created'; readonly row: OrganizationRow }
  | { readonly kind: 'changed'; readonly patch: OrganizationPatch };

const step = (folded: Folded | undefined, projected: Organization, id: string): Folded => {
  const { event } = projected;
  const stamp = { version: projected.revision, updatedAt: projected.metadata.occurred_at };
  if (folded === undefined && event.type === 'OrganizationCreated')
    return {
      kind: 'created',
      row: {
        id,
        accountId: event.data.account_id,
        name: event.data.name,
        domainNames: event.data.domain_names,
        removed: false,
        createdPosition: projected.globalPosition,
        createdAt: projected.metadata.occurred_at,
        ...stamp,
      },
    };
  const changes = changesOf(event);
  if (folded?.kind === 'created')
    return { kind: 'created', row: { ...folded.row, ...changes, ...stamp } };
  const patch = folded?.patch ?? { id, name: null, domainNames: null, removed: false, ...stamp };
  return { kind: 'changed', patch: { ...patch, ...changes, ...stamp } };
};

/** One final row per organization created in the batch, one patch per older one. */
export const foldOrganizationBatch = (events: ReadonlyArray<Organization>) => {
  const byId = new Map<string, Folded>();
  for (const projected of events) {
    const id = projected.event.data.organization_id;
    byId.set(id, step(byId.get(id), projected, id));
  }
  const created: OrganizationRow[] = [];
  const changed: OrganizationPatch[] = [];
  for (const folded of byId.values())
    if (folded.kind === 'created') created.push(folded.row);
    else changed.push(folded.patch);
  return { created, changed };
};
