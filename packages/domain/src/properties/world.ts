import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { eventDefinition, streams, type DomainEvent, type Uuid } from '@helpdesk/events';
import { accountDecider, knownAccount, type Account } from '../account';
import { claimDecider } from '../claim';
import { organizationDecider } from '../organization';
import type { Decision } from '../shared/decision';
import type { DomainError } from '../shared/domain-error';
import type { KnownAccount, KnownUser } from '../shared/facts';
import { ticketDecider, type ExistingTicket } from '../ticket';
import { toKnownUser, userDecider, type ExistingUser } from '../user';
import { accountId, idGenerator } from './pools';
import { Streams } from './store';

/** What a scenario found wrong, grouped by the property that watches it. */
export type ProblemKind = 'refusal' | 'determinism' | 'contract' | 'R3.5' | 'R3.8' | 'R3.9';
export interface Problem {
  readonly kind: ProblemKind;
  readonly message: string;
}

/** Every rule id of domain-rules.md: a refusal must name one of these. */
const ruleCounts: Readonly<Record<number, number>> = { 1: 6, 2: 9, 3: 9, 4: 7, 5: 3, 6: 9 };
const isRuleId = (rule: string): boolean => {
  const match = /^R(\d)\.(\d+)$/.exec(rule);
  if (match === null) return false;
  const count = ruleCounts[Number(match[1])] ?? 0;
  const n = Number(match[2]);
  return n >= 1 && n <= count;
};

/** A refusal is a value naming a rule (422, or 403 when there is one) or an entity (404, 409). */
export const isWellFormedRefusal = (error: DomainError): boolean => {
  switch (error.kind) {
    case 'RuleViolation':
      return isRuleId(error.rule) && error.message.length > 0;
    case 'Forbidden':
      return (error.rule === null || isRuleId(error.rule)) && error.message.length > 0;
    case 'NotFound':
    case 'AlreadyExists':
      return error.entity.length > 0 && error.message.length > 0;
    default:
      return false;
  }
};

const theDeciders = {
  accounts: accountDecider,
  users: userDecider,
  organizations: organizationDecider,
  tickets: ticketDecider,
  claims: claimDecider,
};
export type Deciders = typeof theDeciders;

type AnyEvent = { readonly type: string; readonly data: unknown };

/** A command a process manager issued, ready to be issued again. */
export interface Issued {
  readonly replay: () => void;
}

export const replayAll = (issued: ReadonlyArray<Issued>): void =>
  issued.forEach((command) => command.replay());

/**
 * An in-memory help desk of one account: the streams of every aggregate, folded with each
 * decider's `evolve`. `decide` is what the application's command handler does (load, decide,
 * append), plus the checks every decision must pass: the command is a valid command, deciding
 * twice gives the same answer, a refusal is a well-formed `DomainError` and appends nothing,
 * accepted events satisfy the published contract.
 */
export class World {
  readonly accounts;
  readonly users;
  readonly organizations;
  readonly tickets;
  readonly claims;
  readonly problems: Problem[] = [];
  /** how many events of each type were appended, to show the scenarios reach the rules */
  readonly appended = new Map<string, number>();
  /** R2.1: an end user may have several organizations only if the account ever allowed it */
  everAllowedMultipleOrganizations = false;
  readonly newId = idGenerator();
  /**
   * When set, process managers run late: their work waits in `pending` until a step settles it,
   * as it does when they follow the event log asynchronously.
   */
  processManagersLate = false;
  readonly pending: Array<{ readonly name: string; readonly run: () => void }> = [];

  /** `deciders` replaces some deciders, to show that the properties catch a broken one. */
  constructor(deciders: Partial<Deciders> = {}) {
    const all = { ...theDeciders, ...deciders };
    this.accounts = new Streams('account', all.accounts);
    this.users = new Streams('user', all.users);
    this.organizations = new Streams('organization', all.organizations);
    this.tickets = new Streams('ticket', all.tickets);
    this.claims = new Streams('claim', all.claims);
  }

