import * as E from 'fp-ts/Either';
import { accept, nothingToDo, refuse } from '../shared/decision';
import { claimDecider } from '../claim';
import type { KnownUser } from '../shared/facts';
import { ticketDecider } from '../ticket';
import { userDecider } from '../user';
import {
  emailOnOneUser,
  mergedUsersTakeNoPart,
  oneDefaultOrganization,
  oneOwnerWhoIsAnAdmin,
  problemsOf,
  ticketOrganizationIsTheRequesters,
  type Invariant,
} from './invariants';
import type { Deciders } from './world';

/**
 * Deliberately broken deciders, each breaking one rule the properties watch. A property that
 * cannot tell one of these from the real decider would pass however the code is wrong.
 */

export interface Mutant {
  readonly name: string;
  readonly deciders: Partial<Deciders>;
  /** the invariant that must notice */
  readonly breaks: Invariant;
}

/** Decides every other time it is asked the same thing differently. */
const fickle = (): Deciders['tickets'] => {
  let calls = 0;
  return {
    ...ticketDecider,
    decide: (command, state) =>
      command.type === 'ChangeTicketStatus' && (calls += 1) % 2 === 0
        ? nothingToDo()
        : ticketDecider.decide(command, state),
  };
};

/** A ticket decider that takes merged users for active ones. */
const forgettingMerges: Deciders['tickets']['decide'] = (command, state) => {
  const active = (user: KnownUser): KnownUser =>
    user.status === 'merged' ? { ...user, status: 'active' } : user;
  switch (command.type) {
    case 'CreateTicket':
      return ticketDecider.decide(
        {
          ...command,
          requester: active(command.requester),
          collaborators: command.collaborators?.map(active),
        },
        state,
      );
    case 'ChangeRequester':
      return ticketDecider.decide(
        { ...command, newRequester: active(command.newRequester) },
        state,
      );
    case 'AddCollaborator':
      return ticketDecider.decide(
        { ...command, collaborator: active(command.collaborator) },
        state,
      );
    default:
      return ticketDecider.decide(command, state);
  }
};

export const mutants: ReadonlyArray<Mutant> = [
  {
    name: 'R2.8 tickets stay in an organization their requester left',
    deciders: {
      tickets: {
        ...ticketDecider,
        decide: (command, state) =>
          command.type === 'MoveTicketOrganization'
            ? nothingToDo()
            : ticketDecider.decide(command, state),
      },
    },
    breaks: ticketOrganizationIsTheRequesters,
  },
  {
    name: 'R2.1 a user who leaves their default organization keeps it as default',
    deciders: {
      users: {
        ...userDecider,
        decide: (command, state) => {
          const decision = userDecider.decide(command, state);
          return command.type === 'RemoveOrganizationMembership' && E.isRight(decision)
            ? accept(decision.right.filter((e) => e.type !== 'DefaultOrganizationChanged'))
            : decision;
        },
      },
    },
    breaks: oneDefaultOrganization,
  },
  {
    name: 'R4.1 the owner can be demoted',
    deciders: {
      users: {
        ...userDecider,
        decide: (command, state) =>
          userDecider.decide(
            command.type === 'ChangeRole' ? { ...command, isOwner: false } : command,
            state,
          ),
      },
    },
    breaks: oneOwnerWhoIsAnAdmin,
  },
  {
    name: 'R3.5 a merged user can become a requester or a CC again',
    deciders: { tickets: { ...ticketDecider, decide: forgettingMerges } },
    breaks: mergedUsersTakeNoPart,
  },
  {
    name: 'R5.2 a claimed address can be claimed by another user',
    deciders: {
      claims: {
        ...claimDecider,
        decide: (command, state) =>
          claimDecider.decide(command, command.type === 'ClaimValue' ? { holderId: null } : state),
      },
    },
    breaks: emailOnOneUser,
  },
  {
    name: 'R3.9 a target absorbs the same merged user twice',
    deciders: {
      users: {
        ...userDecider,
        decide: (command, state) =>
          userDecider.decide(
            command,
            command.type === 'AbsorbMergedUser' && state.exists
              ? { ...state, absorbedSourceIds: [] }
              : state,
          ),
      },
    },
    breaks: problemsOf('R3.9'),
  },
  {
    name: 'a refusal names a rule that does not exist',
    deciders: {
      tickets: {
        ...ticketDecider,
        decide: (command, state) => {
          const decision = ticketDecider.decide(command, state);
          return E.isLeft(decision) ? refuse('R2.10', 'no such rule') : decision;
        },
      },
    },
    breaks: problemsOf('refusal'),
  },
  {
    name: 'a decider answers the same question differently',
    deciders: { tickets: fickle() },
    breaks: problemsOf('determinism'),
  },
];

/**
 * How the user decider was before the properties found it (in about 1 of 16,000 scenarios, too
 * rarely for the list above): a deleted user could not leave a removed organization, so their
 * tickets stayed in it (R2.9).
 */
export const retiredUsersCannotLeave: Mutant = {
  name: 'R2.9 a deleted user cannot leave a removed organization',
  deciders: {
    users: {
      ...userDecider,
      decide: (command, state) =>
        command.type === 'LeaveRemovedOrganization' && state.exists && state.status !== 'active'
          ? refuse('R3.5', 'the user was retired and cannot be changed')
          : userDecider.decide(command, state),
    },
  },
  breaks: ticketOrganizationIsTheRequesters,
};
