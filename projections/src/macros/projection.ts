import { macroEvents, type MacroEvent } from '@helpdesk/events';
import { assertNever } from '../read-model/events';
import type { ProjectedEvent, Projection } from '../runtime/projection';
import { macrosSchema } from './schema';

const macroTypes: ReadonlySet<string> = new Set(macroEvents.map((d) => d.type));

const isMacroEvent = (
  projected: ProjectedEvent,
): projected is ProjectedEvent & { readonly event: MacroEvent } =>
  macroTypes.has(projected.event.type);

/**
 * The statement one event makes. Macros are few, so each event is one statement; a created row is
 * never inserted twice, and an update only moves a row forwards (a batch applied again changes
 * nothing).
 */
const statementOf = (
  projected: ProjectedEvent & { readonly event: MacroEvent },
): { readonly text: string; readonly params: unknown[] } => {
  const { event } = projected;
  const revision = projected.revision.toString();
  const at = projected.metadata.occurred_at;
  switch (event.type) {
    case 'MacroCreated':
      return {
        text: `INSERT INTO macros (id, account_id, title, body, actions, version, created_position,
                 created_at, updated_at)
               VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $8) ON CONFLICT (id) DO NOTHING`,
        params: [
          event.data.macro_id,
          event.data.account_id,
          event.data.title,
          event.data.body,
          JSON.stringify(event.data.actions),
          revision,
          projected.globalPosition.toString(),
          at,
        ],
      };
    case 'MacroChanged':
      return {
        text: `UPDATE macros SET title = $4, body = $5, actions = $6::jsonb, version = $2,
                 updated_at = $3 WHERE id = $1 AND version < $2`,
        params: [
          event.data.macro_id,
          revision,
          at,
          event.data.title,
          event.data.body,
          JSON.stringify(event.data.actions),
        ],
      };
    case 'MacroRemoved':
      return {
        text: `UPDATE macros SET removed = true, version = $2, updated_at = $3
               WHERE id = $1 AND version < $2`,
        params: [event.data.macro_id, revision, at],
      };
    default:
      return assertNever(event);
  }
};

/** `macros`: each account's canned responses (R6.6), as `GET /api/v2/macros` lists them. */
export const macrosProjection: Projection = {
  name: 'macros',
  filter: { streamPrefixes: ['macro-'] },
  tables: ['macros'],
  schema: macrosSchema,
  apply: async (session, events) => {
    for (const projected of events)
      if (isMacroEvent(projected)) {
        const { text, params } = statementOf(projected);
        await session.query(text, params);
      }
  },
};
