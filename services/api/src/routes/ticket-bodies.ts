import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { CcChange, PersonRef, TicketChanges, TicketRequest } from '@helpdesk/application';
import type { DomainError } from '@helpdesk/domain';
import { EmailAddress, NonEmptyString, TicketStatus, Uuid, nullable } from '@helpdesk/events';
import { invalidInput, type ApiError } from '../http/errors';

/** The bodies of the tickets routes, as Zendesk clients send them (snake_case, wrapped). */

const NewPerson = t.intersection([
  t.type({ email: EmailAddress }),
  t.partial({ name: NonEmptyString }),
]);

/** Zendesk's `email_ccs` entries: a user by id, or by address (a new end user if unknown, R5.1). */
const EmailCc = t.intersection([
  t.union([
    t.type({ user_id: Uuid }),
    t.intersection([
      t.type({ user_email: EmailAddress }),
      t.partial({ user_name: NonEmptyString }),
    ]),
  ]),
  t.partial({ action: t.keyof({ put: null, delete: null }) }),
]);
type EmailCc = t.TypeOf<typeof EmailCc>;

const Comment = t.intersection([
  t.type({ body: NonEmptyString }),
  t.partial({ public: t.boolean }),
]);
type Comment = t.TypeOf<typeof Comment>;

const Via = t.type({ channel: t.keyof({ api: null, web: null }) });

const ticketFields = {
  subject: NonEmptyString,
  comment: Comment,
  requester_id: Uuid,
  requester: NewPerson,
  organization_id: nullable(Uuid),
  status: TicketStatus,
  email_ccs: t.array(EmailCc),
};

export const NewTicketBody = t.type({ ticket: t.partial({ ...ticketFields, via: Via }) });
export type NewTicketBody = t.TypeOf<typeof NewTicketBody>;

export const TicketChangesBody = t.type({ ticket: t.partial(ticketFields) });
export type TicketChangesBody = t.TypeOf<typeof TicketChangesBody>;

/** `body`, or `macro_id` for a canned response (R6.6): `replyRequestOf` takes exactly one. */
export const ReplyBody = t.type({
  reply: t.partial({ body: NonEmptyString, macro_id: Uuid, public: t.boolean }),
});

/** Zendesk's limit on the people copied on one ticket. */
export const maxEmailCcs = 48;

const subjectLength = 150;

const requesterOf = (
  ticket: Pick<NewTicketBody['ticket'], 'requester_id' | 'requester'>,
): E.Either<ApiError, PersonRef | undefined> => {
  if (ticket.requester_id !== undefined && ticket.requester !== undefined)
    return E.left(invalidInput('ticket.requester', 'either requester_id or requester', 'both'));
  if (ticket.requester_id !== undefined)
    return E.right({ kind: 'user', userId: ticket.requester_id });
  if (ticket.requester !== undefined)
    return E.right({
      kind: 'person',
      email: ticket.requester.email,
      ...(ticket.requester.name === undefined ? {} : { name: ticket.requester.name }),
    });
  return E.right(undefined);
};

const personOfCc = (cc: EmailCc): PersonRef =>
  'user_id' in cc
    ? { kind: 'user', userId: cc.user_id }
    : {
        kind: 'person',
        email: cc.user_email,
        ...(cc.user_name === undefined ? {} : { name: cc.user_name }),
      };

const ccsOf = (ccs: ReadonlyArray<EmailCc> | undefined): E.Either<ApiError, CcChange[]> =>
  ccs !== undefined && ccs.length > maxEmailCcs
    ? E.left(invalidInput('ticket.email_ccs', `at most ${maxEmailCcs} people`, String(ccs.length)))
    : E.right((ccs ?? []).map((cc) => ({ person: personOfCc(cc), action: cc.action ?? 'put' })));

const commentOf = (comment: Comment) => ({ body: comment.body, public: comment.public ?? true });

/** Zendesk takes the first line of the first comment when no subject is given. */
const subjectFrom = (comment: Comment | undefined): string | undefined => {
  const line = comment?.body.trim().split('\n')[0]?.trim();
  return line === undefined || line === '' ? undefined : line.slice(0, subjectLength);
};

export const ticketRequestOf = (
  ticket: NewTicketBody['ticket'],
): E.Either<ApiError, TicketRequest> => {
  const requester = requesterOf(ticket);
  if (E.isLeft(requester)) return requester;
  if (requester.right === undefined)
    return E.left(invalidInput('ticket.requester_id', 'a requester_id or a requester', 'neither'));
  const subject = ticket.subject ?? subjectFrom(ticket.comment);
  if (subject === undefined)
    return E.left(invalidInput('ticket.subject', 'a subject or a comment', 'neither'));
  const ccs = ccsOf(ticket.email_ccs);
  if (E.isLeft(ccs)) return ccs;
  // a `delete` on a ticket being created has nobody to stop copying
  const copied = ccs.right.filter((cc) => cc.action === 'put').map((cc) => cc.person);
  return E.right({
    subject,
    requester: requester.right,
    channel: ticket.via?.channel ?? 'api',
    ...(ticket.organization_id === undefined ? {} : { organizationId: ticket.organization_id }),
    ...(ticket.status === undefined ? {} : { status: ticket.status }),
    ...(ticket.comment === undefined ? {} : { comment: commentOf(ticket.comment) }),
    ...(copied.length === 0 ? {} : { ccs: copied }),
  });
};

export const ticketChangesOf = (
  ticket: TicketChangesBody['ticket'],
): E.Either<ApiError, TicketChanges> => {
  const requester = requesterOf(ticket);
  if (E.isLeft(requester)) return requester;
  const ccs = ccsOf(ticket.email_ccs);
  if (E.isLeft(ccs)) return ccs;
  return E.right({
    ...(ticket.subject === undefined ? {} : { subject: ticket.subject }),
    ...(requester.right === undefined ? {} : { requester: requester.right }),
    ...(ticket.organization_id === undefined ? {} : { organizationId: ticket.organization_id }),
    ...(ticket.status === undefined ? {} : { status: ticket.status }),
    ...(ticket.comment === undefined ? {} : { comment: commentOf(ticket.comment) }),
    ...(ccs.right.length === 0 ? {} : { ccs: ccs.right }),
  });
};

/** Where a refused ticket write shows in `details`: the field the rule is about. */
export const ticketFieldOf = (error: DomainError): string => {
  if (error.kind !== 'RuleViolation' && error.kind !== 'Forbidden') return 'ticket';
  switch (error.rule) {
    case 'R1.1':
    case 'R1.2':
    case 'R1.6':
    case 'R3.5':
      return 'ticket.requester_id';
    case 'R2.2':
    case 'R2.4':
    case 'R2.5':
    case 'R2.6':
    case 'R2.7':
      return 'ticket.organization_id';
    case 'R5.2':
    case 'R5.3':
      return 'ticket.requester.email';
    default:
      return 'ticket';
  }
};
