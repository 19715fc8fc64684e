import type { DomainEvent, Plan, Role } from '@helpdesk/events';
import { EventLog, type AppendContext } from './event-log';

export interface UserState {
  readonly accountId: string;
  readonly emails: string[];
  memberships: Array<{ membershipId: string; organizationId: string }>;
  defaultOrganizationId: string | null;
}

export interface NewUser {
  readonly name: string;
  readonly email?: string;
  readonly role?: Role;
  readonly organizations?: ReadonlyArray<string>;
  readonly externalId?: string;
}

const profileOf = (user: NewUser) => ({
  name: user.name,
  phone: null,
  external_id: user.externalId ?? null,
  locale: null,
  time_zone: null,
  photo_url: null,
  details: null,
  notes: null,
  tags: [],
  user_fields: {},
});

/**
 * The accounts, organizations and users of a scenario, appended the way the deciders emit them
 * (same events, same order, same metadata). It keeps just enough state to fill in previous values;
 * it decides nothing.
 */
export class Directory {
  readonly log = new EventLog();
  protected readonly users = new Map<string, UserState>();
  private readonly owners = new Map<string, string>();

  get events() {
    return this.log.events;
  }

  protected user(id: string): UserState {
    const user = this.users.get(id);
    if (user === undefined) throw new Error(`no user ${id} in this scenario`);
    return user;
  }

  protected appendToUser(userId: string, events: DomainEvent[], context: Partial<AppendContext>) {
    const { accountId } = this.user(userId);
    this.log.append(`user-${userId}`, events, {
      accountId,
      actorId: this.ownerOf(accountId),
      ...context,
    });
  }

  openAccount(name: string, plan: Plan = 'enterprise', multipleOrganizations = true) {
    const accountId = this.log.id();
    const unassignedId = this.organization(accountId, 'Unassigned', [], { actorId: null });
    const ownerId = this.createUser(accountId, { name: `${name} owner`, role: 'admin' }, null);
    const settings = {
      multiple_organizations: multipleOrganizations,
      sso: 'none' as const,
      auto_create_users_from_email: true,
      welcome_email: { enabled: false, template_id: null },
      portal_url: null,
    };
    this.log.append(
      `account-${accountId}`,
      [
        {
          type: 'AccountCreated',
          data: {
            account_id: accountId,
            name,
            plan,
            owner_id: ownerId,
            default_organization_id: unassignedId,
            settings,
          },
        },
      ],
      { accountId, actorType: 'operator', actorId: null, channel: 'api' },
    );
    this.owners.set(accountId, ownerId);
    return { accountId, ownerId, unassignedId };
  }

  ownerOf(accountId: string): string {
    const owner = this.owners.get(accountId);
    if (owner === undefined) throw new Error(`no account ${accountId} in this scenario`);
    return owner;
  }

  organization(
    accountId: string,
    name: string,
    domainNames: string[] = [],
    context: Partial<AppendContext> = {},
  ) {
    const id = this.log.id();
    this.log.append(
      `organization-${id}`,
      [
        {
          type: 'OrganizationCreated',
          data: { organization_id: id, account_id: accountId, name, domain_names: domainNames },
        },
      ],
      { accountId, actorId: this.owners.get(accountId) ?? null, ...context },
    );
    return id;
  }

  createUser(accountId: string, user: NewUser, actorId: string | null = this.ownerOf(accountId)) {
    const id = this.log.id();
    const email = user.email ?? `${user.name.toLowerCase().replace(/\W+/g, '.')}@example.com`;
    this.users.set(id, {
      accountId,
      emails: [email],
      memberships: [],
      defaultOrganizationId: null,
    });
    const identity = {
      identity_id: this.log.id(),
      type: 'email' as const,
      value: email,
      verified: false,
      primary: true,
    };
    const role = user.role ?? 'end-user';
    const source = actorId === null ? ('account' as const) : ('manual' as const);
    this.log.append(
      `user-${id}`,
      [
        {
          type: 'UserCreated',
          data: {
            user_id: id,
            account_id: accountId,
            role,
            verified: false,
            source,
            profile: profileOf(user),
          },
        },
        { type: 'IdentityAdded', data: { user_id: id, identity } },
      ],
      { accountId, actorId },
    );
    for (const organizationId of user.organizations ?? []) this.join(id, organizationId);
    return id;
  }

  /** R2.1: the first organization becomes the default. */
  join(
    userId: string,
    organizationId: string,
    primaryContact = false,
    context: Partial<AppendContext> = {},
  ) {
    const user = this.user(userId);
    const membershipId = this.log.id();
    const first = user.defaultOrganizationId === null;
    user.memberships.push({ membershipId, organizationId });
    if (first) user.defaultOrganizationId = organizationId;
    const added: DomainEvent = {
      type: 'OrganizationMembershipAdded',
      data: {
        user_id: userId,
        membership_id: membershipId,
        organization_id: organizationId,
        primary_contact: primaryContact,
      },
    };
    const defaultChanged: DomainEvent = {
      type: 'DefaultOrganizationChanged',
      data: { user_id: userId, organization_id: organizationId, previous_organization_id: null },
    };
    this.appendToUser(userId, first ? [added, defaultChanged] : [added], context);
    return membershipId;
  }

  /** R2.8: leaving the default promotes another organization first; returns the new default. */
  leave(
    userId: string,
    organizationId: string,
    context: Partial<AppendContext> = {},
  ): string | null {
    const user = this.user(userId);
    const membership = user.memberships.find((m) => m.organizationId === organizationId);
    if (membership === undefined) throw new Error(`${userId} is not a member of ${organizationId}`);
    user.memberships = user.memberships.filter((m) => m !== membership);
    const removed: DomainEvent = {
      type: 'OrganizationMembershipRemoved',
      data: {
        user_id: userId,
        membership_id: membership.membershipId,
        organization_id: organizationId,
      },
    };
    if (user.defaultOrganizationId !== organizationId) {
      this.appendToUser(userId, [removed], context);
      return user.defaultOrganizationId;
    }
    const successor = user.memberships[0]?.organizationId ?? null;
    const defaultChanged: DomainEvent = {
      type: 'DefaultOrganizationChanged',
      data: {
        user_id: userId,
        organization_id: successor,
        previous_organization_id: organizationId,
      },
    };
    user.defaultOrganizationId = successor;
    this.appendToUser(
      userId,
      successor === null ? [removed, defaultChanged] : [defaultChanged, removed],
      context,
    );
    return successor;
  }

  /** R4.2: the current owner hands the account over. */
  transferOwnership(accountId: string, toUserId: string) {
    const previous = this.ownerOf(accountId);
    this.log.append(
      `account-${accountId}`,
      [
        {
          type: 'OwnerTransferred',
          data: { account_id: accountId, previous_owner_id: previous, owner_id: toUserId },
        },
      ],
      { accountId, actorId: previous },
    );
    this.owners.set(accountId, toUserId);
  }

  changeRole(userId: string, role: Role, previousRole: Role) {
    this.appendToUser(
      userId,
      [{ type: 'UserRoleChanged', data: { user_id: userId, role, previous_role: previousRole } }],
      {},
    );
  }

  defaultOrganizationOf(userId: string): string | null {
    return this.user(userId).defaultOrganizationId;
  }
}
