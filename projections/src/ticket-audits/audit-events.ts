import * as t from 'io-ts';
import type { TicketEvent } from '@helpdesk/events';
import { assertNever } from '../read-model/events';

/**
 * The `events` of an audit, in the shape of the Zendesk audits API: `Create` lists a new ticket's
 * fields, `Change` one field's previous and new value, `Comment` a comment. A requester or
 * organization change also says why (`reason`: `manual`, `merge`, `requester_changed`, ...).
 */
const AuditValue = t.union([t.string, t.boolean, t.array(t.string), t.null], 'AuditValue');
export type AuditValue = t.TypeOf<typeof AuditValue>;

export const AuditEvent = t.union(
  [
    t.type({
      type: t.literal('Create'),
      field_name: t.string,
      value: AuditValue,
      previous_value: t.null,
    }),
    t.intersection([
      t.type({
        type: t.literal('Change'),
        field_name: t.string,
        value: AuditValue,
        previous_value: AuditValue,
      }),
      t.partial({ reason: t.string }),
    ]),
    t.type({
      type: t.literal('Comment'),
      id: t.string,
      author_id: t.string,
      body: t.string,
      public: t.boolean,
    }),
  ],
  'AuditEvent',
);
export type AuditEvent = t.TypeOf<typeof AuditEvent>;

const create = (field_name: string, value: AuditValue): AuditEvent => ({
  type: 'Create',
  field_name,
  value,
  previous_value: null,
});

const change = (
  field_name: string,
  previous_value: AuditValue,
  value: AuditValue,
  reason?: string,
): AuditEvent =>
  reason === undefined
    ? { type: 'Change', field_name, value, previous_value }
    : { type: 'Change', field_name, value, previous_value, reason };

/**
 * What one ticket event shows in its audit. A CC change is a `Change` of `collaborator_id`:
 * previous null when a CC was added, value null when one was removed, both for a replacement (R3.7).
 */
export const auditEventsOf = (event: TicketEvent): ReadonlyArray<AuditEvent> => {
  switch (event.type) {
    case 'TicketCreated': {
      const { data } = event;
      return [
        create('subject', data.subject),
        create('status', data.status),
        create('requester_id', data.requester_id),
        create('submitter_id', data.submitter_id),
        create('organization_id', data.organization_id),
        create('collaborator_ids', [...new Set(data.collaborator_ids)]),
      ];
    }
    case 'RequesterChanged':
      return [
        change(
          'requester_id',
          event.data.previous_requester_id,
          event.data.requester_id,
          event.data.reason,
        ),
      ];
    case 'TicketOrganizationChanged':
      return [
        change(
          'organization_id',
          event.data.previous_organization_id,
          event.data.organization_id,
          event.data.reason,
        ),
      ];
    case 'TicketStatusChanged':
      return [change('status', event.data.previous_status, event.data.status)];
    case 'TicketSubjectChanged':
      return [change('subject', event.data.previous_subject, event.data.subject)];
    case 'TicketArchived':
      return [change('archived', false, true)];
    case 'CommentAdded':
      return [
        {
          type: 'Comment',
          id: event.data.comment_id,
          author_id: event.data.author_id,
          body: event.data.body,
          public: event.data.public,
        },
      ];
    case 'CollaboratorAdded':
      return [change('collaborator_id', null, event.data.user_id)];
    case 'CollaboratorRemoved':
      return [change('collaborator_id', event.data.user_id, null)];
    case 'CollaboratorReplaced':
      return [change('collaborator_id', event.data.previous_user_id, event.data.user_id)];
    case 'TicketTagAdded':
      // a tag added shows as a CC added does: no previous value (R6.5)
      return [change('tag', null, event.data.tag)];
    default:
      return assertNever(event);
  }
};

/**
 * Why the change happened, for `via.source.rel`: the metadata's own `rel` when the writer set one,
 * else what the event itself says (a merge, an organization removed or left).
 */
export const relOf = (event: TicketEvent, rel: string | null): string | null => {
  if (rel !== null) return rel;
  if (event.type === 'RequesterChanged' && event.data.reason === 'merge') return 'merge';
  if (
    event.type === 'TicketOrganizationChanged' &&
    (event.data.reason === 'organization_removed' || event.data.reason === 'membership_removed')
  )
    return event.data.reason;
  return null;
};
