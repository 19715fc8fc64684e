import fc from 'fast-check';
import {
  emailOnOneUser,
  heldOnceProcessManagersCaughtUp,
  heldWhileProcessManagersLag,
  mergedUsersTakeNoPart,
  oneDefaultOrganization,
  oneOwnerWhoIsAnAdmin,
  problemsOf,
  ticketOrganizationIsTheRequesters,
  type Invariant,
} from './invariants';
import { mutants } from './mutants';
import { holdsAfterEveryStep, play, scenarioArbitrary } from './scenario';

/**
 * Random scenarios over small pools of users, organizations, tickets and addresses, carried out
 * through the deciders the way the application and its process managers would (`perform.ts`);
 * every invariant must hold after every step.
 */

const numRuns = 250;
const holdsThroughout = (invariant: Invariant): void =>
  fc.assert(holdsAfterEveryStep(invariant), { numRuns });

describe('properties of random command sequences', () => {
  it("R2.2 a ticket's organization is one of its requester's (R2.9 and not a removed one), or none; archived and merge-moved tickets keep theirs (R2.8, R3.8)", () =>
    holdsThroughout(ticketOrganizationIsTheRequesters));

  it('R2.1 a user in one or more organizations has exactly one default, among them', () =>
    holdsThroughout(oneDefaultOrganization));

  it('R4.1 the account has exactly one owner, an active admin', () =>
    holdsThroughout(oneOwnerWhoIsAnAdmin));

  it('R3.5 a merged user never becomes a requester or a CC again', () =>
    holdsThroughout(mergedUsersTakeNoPart));

  it('R5.2 no email address belongs to two users, and its claim names its user', () =>
    holdsThroughout(emailOnOneUser));

  it("R3.9 replaying the process managers' commands decides nothing", () =>
    holdsThroughout(problemsOf('R3.9')));

  it('every refusal is a DomainError naming a rule or an entity, and deciding twice gives the same answer', () =>
    holdsThroughout(problemsOf('refusal', 'determinism')));

  it('every accepted event satisfies the published contract', () =>
    holdsThroughout(problemsOf('contract')));
});

describe('with process managers that run late, settling their work at random moments', () => {
  it('R2.1, R4.1, R5.2 hold at all times; R2.2, R2.9, R3.5 whenever they have caught up; R3.9 their commands replay to nothing', () =>
    fc.assert(
      holdsAfterEveryStep(heldWhileProcessManagersLag, {
        processManagersLate: true,
        whenSettled: heldOnceProcessManagersCaughtUp,
      }),
      { numRuns },
    ));
});

describe('the scenarios reach the rules they test', () => {
  const appended = new Map<string, number>();
  beforeAll(() => {
    for (const scenario of fc.sample(scenarioArbitrary(), { numRuns: 200, seed: 42 }))
      for (const [type, count] of play(scenario).appended)
        appended.set(type, (appended.get(type) ?? 0) + count);
  });

  // at least this many of each event in 200 scenarios, so that the properties are not vacuous
  it.each([
    ['UserMerged', 10],
    ['MergedUserAbsorbed', 10],
    ['ClaimTransferred', 10],
    ['ValueReleased', 50],
    ['OrganizationRemoved', 10],
    ['OrganizationMembershipRemoved', 20],
    ['DefaultOrganizationChanged', 100],
    ['TicketOrganizationChanged', 30],
    ['RequesterChanged', 30],
    ['CollaboratorReplaced', 3],
    ['TicketArchived', 10],
    ['OwnerTransferred', 5],
    ['UserDeleted', 10],
  ])('%s is appended at least %i times', (type, atLeast) =>
    expect(appended.get(type) ?? 0).toBeGreaterThanOrEqual(atLeast),
  );
});

describe('the properties catch a broken decider', () => {
  it.each(mutants.map((mutant) => [mutant.name, mutant] as const))('%s', (_name, mutant) => {
    const result = fc.check(holdsAfterEveryStep(mutant.breaks, { deciders: mutant.deciders }), {
      numRuns,
      endOnFailure: true,
    });
    expect(result.failed).toBe(true);
  });
});
