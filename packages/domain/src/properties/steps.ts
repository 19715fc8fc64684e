import fc from 'fast-check';
import type { Plan, Role, TicketStatus, UserSource } from '@helpdesk/events';
import type { TicketChannel } from '../ticket';

/**
 * What one step of a scenario asks for, in small indices so that a counterexample reads as a
 * story: `{ step: 'merge', source: 2, target: 3 }`. An index names the i-th of what exists first
 * (users, tickets, the user's own organizations), then of the pools (`pools.ts`); the ids of new
 * users and tickets are the unused ones first. So most steps act on something real, and some on
 * something that is not there.
 */

export type ActorKind = 'owner' | 'admin' | 'agent' | 'endUser' | 'system';

export type Step =
  | {
      readonly step: 'createUser';
      readonly user: number;
      readonly role: Role;
      readonly source: UserSource;
      readonly actor: ActorKind;
      readonly verified: boolean;
      readonly emails: ReadonlyArray<number>;
      readonly organizations: ReadonlyArray<number>;
    }
  | {
      readonly step: 'addEmail';
      readonly user: number;
      readonly email: number;
      readonly verified: boolean;
    }
  | { readonly step: 'removeEmail'; readonly user: number; readonly email: number }
  | { readonly step: 'makePrimaryEmail'; readonly user: number; readonly email: number }
  | { readonly step: 'createOrganization'; readonly organization: number }
  | { readonly step: 'removeOrganization'; readonly organization: number }
  | {
      readonly step: 'join';
      readonly user: number;
      readonly organization: number;
      readonly makeDefault: boolean;
    }
  | { readonly step: 'leave'; readonly user: number; readonly organization: number }
  | { readonly step: 'makeDefault'; readonly user: number; readonly organization: number }
  | {
      readonly step: 'createTicket';
      readonly ticket: number;
      readonly requester: number;
      readonly channel: TicketChannel;
      /** null asks for none; an index may name an organization the requester is not in */
      readonly organization: number | null;
      readonly status: TicketStatus;
      readonly ccs: ReadonlyArray<number>;
      readonly actor: ActorKind;
    }
  | {
      readonly step: 'receiveEmail';
      readonly ticket: number;
      readonly email: number;
      readonly newUser: number;
    }
  | {
      readonly step: 'changeRequester';
      readonly ticket: number;
      readonly requester: number;
      readonly actor: ActorKind;
    }
  | {
      readonly step: 'changeRequesterToNewPerson';
      readonly ticket: number;
      readonly user: number;
      readonly email: number;
      readonly actor: ActorKind;
    }
  | {
      readonly step: 'changeTicketOrganization';
      readonly ticket: number;
      readonly organization: number | null;
      readonly actor: ActorKind;
    }
  | {
      readonly step: 'addCc';
      readonly ticket: number;
      readonly user: number;
      readonly actor: ActorKind;
    }
  | {
      readonly step: 'changeStatus';
      readonly ticket: number;
      readonly status: TicketStatus;
      readonly actor: ActorKind;
    }
  | { readonly step: 'archive'; readonly ticket: number }
  | {
      readonly step: 'merge';
      readonly source: number;
      readonly target: number;
      readonly actor: ActorKind;
    }
  | { readonly step: 'changeRole'; readonly user: number; readonly role: Role }
  | { readonly step: 'transferOwnership'; readonly newOwner: number; readonly actor: ActorKind }
  | { readonly step: 'deleteUser'; readonly user: number }
  | {
      readonly step: 'changeSettings';
      readonly multipleOrganizations: boolean;
      readonly actor: ActorKind;
    }
  | { readonly step: 'changePlan'; readonly plan: Plan; readonly actor: ActorKind }
  /** a late process manager catches up with one event it has to react to */
  | { readonly step: 'settle'; readonly job: number };

export interface PoolSizes {
  readonly users: number;
  readonly organizations: number;
  readonly tickets: number;
  readonly emails: number;
}

const weighted = <T>(...choices: ReadonlyArray<readonly [number, T]>): fc.Arbitrary<T> =>
  fc.oneof(...choices.map(([weight, value]) => ({ weight, arbitrary: fc.constant(value) })));

