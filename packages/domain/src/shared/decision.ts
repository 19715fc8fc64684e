import * as E from 'fp-ts/Either';
import type { DomainError, RuleId } from './domain-error';

/** What `decide` returns: the events to append, or why nothing may be appended. */
export type Decision<Event> = E.Either<DomainError, ReadonlyArray<Event>>;

export const accept = <Event>(events: ReadonlyArray<Event>): Decision<Event> => E.right(events);

/** A repeat that would change nothing decides nothing: that keeps process managers replay-safe. */
export const nothingToDo = <Event>(): Decision<Event> => E.right([]);

export const refuse = <Event = never>(rule: RuleId, message: string): Decision<Event> =>
  E.left({ kind: 'RuleViolation', rule, message });

/** The actor may not issue this command; `rule` names the rule when one says so (R4.2). */
export const forbidden = <Event = never>(rule: RuleId | null, message: string): Decision<Event> =>
  E.left({ kind: 'Forbidden', rule, message });

export const notFound = <Event = never>(
  entity: string,
  message = `${entity} not found`,
): Decision<Event> => E.left({ kind: 'NotFound', entity, message });

export const alreadyExists = <Event = never>(
  entity: string,
  message = `${entity} already exists`,
): Decision<Event> => E.left({ kind: 'AlreadyExists', entity, message });