  decide<Command, Event extends AnyEvent, State>(
    streams: Streams<Command, Event, State>,
    key: string,
    command: Command,
    codec?: t.Decoder<unknown, unknown>,
  ): Decision<Event> {
    if (codec !== undefined && E.isLeft(codec.decode(command)))
      throw new Error(`the scenario built an invalid command: ${JSON.stringify(command)}`);
    const state = streams.state(key);
    const decision = streams.decider.decide(command, state);
    const again = streams.decider.decide(command, state);
    if (JSON.stringify(decision) !== JSON.stringify(again))
      this.report(
        'determinism',
        `${streams.name} ${key} decided ${JSON.stringify(command)} twice differently`,
      );
    if (E.isLeft(decision)) {
      if (!isWellFormedRefusal(decision.left))
        this.report('refusal', `malformed refusal ${JSON.stringify(decision.left)}`);
      return decision;
    }
    decision.right.forEach((event) => this.observe(event));
    streams.append(key, decision.right);
    return decision;
  }

  /**
   * A process manager's command: decided like any other, and kept so that it can be replayed.
   * R3.9: once it took effect, deciding it again decides nothing; one that was refused stays
   * without effect.
   */
  issue<Command, Event extends AnyEvent, State>(
    streams: Streams<Command, Event, State>,
    key: string,
    command: Command,
    codec?: t.Decoder<unknown, unknown>,
  ): Issued {
    const first = this.decide(streams, key, command, codec);
    return {
      replay: () => {
        const again = streams.decider.decide(command, streams.state(key));
        const changesNothing = E.isRight(again) ? again.right.length === 0 : E.isLeft(first);
        if (!changesNothing)
          this.report(
            'R3.9',
            `${streams.name} ${key}: ${JSON.stringify(command)} decided ${JSON.stringify(first)}, then on replay ${JSON.stringify(again)}`,
          );
      },
    };
  }

  /** A process manager's reaction to an event: now, or when settled if they run late. */
  later(name: string, run: () => void): void {
    if (this.processManagersLate) this.pending.push({ name, run });
    else run();
  }

  /** Runs the i-th pending reaction (in any order: each process manager is independent). */
  settle(i: number): void {
    const [job] = this.pending.splice(i % Math.max(this.pending.length, 1), 1);
    job?.run();
  }

  settleAll(): void {
    while (this.pending.length > 0) this.settle(0);
  }

  report(kind: ProblemKind, message: string): void {
    this.problems.push({ kind, message });
  }

  private observe(event: AnyEvent): void {
    this.appended.set(event.type, (this.appended.get(event.type) ?? 0) + 1);
    const definition = eventDefinition(event.type);
    if (definition === undefined || E.isLeft(definition.data.decode(event.data)))
      this.report('contract', `an event breaks the published contract: ${JSON.stringify(event)}`);
    this.checkParticipants(event as DomainEvent);
  }

  /** R3.5: a merged user never becomes a requester or a CC again. */
  private checkParticipants(event: DomainEvent): void {
    const named =
      event.type === 'TicketCreated'
        ? [event.data.requester_id, ...event.data.collaborator_ids]
        : event.type === 'RequesterChanged' ||
            event.type === 'CollaboratorAdded' ||
            event.type === 'CollaboratorReplaced'
          ? [event.type === 'RequesterChanged' ? event.data.requester_id : event.data.user_id]
          : [];
    for (const userId of named)
      if (this.user(userId)?.status === 'merged')
        this.report('R3.5', `${event.type} names the merged user ${userId}`);
  }

  // ---- lookups, as the application would make them ----

  account(): Account {
    const account = this.accounts.state(accountId);
    if (account === null) throw new Error('the scenario runs in an opened account');
    return account;
  }

  knownAccount(): KnownAccount {
    return knownAccount(this.account());
  }

  user(id: Uuid): ExistingUser | undefined {
    const user = this.users.state(id);
    return user.exists ? user : undefined;
  }

  knownUser(id: Uuid): KnownUser | undefined {
    const user = this.user(id);
    return user === undefined ? undefined : toKnownUser(user);
  }

  existingUsers(): ReadonlyArray<ExistingUser> {
    return this.users.keys().flatMap((id) => this.user(id) ?? []);
  }

  ticket(id: Uuid): ExistingTicket | undefined {
    const ticket = this.tickets.state(id);
    return ticket.exists ? ticket : undefined;
  }

  existingTickets(): ReadonlyArray<ExistingTicket> {
    return this.tickets.keys().flatMap((id) => this.ticket(id) ?? []);
  }

  organizationIsLive(id: Uuid): boolean {
    const organization = this.organizations.state(id);
    return organization !== null && !organization.removed;
  }

  emailClaimKey(address: string): string {
    return streams.claim('email', accountId, address);
  }

  holderOfEmail(address: string): Uuid | null {
    return this.claims.state(this.emailClaimKey(address)).holderId;
  }
}
