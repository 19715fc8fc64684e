import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { ExistingUser } from '@helpdesk/domain';
import type { Uuid } from '@helpdesk/events';
import type { EventStore } from '@helpdesk/event-store';
import { domainRefusal, type AppError } from '../command/app-error';
import { loadUser } from './lookups';

/** A chain of merges is short; a longer one can only come from a corrupt log. */
const maxMergesFollowed = 1000;

/**
 * R3.6: a user whose merge into them is not completed cannot be deleted, or the merge's tickets
 * would have nobody to go to. The user decider cannot see it (`UserMerged` is in the source's
 * stream), so the use case looks: the users this one absorbed (the merge request makes the
 * target absorb its source at once), and the users those absorbed, since their merges now end
 * here too (R3.5), each read from its stream.
 */
export const refusalWhileMergedInto =
  (store: EventStore, accountId: Uuid, user: ExistingUser): TE.TaskEither<AppError, void> =>
  async () => {
    const toCheck = [...user.absorbedSourceIds];
    const seen = new Set<Uuid>();
    while (toCheck.length > 0 && seen.size < maxMergesFollowed) {
      const sourceId = toCheck.pop()!;
      if (seen.has(sourceId)) continue;
      seen.add(sourceId);
      const source = await loadUser(store, accountId, sourceId)();
      if (E.isLeft(source)) return source;
      if (!source.right.mergeCompleted)
        return E.left(
          domainRefusal({
            kind: 'RuleViolation',
            rule: 'R3.6',
            message: `user ${sourceId} is still being merged into this user: it cannot be deleted before that merge completes`,
          }),
        );
      toCheck.push(...source.right.absorbedSourceIds);
    }
    return E.right(undefined);
  };
