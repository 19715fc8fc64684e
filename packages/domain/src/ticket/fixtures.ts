import type { TicketEvent } from '@helpdesk/events';
import type { CommandActor, KnownUser } from '../shared/facts';
import type {
  AddCollaborator,
  AddComment,
  ArchiveTicket,
  ChangeRequester,
  ChangeTicketOrganization,
  ChangeTicketStatus,
  ChangeTicketSubject,
  CreateTicket,
  MoveTicketOrganization,
  MoveToMergeTarget,
  RemoveCollaborator,
} from './commands';

/** Test data shared by the ticket's specifications (not a test file itself). */

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const ids = {
  account: id(1),
  otherAccount: id(2),
  ticket: id(10),
  alice: id(20),
  bob: id(21),
  carol: id(22),
  dave: id(23),
  agent: id(30),
  orgA: id(40),
  orgB: id(41),
  orgC: id(42),
  foreignOrg: id(43),
  comment1: id(50),
  comment2: id(51),
};

export const agent: CommandActor = { type: 'user', id: ids.agent, role: 'agent' };
export const admin: CommandActor = { type: 'user', id: id(31), role: 'admin' };
export const endUser: CommandActor = { type: 'user', id: ids.alice, role: 'end-user' };
export const system = { type: 'system' } as const;

const endUserFacts = (overrides: Partial<KnownUser> & Pick<KnownUser, 'id'>): KnownUser => ({
  accountId: ids.account,
  role: 'end-user',
  status: 'active',
  organizationIds: [],
  defaultOrganizationId: null,
  ...overrides,
});

/** Alice belongs to organizations A (her default) and B. */
export const alice = endUserFacts({
  id: ids.alice,
  organizationIds: [ids.orgA, ids.orgB],
  defaultOrganizationId: ids.orgA,
});
/** Bob belongs to organization C only. */
export const bob = endUserFacts({
  id: ids.bob,
  organizationIds: [ids.orgC],
  defaultOrganizationId: ids.orgC,
});
/** Carol belongs to no organization. */
export const carol = endUserFacts({ id: ids.carol });
/** Dave belongs to organizations B (his default) and C. */
export const dave = endUserFacts({
  id: ids.dave,
  organizationIds: [ids.orgB, ids.orgC],
  defaultOrganizationId: ids.orgB,
});

export const withStatus = (user: KnownUser, status: KnownUser['status']): KnownUser => ({
  ...user,
  status,
});
export const inOtherAccount = (user: KnownUser): KnownUser => ({
  ...user,
  accountId: ids.otherAccount,
});

type CreatedData = Extract<TicketEvent, { type: 'TicketCreated' }>['data'];

/** Alice's ticket in organization A, opened by an agent on the web. */
export const ticketCreated = (overrides: Partial<CreatedData> = {}): TicketEvent => ({
  type: 'TicketCreated',
  data: {
    ticket_id: ids.ticket,
    account_id: ids.account,
    subject: 'Printer on fire',
    requester_id: ids.alice,
    submitter_id: ids.agent,
    organization_id: ids.orgA,
    status: 'new',
    channel: 'web',
    collaborator_ids: [],
    ...overrides,
  },
});

export const statusChanged = (
  previous: CreatedData['status'],
  status: CreatedData['status'],
): TicketEvent => ({
  type: 'TicketStatusChanged',
  data: { ticket_id: ids.ticket, previous_status: previous, status },
});

export const closed: ReadonlyArray<TicketEvent> = [
  statusChanged('new', 'solved'),
  statusChanged('solved', 'closed'),
];
export const archived: ReadonlyArray<TicketEvent> = [
  ...closed,
  { type: 'TicketArchived', data: { ticket_id: ids.ticket } },
];

export const requesterChanged = (
  from: string,
  to: string,
  reason: 'manual' | 'merge',
): TicketEvent => ({
  type: 'RequesterChanged',
  data: { ticket_id: ids.ticket, previous_requester_id: from, requester_id: to, reason },
});

export const organizationChanged = (
  from: string | null,
  to: string | null,
  reason: 'manual' | 'requester_changed' | 'membership_removed' | 'organization_removed',
): TicketEvent => ({
  type: 'TicketOrganizationChanged',
  data: {
    ticket_id: ids.ticket,
    previous_organization_id: from,
    organization_id: to,
    reason,
  },
});

export const createTicket = (overrides: Partial<CreateTicket> = {}): CreateTicket => ({
  type: 'CreateTicket',
  ticketId: ids.ticket,
  accountId: ids.account,
  actor: agent,
  subject: 'Printer on fire',
  requester: alice,
  submitterId: ids.agent,
  channel: 'web',
  ...overrides,
});

export const changeRequester = (
  newRequester: KnownUser,
  actor: CommandActor = agent,
): ChangeRequester => ({ type: 'ChangeRequester', ticketId: ids.ticket, actor, newRequester });

export const moveToMergeTarget = (sourceId: string, target: KnownUser): MoveToMergeTarget => ({
  type: 'MoveToMergeTarget',
  ticketId: ids.ticket,
  actor: system,
  sourceId,
  target,
});

export const changeOrganization = (
  organizationId: string | null,
  requester: KnownUser = alice,
  actor: CommandActor = agent,
): ChangeTicketOrganization => ({
  type: 'ChangeTicketOrganization',
  ticketId: ids.ticket,
  actor,
  organizationId,
  requester,
});

export const moveOrganization = (
  overrides: Partial<MoveTicketOrganization> = {},
): MoveTicketOrganization => ({
  type: 'MoveTicketOrganization',
  ticketId: ids.ticket,
  actor: system,
  requesterId: ids.alice,
  fromOrganizationId: ids.orgA,
  toOrganizationId: ids.orgB,
  reason: 'membership_removed',
  ...overrides,
});

export const changeStatus = (status: ChangeTicketStatus['status']): ChangeTicketStatus => ({
  type: 'ChangeTicketStatus',
  ticketId: ids.ticket,
  actor: agent,
  status,
});

export const changeSubject = (subject: string): ChangeTicketSubject => ({
  type: 'ChangeTicketSubject',
  ticketId: ids.ticket,
  actor: agent,
  subject,
});

export const addComment = (commentId: string = ids.comment1): AddComment => ({
  type: 'AddComment',
  ticketId: ids.ticket,
  actor: agent,
  commentId,
  authorId: ids.agent,
  body: 'Have you tried water?',
  public: true,
});

export const addCollaborator = (collaborator: KnownUser): AddCollaborator => ({
  type: 'AddCollaborator',
  ticketId: ids.ticket,
  actor: agent,
  collaborator,
});

export const removeCollaborator = (collaboratorId: string): RemoveCollaborator => ({
  type: 'RemoveCollaborator',
  ticketId: ids.ticket,
  actor: agent,
  collaboratorId,
});

export const archiveTicket: ArchiveTicket = {
  type: 'ArchiveTicket',
  ticketId: ids.ticket,
  actor: system,
};
