import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { SqlSession } from '@helpdesk/event-store';
import {
  TriggerAction,
  TriggerConditions,
  TriggerEventType,
  type TriggerConditions as Conditions,
} from '@helpdesk/events';
import { accountObjects } from '../read-model/account-objects';
import { selectRows, type ReadModelError } from '../read-model/query';
import { BigIntFromText, Int, IsoTimestamp } from '../read-model/row-codecs';

const TriggerRecord = t.type({
  id: t.string,
  account_id: t.string,
  title: t.string,
  event: TriggerEventType,
  conditions: TriggerConditions,
  actions: t.array(TriggerAction),
  stop_processing: t.boolean,
  active: t.boolean,
  position: Int,
  version: BigIntFromText,
  created_position: BigIntFromText,
  created_at: IsoTimestamp,
  updated_at: IsoTimestamp,
});
type TriggerRecord = t.TypeOf<typeof TriggerRecord>;

/** A trigger as `GET /api/v2/triggers` serves it (R6.5); conditions and actions in the log's words. */
export interface TriggerView {
  readonly id: string;
  readonly accountId: string;
  readonly title: string;
  readonly event: TriggerEventType;
  readonly conditions: Conditions;
  readonly actions: ReadonlyArray<TriggerAction>;
  readonly stopProcessing: boolean;
  readonly active: boolean;
  readonly position: number;
  readonly version: bigint;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const toView = (r: TriggerRecord): TriggerView => ({
  id: r.id,
  accountId: r.account_id,
  title: r.title,
  event: r.event,
  conditions: r.conditions,
  actions: r.actions,
  stopProcessing: r.stop_processing,
  active: r.active,
  position: r.position,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const columns = `id, account_id, title, event, conditions, actions, stop_processing, active,
  position, version::text AS version, created_position::text AS created_position, created_at,
  updated_at`;

const triggersObjects = accountObjects({
  table: 'triggers',
  what: 'triggers',
  columns,
  codec: TriggerRecord,
  toView,
});

/**
 * The account's triggers not removed, in the order they were created (the page cursor's order);
 * `position` says the order they run in.
 */
export const listTriggers = triggersObjects.list;

/** One trigger of the account; a removed one, or another account's, is none. */
export const findTrigger = triggersObjects.find;

const Id = t.type({ id: t.string });

/** The triggers, active or not, that mail from a template: it cannot be removed under them. */
export const triggerIdsSendingFrom = (
  session: SqlSession,
  accountId: string,
  templateId: string,
): TE.TaskEither<ReadModelError, ReadonlyArray<string>> =>
  pipe(
    selectRows(Id, 'triggers')(
      session,
      `SELECT id FROM triggers
       WHERE account_id = $1 AND NOT removed AND template_ids @> ARRAY[$2::uuid]
       ORDER BY created_position`,
      [accountId, templateId],
    ),
    TE.map((rows) => rows.map((r) => r.id)),
  );

const Next = t.type({ next: Int });

/** Where a trigger created without a position goes: after every trigger of the account. */
export const nextTriggerPosition = (
  session: SqlSession,
  accountId: string,
): TE.TaskEither<ReadModelError, number> =>
  pipe(
    selectRows(Next, 'triggers')(
      session,
      `SELECT (coalesce(max(position), 0) + 1)::int AS next FROM triggers
       WHERE account_id = $1 AND NOT removed`,
      [accountId],
    ),
    TE.map((rows) => rows[0]?.next ?? 1),
  );
