import type { ReplayedExisting, TicketHistoryEntry, TicketReplay } from '@helpdesk/domain';

/** Who reads the replay: end users are not shown the text of private comments (agents' notes). */
export interface ReplayReader {
  readonly seesPrivateComments: boolean;
}

/** The replayed ticket in the fields of `GET /api/v2/tickets/{id}`, and its tags. */
export const replayedTicketJson = ({ state, version, createdAt, updatedAt }: ReplayedExisting) => ({
  id: state.id,
  subject: state.subject,
  status: state.status,
  archived: state.archived,
  requester_id: state.requesterId,
  original_requester_id: state.originalRequesterId,
  organization_id: state.organizationId,
  submitter_id: state.submitterId,
  collaborator_ids: state.collaboratorIds,
  tags: state.tags,
  via: { channel: state.channel },
  version: Number(version),
  created_at: createdAt,
  updated_at: updatedAt,
});

const dataFor = (entry: TicketHistoryEntry, reader: ReplayReader): object => {
  const { event } = entry;
  if (event.type !== 'CommentAdded' || event.data.public || reader.seesPrivateComments)
    return event.data;
  const { body: _withheld, ...rest } = event.data;
  return rest;
};

/** One event of the history: what happened, who did it, through what, why, and where it sits. */
export const historyEntryJson = (entry: TicketHistoryEntry, reader: ReplayReader) => ({
  id: entry.eventId,
  type: entry.event.type,
  revision: Number(entry.revision),
  global_position: Number(entry.globalPosition),
  occurred_at: entry.metadata.occurred_at,
  recorded_at: entry.recordedAt.toISOString(),
  actor: entry.metadata.actor,
  via: entry.metadata.via,
  correlation_id: entry.metadata.correlation_id,
  causation_id: entry.metadata.causation_id,
  data: dataFor(entry, reader),
});

/**
 * A replay as auditors read it (`GET /api/v2/tickets/{id}/replay`, `helpdesk replay ticket`):
 * `{"ticket", "events", "as_of": {"revision", "time"}}`, `as_of` naming the last event folded.
 */
export const ticketReplayJson = (replay: TicketReplay, reader: ReplayReader) => ({
  ticket: replay.ticket.exists ? replayedTicketJson(replay.ticket) : null,
  events: replay.events.map((entry) => historyEntryJson(entry, reader)),
  as_of:
    replay.asOf === null
      ? { revision: null, time: null }
      : { revision: Number(replay.asOf.revision), time: replay.asOf.time },
});
