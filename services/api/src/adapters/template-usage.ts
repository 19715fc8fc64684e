import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { AppError, TemplateUsage } from '@helpdesk/application';
import { triggerIdsSendingFrom } from '@helpdesk/projections';
import type { ApiEnv } from '../env';

const unavailable = (message: string): AppError => ({ kind: 'StoreUnavailable', message });

/**
 * R6.5 from the triggers read model, once it has taken in everything recorded so far: a trigger
 * that names the template just before it is removed is seen (positions follow commit order).
 */
export const readModelTemplateUsage = (env: ApiEnv): TemplateUsage => ({
  triggersSendingFrom: (accountId, templateId) =>
    pipe(
      env.commands.eventStore.headPosition(),
      TE.mapLeft((error) => unavailable(`the log's head cannot be read: ${error.kind}`)),
      TE.chain((head) =>
        head === undefined
          ? TE.right(undefined)
          : pipe(
              env.readModels.waitFor('triggers', head),
              TE.bimap(
                (error) => unavailable(`the triggers read model is behind: ${error.kind}`),
                () => undefined,
              ),
            ),
      ),
      TE.chain(() =>
        pipe(
          triggerIdsSendingFrom(env.session, accountId, templateId),
          TE.mapLeft((error) => unavailable(error.message)),
        ),
      ),
    ),
});
