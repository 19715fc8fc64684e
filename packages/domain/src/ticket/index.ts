export {
  AddTicketTag,
  AddCollaborator,
  AddComment,
  ArchiveTicket,
  ChangeRequester,
  ChangeTicketOrganization,
  ChangeTicketStatus,
  ChangeTicketSubject,
  CreateTicket,
  FirstComment,
  MoveTicketOrganization,
  MoveToMergeTarget,
  OrganizationMoveReason,
  RemoveCollaborator,
  SystemActor,
  TicketChannel,
  TicketCommand,
} from './commands';
export type { ExistingTicket, Ticket } from './state';
// aliased: every aggregate has an initialState, evolve and decide of its own
export { initialState as initialTicketState, evolve as evolveTicket } from './state';
export { decide as decideTicket } from './decide';
export { ticketDecider } from './decider';
export { defaultOrganizationOf } from './organization-choice';
export { TagInput, normalizeTag } from './tags';
export { isClosed } from './read-only';
export * from './replay';
