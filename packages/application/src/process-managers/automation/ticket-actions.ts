import * as E from 'fp-ts/Either';
import {
  ticketDecider,
  type Decider,
  type DomainError,
  type Ticket,
  type TicketCommand,
} from '@helpdesk/domain';
import type { TicketEvent } from '@helpdesk/events';

export interface Refusal {
  readonly command: TicketCommand;
  readonly error: DomainError;
}

/**
 * The trigger actions decided one after the other, each against what the ones before made of the
 * ticket; an action the ticket refuses (R1.5: a closed ticket is read-only, and never back to
 * `new`) is left out and the others still run, because one rule's stale action must not cancel
 * another's. `refused` hears of each one left out, for the log.
 */
export const eachOnItsOwn = (
  refused: (refusals: ReadonlyArray<Refusal>) => void,
): Decider<ReadonlyArray<TicketCommand>, TicketEvent, Ticket> => ({
  initialState: ticketDecider.initialState,
  evolve: ticketDecider.evolve,
  decide: (commands, state) => {
    let current = state;
    const decided: TicketEvent[] = [];
    const refusals: Refusal[] = [];
    for (const command of commands) {
      const decision = ticketDecider.decide(command, current);
      if (E.isLeft(decision)) {
        refusals.push({ command, error: decision.left });
        continue;
      }
      decided.push(...decision.right);
      current = decision.right.reduce(ticketDecider.evolve, current);
    }
    refused(refusals);
    return E.right(decided);
  },
});