/** Mostly staff, who may do most things; sometimes someone who may not. */
const actor = weighted<ActorKind>(
  [5, 'agent'],
  [3, 'owner'],
  [2, 'admin'],
  [1, 'endUser'],
  [1, 'system'],
);
/** Admins often enough that some can become owner (R4.3). */
const role = weighted<Role>([8, 'end-user'], [1, 'agent'], [3, 'admin']);
const source = weighted<UserSource>(
  [12, 'manual'],
  [1, 'ticket'],
  [1, 'cc'],
  [1, 'import'],
  [1, 'email'],
);
const status = weighted<TicketStatus>(
  [3, 'open'],
  [1, 'new'],
  [1, 'pending'],
  [1, 'solved'],
  [3, 'closed'],
);
const channel = fc.constantFrom<TicketChannel>('api', 'web', 'portal', 'email');
const plan = fc.constantFrom<Plan>('team', 'professional', 'enterprise');

const ownerMostly = weighted<ActorKind>([8, 'owner'], [1, 'admin'], [1, 'agent']);
/** Creating admins needs an admin (R5.1, settled): the owner and admins create more often. */
const creator = weighted<ActorKind>(
  [4, 'agent'],
  [4, 'owner'],
  [2, 'admin'],
  [1, 'endUser'],
  [1, 'system'],
);

/** Every kind of step with its weight. */
const stepKinds = (sizes: PoolSizes) => {
  const user = fc.nat({ max: sizes.users - 1 });
  const organization = fc.nat({ max: sizes.organizations - 1 });
  const ticket = fc.nat({ max: sizes.tickets - 1 });
  const email = fc.nat({ max: sizes.emails - 1 });
  const some = <T>(arbitrary: fc.Arbitrary<T>) => fc.array(arbitrary, { maxLength: 2 });
  const step = <R extends Record<string, fc.Arbitrary<unknown>>>(
    name: Step['step'],
    weight: number,
    fields: R,
  ) => ({
    weight,
    arbitrary: fc.record(fields).map((values) => ({ step: name, ...values }) as unknown as Step),
  });
  return {
    createUser: step('createUser', 6, {
      user: user,
      role,
      source,
      actor: creator,
      verified: fc.boolean(),
      emails: some(email),
      organizations: some(organization),
    }),
    addEmail: step('addEmail', 3, { user, email, verified: fc.boolean() }),
    removeEmail: step('removeEmail', 2, { user, email }),
    makePrimaryEmail: step('makePrimaryEmail', 1, { user, email }),
    createOrganization: step('createOrganization', 3, { organization }),
    removeOrganization: step('removeOrganization', 2, { organization }),
    join: step('join', 6, { user, organization, makeDefault: fc.boolean() }),
    leave: step('leave', 4, { user, organization }),
    makeDefault: step('makeDefault', 2, { user, organization }),
    createTicket: step('createTicket', 7, {
      ticket,
      requester: user,
      channel,
      organization: fc.option(organization, { nil: null }),
      status,
      ccs: some(user),
      actor,
    }),
    receiveEmail: step('receiveEmail', 3, { ticket, email, newUser: user }),
    changeRequester: step('changeRequester', 4, { ticket, requester: user, actor }),
    changeRequesterToNewPerson: step('changeRequesterToNewPerson', 1, {
      ticket,
      user: user,
      email,
      actor,
    }),
    changeTicketOrganization: step('changeTicketOrganization', 4, {
      ticket,
      organization: fc.option(organization, { nil: null }),
      actor,
    }),
    addCc: step('addCc', 2, { ticket, user, actor }),
    changeStatus: step('changeStatus', 3, { ticket, status, actor }),
    archive: step('archive', 2, { ticket }),
    merge: step('merge', 8, { source: user, target: user, actor }),
    changeRole: step('changeRole', 1, { user, role }),
    transferOwnership: step('transferOwnership', 3, { newOwner: user, actor: ownerMostly }),
    deleteUser: step('deleteUser', 2, { user }),
    changeSettings: step('changeSettings', 1, { multipleOrganizations: fc.boolean(), actor }),
    changePlan: step('changePlan', 1, { plan, actor }),
    settle: step('settle', 8, { job: fc.nat({ max: 3 }) }),
  } satisfies Record<Step['step'], unknown>;
};

/** Any step; settling only when process managers run late. */
export const stepArbitrary = (sizes: PoolSizes, late: boolean): fc.Arbitrary<Step> => {
  const { settle, ...others } = stepKinds(sizes);
  return fc.oneof(...Object.values(others), ...(late ? [settle] : []));
};

/** The steps that populate an account, so that the random steps after them find people and tickets. */
export const populatingStepArbitrary = (sizes: PoolSizes): fc.Arbitrary<Step> => {
  const kinds = stepKinds(sizes);
  return fc.oneof(kinds.createUser, kinds.createOrganization, kinds.join, kinds.createTicket);
};
