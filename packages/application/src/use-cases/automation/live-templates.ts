import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { emailTemplateDecider } from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import type { EventStore } from '@helpdesk/event-store';
import type { AppError } from '../../command/app-error';
import { loadStream } from '../../command/load-stream';

/**
 * Of these template ids, those of live templates of the account, read from their streams (always
 * up to date): a trigger may only mail from one of them (R6.5).
 */
export const liveTemplateIds = (
  store: EventStore,
  accountId: Uuid,
  templateIds: ReadonlyArray<Uuid>,
): TE.TaskEither<AppError, ReadonlyArray<Uuid>> =>
  pipe(
    [...new Set(templateIds)].map((templateId) =>
      pipe(
        loadStream(store, emailTemplateDecider, streams.template(templateId)),
        TE.map(({ state }) =>
          state !== null && !state.removed && state.accountId === accountId ? [templateId] : [],
        ),
      ),
    ),
    TE.sequenceSeqArray,
    TE.map((found) => found.flat()),
  );
