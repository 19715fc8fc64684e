import type { AccountEvent, AccountSettings, Plan } from '@helpdesk/events';
import { assertNever, type ProjectedOf } from '../read-model/events';

export interface AccountRow {
  readonly id: string;
  readonly name: string;
  readonly plan: Plan;
  readonly ownerId: string;
  readonly defaultOrganizationId: string;
  readonly settings: AccountSettings;
  readonly version: bigint;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a batch changes on an account created before it; null leaves a field as it is. */
export interface AccountPatch {
  readonly id: string;
  readonly name: string | null;
  readonly plan: Plan | null;
  readonly ownerId: string | null;
  readonly settings: AccountSettings | null;
  readonly version: bigint;
  readonly updatedAt: string;
}

export interface OwnerTransferRow {
  readonly accountId: string;
  readonly globalPosition: bigint;
  readonly eventId: string;
  readonly previousOwnerId: string;
  readonly ownerId: string;
  readonly transferredBy: string | null;
  readonly correlationId: string;
  readonly transferredAt: string;
}

type Account = ProjectedOf<AccountEvent>;
/** The fields one event sets (never to null). */
type Changes = Partial<Pick<AccountRow, 'name' | 'plan' | 'ownerId' | 'settings'>>;

const changesOf = (event: AccountEvent): Changes => {
  switch (event.type) {
    case 'AccountCreated':
      return {};
    case 'AccountRenamed':
      return { name: event.data.name };
    case 'AccountPlanChanged':
      return { plan: event.data.plan };
    case 'AccountSettingsChanged':
      return { settings: event.data.settings };
    case 'OwnerTransferred':
      return { ownerId: event.data.owner_id };
    default:
      return assertNever(event);
  }
};

type Folded =
  | { readonly kind: 'created'; readonly row: AccountRow }
  | { readonly kind: 'changed'; readonly patch: AccountPatch };

const step = (folded: Folded | undefined, projected: Account, id: string): Folded => {
  const { event } = projected;
  const stamp = { version: projected.revision, updatedAt: projected.metadata.occurred_at };
  if (folded === undefined && event.type === 'AccountCreated') {
    const { data } = event;
    return {
      kind: 'created',
      row: {
        id,
        name: data.name,
        plan: data.plan,
        ownerId: data.owner_id,
        defaultOrganizationId: data.default_organization_id,
        settings: data.settings,
        createdAt: projected.metadata.occurred_at,
        ...stamp,
      },
    };
  }
  const changes = changesOf(event);
  if (folded?.kind === 'created')
    return { kind: 'created', row: { ...folded.row, ...changes, ...stamp } };
  const patch = folded?.patch ?? { id, name: null, plan: null, ownerId: null, settings: null };
  return { kind: 'changed', patch: { ...patch, ...changes, ...stamp } };
};

const transferOf = ({ event, ...projected }: Account): OwnerTransferRow | undefined =>
  event.type === 'OwnerTransferred'
    ? {
        accountId: event.data.account_id,
        globalPosition: projected.globalPosition,
        eventId: projected.eventId,
        previousOwnerId: event.data.previous_owner_id,
        ownerId: event.data.owner_id,
        transferredBy: projected.metadata.actor.id,
        correlationId: projected.metadata.correlation_id,
        transferredAt: projected.metadata.occurred_at,
      }
    : undefined;

/** One final row per account created in the batch, one patch per older one, and the transfers. */
export const foldAccountBatch = (events: ReadonlyArray<Account>) => {
  const byId = new Map<string, Folded>();
  const transfers: OwnerTransferRow[] = [];
  for (const projected of events) {
    const id = projected.event.data.account_id;
    byId.set(id, step(byId.get(id), projected, id));
    const transfer = transferOf(projected);
    if (transfer !== undefined) transfers.push(transfer);
  }
  const created: AccountRow[] = [];
  const changed: AccountPatch[] = [];
  for (const folded of byId.values())
    if (folded.kind === 'created') created.push(folded.row);
    else changed.push(folded.patch);
  return { created, changed, transfers };
};
